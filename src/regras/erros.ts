import { errors, validateYupSchema, yup } from '@strapi/utils';
import createHttpError from 'http-errors';

/** Erros de regra de negócio com mensagens em português, no formato de erro do Strapi. */

export interface ErroDeCampo {
  campo: string;
  mensagem: string;
}

/** 400: entrada inválida, com a lista de campos em `details.errors` (formato do Strapi). */
export const erroValidacao = (mensagem: string, campos: ErroDeCampo[] = []): Error =>
  new errors.ValidationError(mensagem, {
    errors: campos.map(({ campo, mensagem: texto }) => ({
      path: [campo],
      message: texto,
      name: 'ValidationError',
    })),
  });

/** Conflito (409): o Strapi o devolve com o status certo em REST e como STRAPI_CONFLICT_ERROR no GraphQL. */
export const erroConflito = (mensagem: string, detalhes: Record<string, unknown> = {}): Error =>
  Object.assign(createHttpError(409, mensagem), { details: detalhes });

/** Junta os problemas encontrados e lança um único 400 quando houver algum. */
export const exigirSemErros = (problemas: ErroDeCampo[]): void => {
  if (problemas.length === 0) return;
  const resumo = problemas.map((p) => p.mensagem).join(' ');
  throw erroValidacao(resumo, problemas);
};

/** Violação de índice único vinda do banco (PostgreSQL 23505 ou SQLite UNIQUE). */
export const ehViolacaoDeUnicidade = (erro: unknown): boolean => {
  const e = erro as { code?: string; message?: string; cause?: unknown } | undefined;
  if (!e) return false;
  if (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE') return true;
  if (
    typeof e.message === 'string' &&
    /unique constraint|UNIQUE constraint failed|duplicate key/i.test(e.message)
  )
    return true;
  return e.cause ? ehViolacaoDeUnicidade(e.cause) : false;
};

/** 403 com a mensagem preservada (o ForbiddenError do Strapi a troca por "Forbidden" na API). */
export const erroProibido = (mensagem: string): Error => createHttpError(403, mensagem);

/**
 * Valida `dados` com um esquema yup (o de `@strapi/utils`, como os plugins oficiais) e devolve os
 * dados normalizados; com mais de um problema, a mensagem junta todos em português.
 */
export const validarEsquema = async <T>(esquema: yup.AnySchema, dados: unknown): Promise<T> => {
  try {
    return (await validateYupSchema(esquema, { abortEarly: false, strict: false })(dados)) as T;
  } catch (erro) {
    const lista = (erro as { details?: { errors?: Array<{ path: string[]; message: string }> } }).details
      ?.errors;
    if (!(erro instanceof errors.ValidationError) || !lista || lista.length < 2) throw erro;
    throw erroValidacao(
      lista.map((e) => e.message).join(' '),
      lista.map((e) => ({ campo: e.path.join('.'), mensagem: e.message }))
    );
  }
};
