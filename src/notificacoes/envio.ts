import type { Core } from '@strapi/strapi';
import {
  StatusNotificacao,
  UID,
  type CanalNotificacao,
  type EventoNotificacao,
} from '@orquestrador-rpa/contrato';
import { abrirArquivo, buscarArquivo } from '../arquivos/armazenamento';
import { configuracao } from '../configuracao';
import { canais, ErroCanal } from './canais';
import { gerarTokenDecisao, segredoDosLinks } from './link-decisao';
import { MARCADOR_LINK_DECISAO } from './mensagens';
import { levaLinkDeDecisao } from './decisao';

/** No lugar da linha do link de decisão, quando a mensagem não pode levá-lo. */
const SEM_LINK_DE_DECISAO = 'Para decidir, abra a análise no painel (com o seu login).';

interface LinhaCaixa {
  id: number;
  documentId: string;
  evento: EventoNotificacao | null;
  tipo_notificacao: CanalNotificacao;
  destinatario: string;
  assunto: string | null;
  mensagem: string;
  tentativas_envio: number;
  reenvios: number | null;
  createdAt: string;
  processo: { id: number; documentId: string; mes_ano: string; id_arquivo_fatura: number | null } | null;
}

/** Eventos cuja mensagem leva a fatura em anexo (quando o canal aceita). */
const COM_FATURA = new Set<EventoNotificacao>(['AGUARDANDO_APROVACAO', 'VENCIMENTO_PROXIMO']);

export interface ProximoPasso {
  /** Re-tentativa agendada (erro técnico): em quanto tempo e com qual número de tentativa. */
  retentar?: { documentId: string; tentativa: number; reenvios: number; esperaMs: number };
}

/** Link assinado de aprovar/rejeitar, válido por `NOTIFICACOES_LINK_HORAS` desde a criação da notificação. */
export const linkDeDecisao = (
  strapi: Core.Strapi,
  linha: { documentId: string; createdAt: string }
): string => {
  const { urlPublica, linkDecisaoHoras } = configuracao().notificacoes;
  const expiraEm = Math.floor(new Date(linha.createdAt).getTime() / 1000) + linkDecisaoHoras * 3600;
  return `${urlPublica}/api/decisoes/${gerarTokenDecisao({ notificacao: linha.documentId, expiraEm }, segredoDosLinks(strapi))}`;
};

const lerFatura = async (
  strapi: Core.Strapi,
  id: number
): Promise<{ nome: string; conteudo: Buffer } | null> => {
  const arquivo = await buscarArquivo(strapi, id);
  if (!arquivo) return null;
  const partes: Buffer[] = [];
  for await (const parte of await abrirArquivo(strapi, arquivo)) partes.push(Buffer.from(parte as Buffer));
  return { nome: arquivo.nome, conteudo: Buffer.concat(partes) };
};

const esperaExponencial = (tentativa: number): number =>
  configuracao().notificacoes.esperaInicialMs * 2 ** Math.max(0, tentativa - 1);

/**
 * Envia uma linha da caixa de saída, uma vez: compare-and-set PENDENTE → ENVIANDO (quem não
 * ganhar, não envia), envio pelo canal e registro do resultado. Erro técnico volta a PENDENTE com
 * `proxima_tentativa` (respeitando o Retry-After); definitivo ou tentativas esgotadas → FALHOU.
 */
export const processarNotificacao = async (
  strapi: Core.Strapi,
  documentId: string
): Promise<ProximoPasso> => {
  const consulta = strapi.db.query(UID.NOTIFICACAO);
  const agora = new Date();
  const { count } = await consulta.updateMany({
    where: {
      documentId,
      status_envio: StatusNotificacao.PENDENTE,
      $or: [{ proxima_tentativa: { $null: true } }, { proxima_tentativa: { $lte: agora } }],
    },
    data: { status_envio: StatusNotificacao.ENVIANDO, envio_iniciado_em: agora },
  });
  if (count !== 1) return {};
  const linha = (await consulta.findOne({
    where: { documentId },
    populate: { processo: { select: ['id', 'documentId', 'mes_ano', 'id_arquivo_fatura'] } },
  })) as LinhaCaixa;
  const tentativa = linha.tentativas_envio + 1;
  const terminar = (data: Record<string, unknown>) =>
    consulta.updateMany({
      where: { id: linha.id, status_envio: StatusNotificacao.ENVIANDO },
      data: { tentativas_envio: tentativa, envio_iniciado_em: null, ...data },
    });
  const canal = canais(strapi)[linha.tipo_notificacao];
  const estado = canal.estado();
  if (!estado.configurado) {
    await terminar({
      status_envio: StatusNotificacao.FALHOU,
      mensagem_erro: `Canal ${linha.tipo_notificacao} desligado: configure ${estado.faltando.join(', ')} e reenvie.`,
    });
    return {};
  }
  try {
    // O link que decide sem login só vai a destino pessoal de quem decide agora (papel de hoje, fora
    // da carência); grupo, canal e webhook, ou quem deixou de aprovar, recebem só a análise no painel.
    const comLink =
      linha.mensagem.includes(MARCADOR_LINK_DECISAO) && (await levaLinkDeDecisao(strapi, linha.documentId));
    const texto = linha.mensagem
      .split('\n')
      .map((l) =>
        !l.includes(MARCADOR_LINK_DECISAO)
          ? l
          : comLink
            ? l.split(MARCADOR_LINK_DECISAO).join(linkDeDecisao(strapi, linha))
            : SEM_LINK_DE_DECISAO
      )
      .join('\n');
    const idFatura = linha.processo?.id_arquivo_fatura;
    const anexo =
      canal.aceitaAnexo && linha.evento && COM_FATURA.has(linha.evento) && idFatura
        ? await lerFatura(strapi, idFatura)
        : null;
    const { idExterno } = await canal.enviar({
      destino: linha.destinatario,
      assunto: linha.assunto ?? '',
      texto,
      anexo,
    });
    await terminar({
      status_envio: StatusNotificacao.ENVIADO,
      data_envio: new Date(),
      id_externo: idExterno,
      mensagem_erro: null,
      proxima_tentativa: null,
    });
    return {};
  } catch (bruto) {
    const erro =
      bruto instanceof ErroCanal
        ? bruto
        : new ErroCanal(`Erro inesperado no envio: ${(bruto as Error).message}`, false);
    const esgotou = tentativa >= configuracao().notificacoes.tentativas;
    if (erro.definitivo || esgotou) {
      await terminar({
        status_envio: StatusNotificacao.FALHOU,
        mensagem_erro: erro.definitivo
          ? erro.message
          : `Desistiu depois de ${tentativa} tentativa(s): ${erro.message}`,
      });
      return {};
    }
    const esperaMs = Math.max(erro.esperarMs ?? 0, esperaExponencial(tentativa));
    await terminar({
      status_envio: StatusNotificacao.PENDENTE,
      mensagem_erro: erro.message,
      proxima_tentativa: new Date(Date.now() + esperaMs),
    });
    return { retentar: { documentId, tentativa, reenvios: linha.reenvios ?? 0, esperaMs } };
  }
};
