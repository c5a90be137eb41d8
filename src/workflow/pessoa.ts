import { erroProibido } from '../regras/erros';
import type { Core } from '@strapi/strapi';
import { ehViolacaoDeUnicidade } from '../regras/erros';
import type { Perfil } from '../regras/papeis';

/** A pessoa que age numa requisição (painel ou integrador), com o seu registro em `usuario`. */
export interface Pessoa {
  usuarioId: number;
  email: string;
  perfil: Perfil;
}

const UID_USUARIO = 'api::usuario.usuario';

interface EstadoAuth {
  state?: { auth?: { strategy?: { name?: string } }; user?: { id?: number } };
}

const perfilPorCodigos = (codigos: string[]): Perfil => {
  if (codigos.some((c) => c === 'strapi-super-admin' || c.endsWith('-administrador'))) return 'ADMINISTRADOR';
  if (codigos.some((c) => c.endsWith('-aprovador'))) return 'APROVADOR';
  return 'OPERADOR';
};

interface Identidade {
  email: string;
  nome: string;
  perfil: Perfil;
  vinculo: Record<string, unknown>;
  dadosVinculo: Record<string, unknown>;
}

const identidadeDoPainel = async (strapi: Core.Strapi, id: number): Promise<Identidade | null> => {
  const usuario = (await strapi.db.query('admin::user').findOne({ where: { id }, populate: { roles: { select: ['code'] } } })) as
    | { email: string; firstname?: string; lastname?: string; roles?: Array<{ code: string }> }
    | null;
  if (!usuario) return null;
  return {
    email: usuario.email,
    nome: [usuario.firstname, usuario.lastname].filter(Boolean).join(' ') || usuario.email,
    perfil: perfilPorCodigos((usuario.roles ?? []).map((r) => r.code)),
    vinculo: { id_usuario_admin: id },
    dadosVinculo: { id_usuario_admin: id },
  };
};

const identidadeDaApi = async (strapi: Core.Strapi, id: number): Promise<Identidade | null> => {
  const usuario = (await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id }, populate: { role: { select: ['type'] } } })) as
    | { email: string; username?: string; role?: { type: string } }
    | null;
  if (!usuario) return null;
  return {
    email: usuario.email,
    nome: usuario.username ?? usuario.email,
    perfil: perfilPorCodigos([usuario.role?.type ?? '']),
    vinculo: { usuario_api: { id } },
    dadosVinculo: { usuario_api: id },
  };
};

/** Acha (ou cria, ligando pelo e-mail) o registro `usuario` de quem faz a requisição. */
const garantirUsuario = async (strapi: Core.Strapi, identidade: Identidade): Promise<number> => {
  const consulta = strapi.db.query(UID_USUARIO);
  const ligado = (await consulta.findOne({ where: identidade.vinculo, select: ['id'] })) as { id: number } | null;
  if (ligado) return ligado.id;
  const porEmail = (await consulta.findOne({ where: { email: identidade.email }, select: ['id'] })) as { id: number } | null;
  if (porEmail) {
    await consulta.update({ where: { id: porEmail.id }, data: identidade.dadosVinculo });
    return porEmail.id;
  }
  try {
    const criado = (await consulta.create({
      data: { nome_completo: identidade.nome, email: identidade.email, perfil_usuario: identidade.perfil, status_ativo: true, ...identidade.dadosVinculo, publishedAt: new Date() },
    })) as { id: number };
    return criado.id;
  } catch (erro) {
    if (!ehViolacaoDeUnicidade(erro)) throw erro;
    const outro = (await consulta.findOne({ where: { email: identidade.email }, select: ['id'] })) as { id: number };
    return outro.id;
  }
};

/** Pessoa da requisição em curso; `null` para token de API ou chamada interna. */
export const pessoaAtual = async (strapi: Core.Strapi): Promise<Pessoa | null> => {
  const ctx = strapi.requestContext.get() as EstadoAuth | undefined;
  const estrategia = ctx?.state?.auth?.strategy?.name;
  const id = ctx?.state?.user?.id;
  if (id === undefined) return null;
  const identidade =
    estrategia === 'admin' ? await identidadeDoPainel(strapi, Number(id)) : estrategia === 'users-permissions' ? await identidadeDaApi(strapi, Number(id)) : null;
  if (!identidade) return null;
  return { usuarioId: await garantirUsuario(strapi, identidade), email: identidade.email, perfil: identidade.perfil };
};

/** Exige uma pessoa identificada (decisões humanas não são tomadas por tokens de máquina). */
export const exigirPessoa = async (strapi: Core.Strapi, acao: string): Promise<Pessoa> => {
  const pessoa = await pessoaAtual(strapi);
  if (!pessoa) throw erroProibido(`${acao} exige uma pessoa identificada (login no painel ou de integrador), não um token de API.`);
  return pessoa;
};
