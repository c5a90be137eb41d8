import type { Core } from '@strapi/strapi';
import { AcaoRbac, acaoRbacCompleta } from '@orquestrador-rpa/contrato';

/** Ação do plugin exigida para assistir aos logs (a mesma de ver o painel). */
export const ACAO_VER_PAINEL = acaoRbacCompleta(AcaoRbac.VER_PAINEL);

export interface UsuarioSocket {
  id: number | string;
  email: string;
}

interface Habilidade {
  can: (acao: string) => boolean;
}

/**
 * Valida o token de acesso do admin (o mesmo que o painel manda nas requisições) como a
 * estratégia `admin` do Strapi: token válido, sessão ativa, usuário ativo e a ação `ver-painel`.
 * Lança com a mensagem em português que o navegador recebe no `connect_error`.
 */
export const autenticarAdmin = async (strapi: Core.Strapi, token: unknown): Promise<UsuarioSocket> => {
  if (typeof token !== 'string' || !token)
    throw new Error('Envie o token do admin em `auth.token` para assistir aos logs.');
  const sessoes = strapi.sessionManager('admin');
  const validacao = sessoes.validateAccessToken(token);
  if (!validacao.isValid || !(await sessoes.isSessionActive(validacao.payload.sessionId))) {
    throw new Error('Sessão do admin inválida ou expirada: entre de novo.');
  }
  const bruto = validacao.payload.userId;
  const id = /^\d+$/.test(String(bruto)) ? Number(bruto) : bruto;
  const usuario = (await strapi.db.query('admin::user').findOne({ where: { id }, populate: ['roles'] })) as {
    id: number;
    email: string;
    isActive: boolean;
  } | null;
  if (!usuario?.isActive) throw new Error('Usuário do admin inativo ou inexistente.');
  const permissao = strapi.service('admin::permission') as unknown as {
    engine: { generateUserAbility: (u: unknown) => Promise<Habilidade> };
  };
  const habilidade = await permissao.engine.generateUserAbility(usuario);
  if (!habilidade.can(ACAO_VER_PAINEL))
    throw new Error('Seu papel não tem a permissão de ver o painel do orquestrador.');
  return { id: usuario.id, email: usuario.email };
};
