import type { Core } from '@strapi/strapi';
import { autorAtual, type Autor } from '../regras/autor';

/**
 * Quem faz a requisição em curso, com o que a segurança precisa saber: a identidade de login
 * (`PAINEL:<id do usuário do admin>`, `API:<id do integrador>`, `TOKEN_API:<id>`, `ROBO:<worker>`
 * ou `SISTEMA`) e se tem nível de administrador. A regra dos quatro olhos parte dela e reúne todos
 * os logins da mesma pessoa (`src/workflow/identidades.ts`).
 */
interface EstadoRequisicao {
  state?: {
    auth?: { strategy?: { name?: string }; credentials?: { type?: string } };
    user?: { roles?: Array<{ code?: string }>; role?: { type?: string } };
  };
}

export const CODIGO_SUPER_ADMIN = 'strapi-super-admin';
const PAPEIS_ADMINISTRADOR = new Set([
  CODIGO_SUPER_ADMIN,
  'orquestrador-administrador',
  'integrador-administrador',
]);

export const identidadeDe = (autor: Autor): string =>
  autor.usuario_id ? `${autor.origem}:${autor.usuario_id}` : autor.origem;

/** Identidade de login de quem faz a requisição em curso (fora de requisição: `SISTEMA`). */
export const identidadeAtual = (strapi: Core.Strapi): string => identidadeDe(autorAtual(strapi));

const contexto = (strapi: Core.Strapi): EstadoRequisicao | undefined =>
  strapi.requestContext.get() as EstadoRequisicao | undefined;

/** Códigos dos papéis de quem faz a requisição (admin: papéis do admin; integrador: o tipo do papel da API). */
export const papeisAtuais = (strapi: Core.Strapi): string[] => {
  const user = contexto(strapi)?.state?.user;
  return [
    ...(user?.roles ?? []).map((r) => r.code ?? ''),
    ...(user?.role?.type ? [user.role.type] : []),
  ].filter(Boolean);
};

export const ehSuperAdmin = (strapi: Core.Strapi): boolean =>
  papeisAtuais(strapi).includes(CODIGO_SUPER_ADMIN);

/**
 * Tem nível de administrador? Chamada interna (sem requisição) tem; token de API só se for de
 * acesso total; pessoa ou integrador, pelo papel.
 */
export const temNivelAdministrador = (strapi: Core.Strapi): boolean => {
  const ctx = contexto(strapi);
  if (!ctx?.state) return true;
  const estrategia = ctx.state.auth?.strategy?.name;
  if (estrategia === 'content-api-token') return ctx.state.auth?.credentials?.type === 'full-access';
  return papeisAtuais(strapi).some((p) => PAPEIS_ADMINISTRADOR.has(p));
};
