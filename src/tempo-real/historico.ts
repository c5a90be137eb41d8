import type { Core } from '@strapi/strapi';
import { obterProdutor } from '../filas/produtor';
import { FILAS, type TipoExecucaoEnfileiravel } from '../../worker-rpa/src/contrato/filas';
import { UID_EXECUCAO } from '../workflow/consultas';
import type { Sala } from './salas';

type Dados = Record<string, unknown>;

export interface LinhaHistorico {
  sequencia: number;
  linha: string;
}

export interface HistoricoExecucao {
  id_execucao: string;
  id_processo: string | null;
  tipo_execucao: string;
  status_execucao: string;
  /** `banco`: execução encerrada (mensagem_log); `fila`: em curso (log do job no Redis, a mesma numeração das linhas ao vivo). */
  origem: 'banco' | 'fila';
  linhas: LinhaHistorico[];
}

const ABERTAS = ['PENDENTE', 'EXECUTANDO', 'TENTANDO_NOVAMENTE'];
const LIMITE_EXECUCOES = 10;

const numerar = (linhas: string[]): LinhaHistorico[] => linhas.map((linha, i) => ({ sequencia: i + 1, linha }));

const doBanco = (execucao: Dados): string[] => (typeof execucao.mensagem_log === 'string' && execucao.mensagem_log ? execucao.mensagem_log.split('\n') : []);

/** Histórico de uma execução já carregada: do log do job enquanto ela roda, do banco depois. */
const montar = async (strapi: Core.Strapi, execucao: Dados): Promise<HistoricoExecucao> => {
  const tipo = execucao.tipo_execucao as string;
  const base = {
    id_execucao: execucao.documentId as string,
    id_processo: ((execucao.processo as Dados | null)?.documentId as string) ?? null,
    tipo_execucao: tipo,
    status_execucao: execucao.status_execucao as string,
  };
  if (ABERTAS.includes(base.status_execucao) && tipo in FILAS) {
    try {
      return { ...base, origem: 'fila', linhas: numerar(await obterProdutor(strapi).linhasDoJob(tipo as TipoExecucaoEnfileiravel, base.id_execucao)) };
    } catch {
      // Redis fora: fica o que o banco tem; as linhas novas chegam quando ele voltar.
    }
  }
  return { ...base, origem: 'banco', linhas: numerar(doBanco(execucao)) };
};

/** Filtro das execuções de uma sala (relações aninhadas do Strapi). */
const filtroDaSala = (sala: Sala): Dados => {
  switch (sala.tipo) {
    case 'execucao': return { documentId: sala.id };
    case 'processo': return { processo: { documentId: sala.id } };
    case 'cliente': return { processo: { cliente: { documentId: sala.id } } };
    case 'operadora': return { processo: { cliente: { operadora: { codigo: sala.id } } } };
    default: return {};
  }
};

/**
 * Histórico de uma sala ao assinar (e a cada reconexão): as execuções mais recentes dela, com
 * as linhas já registradas. O painel junta com as linhas ao vivo pela `sequencia`.
 */
export const historicoDaSala = async (strapi: Core.Strapi, sala: Sala): Promise<HistoricoExecucao[]> => {
  const execucoes = (await strapi.db.query(UID_EXECUCAO).findMany({
    where: { ...filtroDaSala(sala), tipo_execucao: { $in: Object.keys(FILAS) } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    limit: LIMITE_EXECUCOES,
    populate: { processo: { select: ['documentId'] } },
  })) as Dados[];
  return Promise.all(execucoes.reverse().map((execucao) => montar(strapi, execucao)));
};

/** Cliente de cada processo (para a sala `cliente:<id>`), com cache limitado. */
export const criarBuscaCliente = (strapi: Core.Strapi, limite = 5000) => {
  const cache = new Map<string, string | null>();
  return async (idProcesso: string): Promise<string | null> => {
    if (cache.has(idProcesso)) return cache.get(idProcesso)!;
    const processo = (await strapi.db.query('api::processo.processo').findOne({
      where: { documentId: idProcesso },
      populate: { cliente: { select: ['documentId'] } },
    })) as Dados | null;
    const cliente = ((processo?.cliente as Dados | undefined)?.documentId as string) ?? null;
    if (cache.size >= limite) cache.clear();
    cache.set(idProcesso, cliente);
    return cliente;
  };
};
