import type { Core } from '@strapi/strapi';

/** Quem está agindo: pessoa no painel, integrador na API, token de API, um robô (worker) ou o próprio sistema. */
export interface Autor {
  origem: 'PAINEL' | 'API' | 'TOKEN_API' | 'ROBO' | 'SISTEMA';
  usuario_id: string | null;
  usuario_email: string | null;
  ip_origem: string | null;
  user_agent: string | null;
}

interface EstadoRequisicao {
  state?: {
    robo?: { worker: string };
    auth?: { strategy?: { name?: string }; credentials?: { id?: number | string; name?: string } };
    user?: { id?: number | string; email?: string };
  };
  request?: { ip?: string; header?: Record<string, string | undefined> };
}

export const AUTOR_SISTEMA: Autor = {
  origem: 'SISTEMA',
  usuario_id: null,
  usuario_email: null,
  ip_origem: null,
  user_agent: null,
};

const origemPorEstrategia: Record<string, Autor['origem']> = {
  admin: 'PAINEL',
  // Token do admin age em nome do dono (o Strapi põe o dono em state.user): a autoria é dele, para
  // os quatro olhos e a carência o reconhecerem; decisões humanas continuam exigindo o login.
  'admin-token': 'PAINEL',
  'users-permissions': 'API',
  'content-api-token': 'TOKEN_API',
};

/** Lê o autor da requisição em curso (AsyncLocalStorage do Strapi); fora de requisição, o sistema. */
export const autorAtual = (strapi: Core.Strapi): Autor => {
  const ctx = strapi.requestContext.get() as EstadoRequisicao | undefined;
  if (!ctx?.request) return AUTOR_SISTEMA;
  if (ctx.state?.robo) {
    return {
      origem: 'ROBO',
      usuario_id: ctx.state.robo.worker,
      usuario_email: null,
      ip_origem: ctx.request.ip ?? null,
      user_agent: ctx.request.header?.['user-agent'] ?? null,
    };
  }
  const estrategia = ctx.state?.auth?.strategy?.name ?? '';
  const origem = origemPorEstrategia[estrategia] ?? 'API';
  const credencial = origem === 'TOKEN_API' ? ctx.state?.auth?.credentials : ctx.state?.user;
  const email = origem === 'TOKEN_API' ? null : (ctx.state?.user?.email ?? null);
  return {
    origem,
    usuario_id: credencial?.id !== undefined ? String(credencial.id) : null,
    usuario_email: email,
    ip_origem: ctx.request.ip ?? null,
    user_agent: ctx.request.header?.['user-agent'] ?? null,
  };
};
