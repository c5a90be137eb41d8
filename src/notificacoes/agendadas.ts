import type { Core } from '@strapi/strapi';
import {
  DIAS_AVISO_VENCIMENTO,
  diaAtual,
  EstadoProcesso,
  fimDoDia,
  inicioDoDia,
  UID,
} from '@orquestrador-rpa/contrato';
import { lerProcessoParaMensagem } from './eventos-do-workflow';
import { despacharNotificacoes } from './fila';
import { textoDoProcesso, textoDoResumo } from './mensagens';
import { registrarNotificacoes } from './registro';

const somarDias = (dia: string, dias: number): string => {
  const data = new Date(`${dia}T12:00:00Z`);
  data.setUTCDate(data.getUTCDate() + dias);
  return data.toISOString().slice(0, 10);
};

/**
 * Lembra os aprovadores das faturas que vencem em 3 e em 1 dia e ainda aguardam aprovação. A
 * marca (D-3/D-1 + vencimento) faz a rotina poder rodar mais de uma vez no dia, ou em vários
 * servidores, sem repetir mensagem.
 */
export const avisarVencimentos = async (strapi: Core.Strapi, hoje = diaAtual()): Promise<number> => {
  const criadas: string[] = [];
  for (const dias of DIAS_AVISO_VENCIMENTO) {
    const vencimento = somarDias(hoje, dias);
    const processos = (await strapi.db.query(UID.PROCESSO).findMany({
      where: { status_processo: EstadoProcesso.AGUARDANDO_APROVACAO, data_vencimento: vencimento },
      select: ['documentId'],
    })) as Array<{ documentId: string }>;
    for (const { documentId } of processos) {
      const processo = await lerProcessoParaMensagem(strapi, { documentId });
      if (!processo) continue;
      criadas.push(
        ...(await registrarNotificacoes(strapi, {
          evento: 'VENCIMENTO_PROXIMO',
          texto: textoDoProcesso('VENCIMENTO_PROXIMO', processo),
          marca: `D-${dias}:${vencimento}`,
          processo,
        }))
      );
    }
  }
  await despacharNotificacoes(strapi, criadas);
  return criadas.length;
};

/** Resumo do dia: quantas aguardam aprovação, estão com falha, a conferir e foram enviadas hoje. */
export const enviarResumoDiario = async (strapi: Core.Strapi, hoje = diaAtual()): Promise<number> => {
  const contar = (where: Record<string, unknown>) => strapi.db.query(UID.PROCESSO).count({ where });
  const contagem = {
    aguardando: await contar({ status_processo: EstadoProcesso.AGUARDANDO_APROVACAO }),
    falhas: await contar({
      status_processo: { $in: [EstadoProcesso.FALHA_DOWNLOAD, EstadoProcesso.FALHA_ENVIO_SAT] },
    }),
    conferir: await contar({ status_processo: EstadoProcesso.CONFERIR_SAT }),
    enviadas: await contar({
      status_processo: EstadoProcesso.ENVIADO_SAT,
      data_envio_sat: { $gte: inicioDoDia(hoje), $lte: fimDoDia(hoje) },
    }),
  };
  const criadas = await registrarNotificacoes(strapi, {
    evento: 'RESUMO_DIARIO',
    texto: textoDoResumo(hoje, contagem),
    marca: hoje,
  });
  await despacharNotificacoes(strapi, criadas);
  return criadas.length;
};

/** Rotina diária (agendamento ENVIAR_RELATORIOS): avisos de vencimento e resumo; devolve quantas mensagens. */
export const rotinaDiariaDeNotificacoes = async (
  strapi: Core.Strapi
): Promise<{ avisos: number; resumos: number }> => ({
  avisos: await avisarVencimentos(strapi),
  resumos: await enviarResumoDiario(strapi),
});
