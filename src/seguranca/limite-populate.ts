import { errors } from '@strapi/utils';
import type { Core } from '@strapi/strapi';
import { configuracao } from '../configuracao';

/**
 * `populate` aninhado tem custo (uma junção por nível) e expõe relações em cadeia. A API REST
 * aceita até `POPULATE_PROFUNDIDADE_MAXIMA` níveis (padrão 3); além disso, 400 em português.
 */
const CONTROLE = new Set(['fields', 'filters', 'sort', 'count', 'limit', 'start', 'status', 'locale']);

/** Profundidade de um `populate` (texto "a.b,c", lista, ou objeto com `populate`/`on` aninhados). */
export const profundidadePopulate = (valor: unknown): number => {
  if (typeof valor === 'string')
    return Math.max(0, ...valor.split(',').map((parte) => (parte.trim() ? parte.split('.').length : 0)));
  if (Array.isArray(valor)) return Math.max(0, ...valor.map(profundidadePopulate));
  if (!valor || typeof valor !== 'object') return 0;
  return Math.max(
    0,
    ...Object.entries(valor as Record<string, unknown>).map(([chave, filho]) => {
      if (CONTROLE.has(chave)) return 0;
      if (chave === 'populate' || chave === 'on') return profundidadePopulate(filho);
      return 1 + (filho && typeof filho === 'object' ? profundidadePopulate(filho) : 0);
    })
  );
};

export const profundidadeMaxima = (): number => {
  const valor = configuracao().limites.populateProfundidade;
  return Number.isInteger(valor) && valor > 0 ? valor : 3;
};

export default (): Core.MiddlewareHandler => async (ctx, next) => {
  if (ctx.path.startsWith('/api/') && ctx.query.populate !== undefined) {
    const profundidade = profundidadePopulate(ctx.query.populate);
    if (profundidade > profundidadeMaxima()) {
      throw new errors.ValidationError(
        `populate com ${profundidade} níveis: o máximo é ${profundidadeMaxima()}. Peça as relações mais fundas em outra consulta.`
      );
    }
  }
  await next();
};
