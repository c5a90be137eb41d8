import type { Core } from '@strapi/strapi';
import { autorAtual } from '../regras/autor';
import { ehCampoSecreto, registrarAuditoria } from '../regras/auditoria';
import { identidadeAtual } from '../seguranca/requisitante';
import { eventosWorkflow } from './eventos';
import {
  ehStatusExecucaoAberto,
  type StatusExecucao,
  type TipoExecucao,
  UID,
} from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;

export interface NovaExecucao {
  processoId: number;
  processoDocumentId: string;
  tipo: TipoExecucao;
  status: StatusExecucao;
  parametros?: Dados;
  resultado?: Dados;
  usuarioId?: number | null;
  mensagem?: string;
  urlArquivo?: string | null;
  concluida?: boolean;
  /** Robô que a fez (código do portal), quando a execução já nasce concluída (ex.: fatura por e-mail). */
  classeRpa?: string;
  /** Identidade de login de quem pediu (padrão: quem faz a requisição; o reconciliador herda a da execução interrompida). */
  identidadeSolicitante?: string;
}

/**
 * Chave da execução aberta (índice único no banco): duas requisições simultâneas não criam duas
 * execuções abertas do mesmo tipo para o mesmo processo. Ao terminar, a chave volta a `null`.
 */
export const chaveAberta = (processoId: number, tipo: TipoExecucao): string => `${processoId}:${tipo}`;

export interface ExecucaoCriada {
  id: number;
  documentId: string;
  tipo_execucao: TipoExecucao;
  numero_tentativa: number;
  processo: { documentId: string };
}

/** Cópia profunda sem as chaves secretas (parâmetros e resultados gravados de uma execução). */
export const semSegredosProfundo = (valor: unknown): unknown => {
  if (Array.isArray(valor)) return valor.map(semSegredosProfundo);
  if (!valor || typeof valor !== 'object') return valor;
  return Object.fromEntries(
    Object.entries(valor as Dados)
      .filter(([chave]) => !ehCampoSecreto(chave))
      .map(([c, v]) => [c, semSegredosProfundo(v)])
  );
};

/** Retrato de uma execução para leitura humana (rastreabilidade e exportação), sem segredos. */
export const detalheExecucao = (execucao: Dados): Dados => ({
  documentId: execucao.documentId,
  tipo_execucao: execucao.tipo_execucao,
  status_execucao: execucao.status_execucao,
  numero_tentativa: execucao.numero_tentativa,
  classe_rpa_utilizada: execucao.classe_rpa_utilizada ?? null,
  data_inicio: execucao.data_inicio ?? null,
  data_fim: execucao.data_fim ?? null,
  mensagem_log: execucao.mensagem_log ?? null,
  parametros_entrada: semSegredosProfundo(execucao.parametros_entrada ?? null),
  resultado_saida: semSegredosProfundo(execucao.resultado_saida ?? null),
  detalhes_erro: execucao.detalhes_erro ?? null,
  url_arquivo: execucao.url_arquivo_s3 ?? null,
});

/**
 * Grava uma execução (tentativa) do processo, com quem pediu, IP e user agent da requisição.
 * O número da tentativa conta as execuções anteriores do mesmo tipo.
 */
export const criarExecucao = async (strapi: Core.Strapi, nova: NovaExecucao): Promise<ExecucaoCriada> =>
  await strapi.db.transaction(async ({ onCommit }) => {
    const consulta = strapi.db.query(UID.EXECUCAO);
    const anteriores = await consulta.count({
      where: { processo: { id: nova.processoId }, tipo_execucao: nova.tipo },
    });
    const autor = autorAtual(strapi);
    const agora = new Date();
    const criada = (await consulta.create({
      data: {
        processo: nova.processoId,
        tipo_execucao: nova.tipo,
        status_execucao: nova.status,
        parametros_entrada: semSegredosProfundo(nova.parametros ?? {}),
        resultado_saida: nova.resultado ?? null,
        mensagem_log: nova.mensagem ?? null,
        url_arquivo_s3: nova.urlArquivo ?? null,
        classe_rpa_utilizada: nova.classeRpa ?? null,
        numero_tentativa: anteriores + 1,
        chave_aberta: ehStatusExecucaoAberto(nova.status) ? chaveAberta(nova.processoId, nova.tipo) : null,
        identidade_solicitante: nova.identidadeSolicitante ?? identidadeAtual(strapi),
        executado_por_usuario: nova.usuarioId ?? null,
        ip_origem: autor.ip_origem,
        user_agent: autor.user_agent,
        data_inicio: nova.concluida ? agora : null,
        data_fim: nova.concluida ? agora : null,
        publishedAt: agora,
      },
    })) as { id: number; documentId: string; numero_tentativa: number };
    await registrarAuditoria(strapi, {
      acao: 'execucao.criar',
      entidade: 'execucao',
      id_entidade: criada.documentId,
      depois: {
        processo: nova.processoDocumentId,
        tipo_execucao: nova.tipo,
        status_execucao: nova.status,
        numero_tentativa: criada.numero_tentativa,
      },
    });
    onCommit(() =>
      eventosWorkflow.emitir('execucao.criada', {
        execucao: criada.documentId,
        processo: nova.processoDocumentId,
        tipo: nova.tipo,
      })
    );
    return {
      id: criada.id,
      documentId: criada.documentId,
      tipo_execucao: nova.tipo,
      numero_tentativa: criada.numero_tentativa,
      processo: { documentId: nova.processoDocumentId },
    };
  });
