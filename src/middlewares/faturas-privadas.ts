import type { Core } from '@strapi/strapi';
import { PREFIXOS_PRIVADOS } from '../workflow/armazenamento-fatura';

/**
 * Faturas e capturas de tela guardadas no disco local não ficam públicas em /uploads: a fatura só
 * sai pela rota autenticada `GET /api/processos/:id/fatura` (ou a do painel).
 */
export default (): Core.MiddlewareHandler => async (ctx, next) => {
  if (PREFIXOS_PRIVADOS.some((prefixo) => ctx.path.startsWith(`/uploads/${prefixo}`))) {
    ctx.status = 403;
    ctx.body = { data: null, error: { status: 403, name: 'ForbiddenError', message: 'Faturas só podem ser obtidas pela API autenticada do processo.' } };
    return;
  }
  await next();
};
