import os from 'os';
import type { Core } from '@strapi/strapi';
import { StatusDisparo, UID, type ItemAgendamento, type OrigemDisparo } from '@orquestrador-rpa/contrato';
import { ehViolacaoDeUnicidade } from '../regras/erros';
import { proximasExecucoes } from './calendario';
import { executarTarefa } from './tarefas';

/** Quem disparou, para o histórico (máquina e processo). */
export const INSTANCIA = `${os.hostname()}:${process.pid}`;

/** A linha do banco: os campos que a lista do painel mostra, mais os que o agendador usa. */
export interface Agendamento extends Pick<
  ItemAgendamento,
  | 'documentId'
  | 'nome_agendamento'
  | 'tipo_agendamento'
  | 'cron_expressao'
  | 'fuso_horario'
  | 'status_ativo'
  | 'politica_atraso'
  | 'ultima_execucao'
> {
  id: number;
  parametros_execucao: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
}

export interface DisparoFeito {
  documentId: string;
  status: StatusDisparo;
  resultado: string | null;
  erro: string | null;
}

/** Chave única do disparo: o agendamento e o instante programado (o manual leva a marca própria). */
export const chaveDoDisparo = (agendamento: string, instante: Date, origem: OrigemDisparo): string =>
  `${agendamento}@${origem === 'MANUAL' ? 'manual@' : ''}${instante.toISOString()}`;

/**
 * Reivindica o instante gravando a linha única do histórico; só quem grava executa. Com dois ou
 * mais Strapi no ar, o mesmo instante cai na mesma chave: um grava, os outros recebem a violação
 * de unicidade e não fazem nada (devolve null). `ignorar` registra o disparo perdido sem executar.
 */
export const reivindicarEExecutar = async (
  strapi: Core.Strapi,
  agendamento: Agendamento,
  instante: Date,
  origem: OrigemDisparo,
  ignorar: string | null = null
): Promise<DisparoFeito | null> => {
  const disparos = strapi.db.query(UID.DISPARO_AGENDAMENTO);
  const inicio = new Date();
  let linha: { id: number; documentId: string };
  try {
    linha = (await disparos.create({
      data: {
        chave: chaveDoDisparo(agendamento.documentId, instante, origem),
        agendamento: agendamento.id,
        instante_programado: instante,
        origem,
        status: ignorar ? StatusDisparo.IGNORADO : StatusDisparo.EM_ANDAMENTO,
        inicio,
        instancia: INSTANCIA,
        resultado: ignorar,
        publishedAt: inicio,
      },
      select: ['id', 'documentId'],
    })) as { id: number; documentId: string };
  } catch (erro) {
    if (ehViolacaoDeUnicidade(erro)) return null;
    throw erro;
  }
  if (ignorar)
    return { documentId: linha.documentId, status: StatusDisparo.IGNORADO, resultado: ignorar, erro: null };
  let resultado: string | null = null;
  let falha: string | null = null;
  try {
    resultado = await executarTarefa(
      strapi,
      agendamento.tipo_agendamento,
      agendamento.parametros_execucao ?? {}
    );
  } catch (erro) {
    falha = (erro as Error).message;
    strapi.log.error(`Agendamento "${agendamento.nome_agendamento}" falhou: ${falha}`);
  }
  const fim = new Date();
  const status = falha ? StatusDisparo.ERRO : StatusDisparo.SUCESSO;
  await disparos.update({
    where: { id: linha.id },
    data: { status, fim, duracao_ms: fim.getTime() - inicio.getTime(), resultado, erro: falha },
  });
  const atual = (await strapi.db.query(UID.AGENDAMENTO).findOne({
    where: { id: agendamento.id },
    select: ['cron_expressao', 'fuso_horario', 'status_ativo'],
  })) as Pick<Agendamento, 'cron_expressao' | 'fuso_horario' | 'status_ativo'> | null;
  if (atual) {
    await strapi.db.query(UID.AGENDAMENTO).update({
      where: { id: agendamento.id },
      data: {
        ultima_execucao: inicio,
        ultimo_status: status,
        ultimo_resultado: falha ?? resultado,
        proxima_execucao: atual.status_ativo
          ? (proximasExecucoes(atual.cron_expressao, atual.fuso_horario, 1)[0] ?? null)
          : null,
      },
    });
  }
  return { documentId: linha.documentId, status, resultado, erro: falha };
};
