import type { Core } from '@strapi/strapi';
import { PREFIXO_FATURA } from '../workflow/armazenamento-fatura';

/**
 * Faturas guardadas no disco local não ficam públicas em /uploads: só saem pela rota autenticada
 * `GET /api/processos/:id/fatura` (ou a do painel).
 */
export default (): Core.MiddlewareHandler => async (ctx, next) => {
  if (ctx.path.startsWith(`/uploads/${PREFIXO_FATURA}`)) {
    ctx.status = 403;
    ctx.body = { data: null, error: { status: 403, name: 'ForbiddenError', message: 'Faturas só podem ser obtidas pela API autenticada do processo.' } };
    return;
  }
  await next();
};
