import createHttpError from 'http-errors';
import { errors } from '@strapi/utils';
import type { Core } from '@strapi/strapi';
import { urlMascarada } from '../seguranca/url-mascarada';

/**
 * Erros que não são culpa de quem pediu, em português. Banco fora do ar (queda, reinício, conexão
 * derrubada, pool esgotado) vira 503 com `Retry-After`: repetir é seguro, porque as transições são
 * compare-and-set e quem repete recebe 200 ou 409. Qualquer outro erro inesperado vira 500 com
 * mensagem em português; o detalhe (que pode ter SQL) fica só no log, nunca na resposta.
 */
export const MENSAGEM_INDISPONIVEL =
  'O banco de dados ou outro serviço interno não respondeu. Tente de novo em instantes: repetir o pedido é seguro.';
export const MENSAGEM_ERRO_INTERNO =
  'Erro interno do servidor. O problema foi registrado no log; tente de novo e, se persistir, avise o suporte.';

/** Códigos de conexão perdida: do Node, do PostgreSQL (classe 08 e desligamento 57P0x) e do SQLite ocupado. */
const CODIGOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'SQLITE_BUSY']);

export const servicoIndisponivel = (erro: unknown): boolean => {
  if (!erro || typeof erro !== 'object') return false;
  const { code, name, message } = erro as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && (CODIGOS.has(code) || /^(08|57P0)/.test(code))) return true;
  if (name === 'KnexTimeoutError') return true;
  return typeof message === 'string' && /Connection terminated|Connection ended unexpectedly/.test(message);
};

export default (_configuracao: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (ctx, next) => {
    try {
      await next();
    } catch (erro) {
      if (erro instanceof errors.ApplicationError || createHttpError.isHttpError(erro)) throw erro;
      if (servicoIndisponivel(erro)) {
        strapi.log.warn(
          `Serviço interno indisponível em ${ctx.method} ${urlMascarada(ctx.path)}: ${(erro as Error).message}`
        );
        ctx.set('Retry-After', '5');
        throw createHttpError(503, MENSAGEM_INDISPONIVEL);
      }
      strapi.log.error(erro);
      throw createHttpError(500, MENSAGEM_ERRO_INTERNO);
    }
  };
