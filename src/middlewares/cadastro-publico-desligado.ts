import type { Core } from '@strapi/strapi';

/**
 * O cadastro público da API (`/api/auth/local/register`) fica desligado (a configuração do
 * users-permissions também é forçada na subida); quem tentar recebe o motivo em português.
 * Integradores são criados por um administrador, com o papel certo.
 */
export default (): Core.MiddlewareHandler => async (ctx, next) => {
  if (ctx.method === 'POST' && /^\/api\/auth\/local\/register\/?$/.test(ctx.path)) {
    ctx.status = 403;
    ctx.body = {
      data: null,
      error: {
        status: 403,
        name: 'ForbiddenError',
        message:
          'O cadastro público está desligado: peça a um administrador que crie o seu acesso de integrador.',
        details: {},
      },
    };
    return;
  }
  await next();
};
