import type { Core } from '@strapi/strapi';
import type { Perfil } from '../regras/papeis';

/**
 * O perfil vale na hora: vem dos papéis atuais de cada login (admin do Strapi ou users-permissions),
 * nunca da cópia `perfil_usuario` gravada quando a pessoa foi cadastrada. Conta do painel inativa ou
 * bloqueada e integrador bloqueado não têm perfil nenhum.
 */
const PERFIL_DO_PAPEL: Readonly<Record<string, Perfil>> = {
  'strapi-super-admin': 'ADMINISTRADOR',
  'orquestrador-administrador': 'ADMINISTRADOR',
  'integrador-administrador': 'ADMINISTRADOR',
  'orquestrador-aprovador': 'APROVADOR',
  'integrador-aprovador': 'APROVADOR',
  'orquestrador-operador': 'OPERADOR',
  'integrador-operador': 'OPERADOR',
};
const ORDEM: readonly Perfil[] = ['ADMINISTRADOR', 'APROVADOR', 'OPERADOR'];

/** Perfis que decidem (aprovar ou rejeitar). */
export const PERFIS_QUE_DECIDEM: ReadonlySet<string> = new Set<Perfil>(['APROVADOR', 'ADMINISTRADOR']);

/** Perfil pelos papéis conhecidos; papel desconhecido não vira perfil nenhum (nunca OPERADOR por omissão). */
export const perfilPorCodigos = (codigos: readonly string[]): Perfil | null => {
  const perfis = codigos.map((c) => PERFIL_DO_PAPEL[c]).filter((p): p is Perfil => !!p);
  return ORDEM.find((p) => perfis.includes(p)) ?? null;
};

export const maiorPerfil = (perfis: ReadonlyArray<Perfil | null>): Perfil | null =>
  ORDEM.find((p) => perfis.includes(p)) ?? null;

export interface LoginAtual {
  origem: 'PAINEL' | 'API';
  id: number;
  email: string;
  /** `null`: conta inativa/bloqueada ou papel sem perfil do orquestrador. */
  perfil: Perfil | null;
}

interface AdminBruto {
  id: number;
  email: string;
  isActive: boolean;
  blocked: boolean;
  roles?: Array<{ code: string }>;
}
interface IntegradorBruto {
  id: number;
  email: string;
  blocked: boolean | null;
  role?: { type: string } | null;
}

/** Logins de hoje, com o perfil que os papéis dão agora; chave `PAINEL:<id>` ou `API:<id>`. */
export const loginsAtuais = async (
  strapi: Core.Strapi,
  ids: { painel: number[]; api: number[] }
): Promise<Map<string, LoginAtual>> => {
  const [admins, integradores] = await Promise.all([
    ids.painel.length
      ? (strapi.db.query('admin::user').findMany({
          where: { id: { $in: ids.painel } },
          select: ['id', 'email', 'isActive', 'blocked'],
          populate: { roles: { select: ['code'] } },
        }) as Promise<AdminBruto[]>)
      : Promise.resolve([] as AdminBruto[]),
    ids.api.length
      ? (strapi.db.query('plugin::users-permissions.user').findMany({
          where: { id: { $in: ids.api } },
          select: ['id', 'email', 'blocked'],
          populate: { role: { select: ['type'] } },
        }) as Promise<IntegradorBruto[]>)
      : Promise.resolve([] as IntegradorBruto[]),
  ]);
  const mapa = new Map<string, LoginAtual>();
  for (const a of admins)
    mapa.set(`PAINEL:${a.id}`, {
      origem: 'PAINEL',
      id: a.id,
      email: a.email,
      perfil: a.isActive && !a.blocked ? perfilPorCodigos((a.roles ?? []).map((r) => r.code)) : null,
    });
  for (const i of integradores)
    mapa.set(`API:${i.id}`, {
      origem: 'API',
      id: i.id,
      email: i.email,
      perfil: i.blocked ? null : perfilPorCodigos([i.role?.type ?? '']),
    });
  return mapa;
};

/** Registro `usuario` com os logins ligados a ele. */
export interface UsuarioComLogins {
  id: number;
  email: string;
  perfil_usuario: string;
  status_ativo: boolean;
  id_usuario_admin: number | null;
  usuario_api?: { id: number } | null;
}

export const loginsDoUsuario = (usuario: UsuarioComLogins): string[] => [
  ...(usuario.id_usuario_admin ? [`PAINEL:${usuario.id_usuario_admin}`] : []),
  ...(usuario.usuario_api ? [`API:${usuario.usuario_api.id}`] : []),
];

/** Logins de hoje de vários registros `usuario` de uma vez (duas consultas, quantos forem). */
export const loginsAtuaisDosUsuarios = (
  strapi: Core.Strapi,
  usuarios: readonly UsuarioComLogins[]
): Promise<Map<string, LoginAtual>> =>
  loginsAtuais(strapi, {
    painel: usuarios.map((u) => u.id_usuario_admin).filter((id): id is number => !!id),
    api: usuarios.map((u) => u.usuario_api?.id).filter((id): id is number => !!id),
  });

/**
 * Perfil de hoje de um registro `usuario`: o maior entre os logins ligados; sem login nenhum (só
 * contato de notificação), o perfil cadastrado — que nunca decide, porque decidir exige um login.
 */
export const perfilAtualDoUsuario = (
  usuario: UsuarioComLogins,
  logins: ReadonlyMap<string, LoginAtual>
): Perfil | null => {
  if (!usuario.status_ativo) return null;
  const ligados = loginsDoUsuario(usuario);
  if (!ligados.length) return usuario.perfil_usuario as Perfil;
  return maiorPerfil(ligados.map((chave) => logins.get(chave)?.perfil ?? null));
};

/**
 * O login pelo qual a pessoa decide hoje (link de decisão): ativo, com perfil que decide e com o
 * mesmo e-mail do registro `usuario` — um login de outra pessoa ligado ao registro não decide.
 */
export const loginQueDecide = (
  usuario: UsuarioComLogins,
  logins: ReadonlyMap<string, LoginAtual>
): LoginAtual | null => {
  if (!usuario.status_ativo) return null;
  const email = usuario.email.trim().toLowerCase();
  return (
    loginsDoUsuario(usuario)
      .map((chave) => logins.get(chave))
      .find(
        (login): login is LoginAtual =>
          !!login && PERFIS_QUE_DECIDEM.has(login.perfil ?? '') && login.email.trim().toLowerCase() === email
      ) ?? null
  );
};
