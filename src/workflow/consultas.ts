import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { StatusExecucao, UID } from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;

const naoEncontrado = (documentId: string) =>
  new errors.NotFoundError(`Processo ${documentId} não encontrado.`);

/** Processo com cliente e operadora, ou 404 em português. */
export const processoOuErro = async (strapi: Core.Strapi, documentId: string): Promise<Dados> => {
  const processo = (await strapi.db.query(UID.PROCESSO).findOne({
    where: { documentId },
    populate: {
      cliente: { populate: { operadora: true } },
      aprovado_por_usuario: { select: ['id', 'documentId', 'email', 'nome_completo'] },
    },
  })) as Dados | null;
  if (!processo) throw naoEncontrado(documentId);
  return processo;
};

/** Só o id e o status (a transição não precisa de mais: uma consulta em vez de quatro). */
export const statusDoProcessoOuErro = async (
  strapi: Core.Strapi,
  documentId: string
): Promise<{ id: number; status_processo: string }> => {
  const processo = (await strapi.db.query(UID.PROCESSO).findOne({
    where: { documentId },
    select: ['id', 'status_processo'],
  })) as { id: number; status_processo: string } | null;
  if (!processo) throw naoEncontrado(documentId);
  return processo;
};

/** Última execução concluída de um tipo, com quem executou. */
export const ultimaExecucao = async (
  strapi: Core.Strapi,
  processoId: number,
  tipo: string
): Promise<Dados | null> =>
  (await strapi.db.query(UID.EXECUCAO).findOne({
    where: { processo: { id: processoId }, tipo_execucao: tipo, status_execucao: StatusExecucao.CONCLUIDO },
    orderBy: { id: 'desc' },
    populate: { executado_por_usuario: { select: ['id', 'email'] } },
  })) as Dados | null;
