import type { Core } from '@strapi/strapi';
import { autorAtual, type Autor } from './autor';
import { UID } from '@orquestrador-rpa/contrato';

/** Campos que nunca são gravados em claro (auditoria, parâmetros e resultados de execução). */
const CAMPO_SECRETO = /senha|password|secret|token/i;
export const ehCampoSecreto = (campo: string): boolean => CAMPO_SECRETO.test(campo);

type Registro = Record<string, unknown>;

/** Cópia rasa sem segredos; um segredo alterado aparece só como "[alterada]". */
export const semSegredos = (dados: Registro | null | undefined): Registro | null => {
  if (!dados) return null;
  const copia: Registro = {};
  for (const [campo, valor] of Object.entries(dados)) {
    if (ehCampoSecreto(campo)) {
      if (valor) copia[campo] = '[protegida]';
      continue;
    }
    copia[campo] = valor;
  }
  return copia;
};

export interface EventoAuditoria {
  acao: string;
  entidade: string;
  id_entidade?: string | null;
  antes?: Registro | null;
  depois?: Registro | null;
}

/**
 * Anexa um registro à trilha de auditoria. Grava pela camada de banco (a API de documentos do tipo
 * `auditoria` é bloqueada para escrita), dentro da transação em curso quando houver.
 */
export const registrarAuditoria = async (
  strapi: Core.Strapi,
  evento: EventoAuditoria,
  autor: Autor = autorAtual(strapi)
): Promise<string> => {
  const linha = (await strapi.db
    .query(UID.AUDITORIA)
    .create({ data: linhaDeAuditoria(evento, autor), select: ['documentId'] })) as {
    documentId: string;
  };
  return linha.documentId;
};

const linhaDeAuditoria = (evento: EventoAuditoria, autor: Autor): Registro => ({
  acao: evento.acao,
  entidade: evento.entidade,
  id_entidade: evento.id_entidade ?? null,
  antes: semSegredos(evento.antes),
  depois: semSegredos(evento.depois),
  ...autor,
  data_hora: new Date(),
});

/**
 * Vários registros de uma vez (importação em lote), com o mesmo formato e o mesmo autor; o
 * `createMany` divide os INSERTs no tamanho que cada banco aceita.
 */
export const registrarAuditorias = async (strapi: Core.Strapi, eventos: EventoAuditoria[]): Promise<void> => {
  if (eventos.length === 0) return;
  const autor = autorAtual(strapi);
  await strapi.db.query(UID.AUDITORIA).createMany({ data: eventos.map((e) => linhaDeAuditoria(e, autor)) });
};

/** A hash do cliente mudou (campo-chave editado ou operadora renomeada): registra antiga → nova. */
export const auditarHashRecalculada = (
  strapi: Core.Strapi,
  documentId: string,
  antiga: unknown,
  nova: unknown,
  motivo?: string
): Promise<string> =>
  registrarAuditoria(strapi, {
    acao: 'cliente.hash_recalculada',
    entidade: 'cliente',
    id_entidade: documentId,
    antes: { hash_unico: antiga },
    depois: { hash_unico: nova, ...(motivo ? { motivo } : {}) },
  });
