import type { Core } from '@strapi/strapi';
import { obterProdutor } from '../filas/produtor';
import type { Sala } from './salas';
import {
  ehStatusExecucaoAberto,
  ehTipoExecucaoRobo,
  type HistoricoExecucao,
  type LinhaHistorico,
  type StatusExecucao,
  type TipoExecucao,
  TIPOS_EXECUCAO_ROBO,
  UID,
} from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;

const LIMITE_EXECUCOES = 10;

const numerar = (linhas: string[]): LinhaHistorico[] =>
  linhas.map((linha, i) => ({ sequencia: i + 1, linha }));

const doBanco = (execucao: Dados): string[] =>
  typeof execucao.mensagem_log === 'string' && execucao.mensagem_log ? execucao.mensagem_log.split('\n') : [];

/** Histórico de uma execução já carregada: do log do job enquanto ela roda, do banco depois. */
const montar = async (strapi: Core.Strapi, execucao: Dados): Promise<HistoricoExecucao> => {
  const tipo = execucao.tipo_execucao as TipoExecucao;
  const base = {
    id_execucao: execucao.documentId as string,
    id_processo: ((execucao.processo as Dados | null)?.documentId as string) ?? null,
    tipo_execucao: tipo,
    status_execucao: execucao.status_execucao as StatusExecucao,
  };
  if (ehStatusExecucaoAberto(base.status_execucao) && ehTipoExecucaoRobo(tipo)) {
    try {
      return {
        ...base,
        origem: 'fila',
        linhas: numerar(await obterProdutor(strapi).linhasDoJob(tipo, base.id_execucao)),
      };
    } catch {
      // Redis fora: fica o que o banco tem; as linhas novas chegam quando ele voltar.
    }
  }
  return { ...base, origem: 'banco', linhas: numerar(doBanco(execucao)) };
};

/** Filtro das execuções de uma sala (relações aninhadas do Strapi). */
const filtroDaSala = (sala: Sala): Dados => {
  switch (sala.tipo) {
    case 'execucao':
      return { documentId: sala.id };
    case 'processo':
      return { processo: { documentId: sala.id } };
    case 'cliente':
      return { processo: { cliente: { documentId: sala.id } } };
    case 'operadora':
      return { processo: { cliente: { operadora: { codigo: sala.id } } } };
    default:
      return {};
  }
};

/**
 * Histórico de uma sala ao assinar (e a cada reconexão): as execuções mais recentes dela, com
 * as linhas já registradas. O painel junta com as linhas ao vivo pela `sequencia`.
 */
export const historicoDaSala = async (strapi: Core.Strapi, sala: Sala): Promise<HistoricoExecucao[]> => {
  const execucoes = (await strapi.db.query(UID.EXECUCAO).findMany({
    where: { ...filtroDaSala(sala), tipo_execucao: { $in: [...TIPOS_EXECUCAO_ROBO] } },
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
    const processo = (await strapi.db.query(UID.PROCESSO).findOne({
      where: { documentId: idProcesso },
      populate: { cliente: { select: ['documentId'] } },
    })) as Dados | null;
    const cliente = ((processo?.cliente as Dados | undefined)?.documentId as string) ?? null;
    if (cache.size >= limite) cache.clear();
    cache.set(idProcesso, cliente);
    return cliente;
  };
};
