import type { Core } from '@strapi/strapi';
import { erroProibido } from '../regras/erros';
import { CODIGO_SUPER_ADMIN } from './requisitante';

/**
 * Escalada de privilégio no admin: o papel Administrador do orquestrador gerencia usuários do admin
 * (`admin::users.*`), e o Strapi não impede que ele se promova a Super Admin nem que troque a senha
 * de outro administrador. O serviço `admin::user` ganha aqui essas regras — valem para toda rota e
 * chamada que o use. Chamadas internas (sem requisição) e Super Admins seguem livres.
 */
const CODIGO_ADMINISTRADOR = 'orquestrador-administrador';

type Id = number | string;
interface UsuarioAdmin {
  id: Id;
  roles?: Array<{ id: Id; code: string }>;
}
interface ServicoUsuario {
  create: (atributos: Record<string, unknown>) => Promise<unknown>;
  updateById: (id: Id, atributos: Record<string, unknown>) => Promise<unknown>;
  deleteById: (id: Id) => Promise<unknown>;
  deleteByIds: (ids: Id[]) => Promise<unknown>;
}

const papeis = (usuario: UsuarioAdmin | null | undefined): string[] =>
  (usuario?.roles ?? []).map((r) => r.code);

export const protegerUsuariosDoAdmin = (strapi: Core.Strapi): void => {
  /** Quem pede, quando é uma pessoa do admin sem Super Admin; `null` libera (interno ou Super Admin). */
  const chamadorRestrito = (): UsuarioAdmin | null => {
    const ctx = strapi.requestContext.get() as
      { state?: { auth?: { strategy?: { name?: string } }; user?: UsuarioAdmin } } | undefined;
    const estrategia = ctx?.state?.auth?.strategy?.name;
    if (!ctx?.state?.user || (estrategia !== 'admin' && estrategia !== 'admin-token')) return null;
    return papeis(ctx.state.user).includes(CODIGO_SUPER_ADMIN) ? null : ctx.state.user;
  };
  const idSuperAdmin = async (): Promise<string> =>
    String(
      (
        (await strapi.db
          .query('admin::role')
          .findOne({ where: { code: CODIGO_SUPER_ADMIN }, select: ['id'] })) as { id: Id } | null
      )?.id ?? ''
    );
  const alvo = async (id: Id): Promise<UsuarioAdmin | null> =>
    (await strapi.db
      .query('admin::user')
      .findOne({ where: { id }, populate: ['roles'] })) as UsuarioAdmin | null;

  const proibirSuperAdmin = async (atributos: Record<string, unknown>) => {
    const papeisPedidos = Array.isArray(atributos.roles)
      ? atributos.roles.map((r) => String((r as { id?: Id })?.id ?? r))
      : [];
    if (papeisPedidos.includes(await idSuperAdmin()))
      throw erroProibido('Só um Super Admin atribui o papel Super Admin.');
  };
  const proibirAlvoProtegido = (chamador: UsuarioAdmin, usuario: UsuarioAdmin | null, acao: string) => {
    if (!usuario) return;
    if (papeis(usuario).includes(CODIGO_SUPER_ADMIN))
      throw erroProibido(`Só um Super Admin pode ${acao} um Super Admin.`);
    if (String(usuario.id) !== String(chamador.id) && papeis(usuario).includes(CODIGO_ADMINISTRADOR)) {
      throw erroProibido(
        `Só um Super Admin pode ${acao} outro administrador (senha, e-mail, papéis ou acesso).`
      );
    }
  };

  strapi.get('services').extend('admin::user', (original: ServicoUsuario) => ({
    ...original,
    async create(atributos: Record<string, unknown>) {
      if (chamadorRestrito()) await proibirSuperAdmin(atributos);
      return original.create(atributos);
    },
    async updateById(id: Id, atributos: Record<string, unknown>) {
      const chamador = chamadorRestrito();
      if (chamador) {
        await proibirSuperAdmin(atributos);
        proibirAlvoProtegido(chamador, await alvo(id), 'alterar');
      }
      return original.updateById(id, atributos);
    },
    async deleteById(id: Id) {
      const chamador = chamadorRestrito();
      if (chamador) proibirAlvoProtegido(chamador, await alvo(id), 'excluir');
      return original.deleteById(id);
    },
    async deleteByIds(ids: Id[]) {
      const chamador = chamadorRestrito();
      if (chamador) for (const id of ids) proibirAlvoProtegido(chamador, await alvo(id), 'excluir');
      return original.deleteByIds(ids);
    },
  }));
};

/** Cadastro público da API (`/api/auth/local/register`) sempre desligado: integradores são criados por um administrador. */
export const desligarCadastroPublico = async (strapi: Core.Strapi): Promise<void> => {
  const loja = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const avancado = ((await loja.get({})) ?? {}) as Record<string, unknown>;
  if (avancado.allow_register !== false) await loja.set({ value: { ...avancado, allow_register: false } });
};
