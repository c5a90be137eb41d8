import type { Core } from '@strapi/strapi';
import { urlMascarada } from '../seguranca/url-mascarada';

/** Log de acesso (no lugar do `strapi::logger`), igual ao dele mas com a URL sem tokens. */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (ctx, next) => {
    const inicio = Date.now();
    await next();
    strapi.log.http(
      `${ctx.method} ${urlMascarada(ctx.url)} (${Math.ceil(Date.now() - inicio)} ms) ${ctx.status}`
    );
  };
