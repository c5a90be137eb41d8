import type { Core } from '@strapi/strapi';
import { erroProibido, erroValidacao } from '../regras/erros';
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

const ID_CANONICO = /^[1-9]\d{0,15}$/;

/** Ids de papel como inteiros; qualquer outra forma é recusada (400), não convertida. */
export const idsCanonicos = (papeis: unknown): number[] => {
  const recusar = () =>
    erroValidacao('Papéis inválidos: informe a lista com o id numérico de cada papel (ex.: [3]).', [
      { campo: 'roles', mensagem: 'Cada papel é um id inteiro, sem zeros à esquerda, espaços nem sinais.' },
    ]);
  if (!Array.isArray(papeis)) throw recusar();
  return papeis.map((papel) => {
    const bruto: unknown = papel && typeof papel === 'object' ? (papel as { id?: unknown }).id : papel;
    const texto = typeof bruto === 'number' && Number.isSafeInteger(bruto) ? String(bruto) : bruto;
    if (typeof texto !== 'string' || !ID_CANONICO.test(texto)) throw recusar();
    return Number(texto);
  });
};

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
  const alvo = async (id: Id): Promise<UsuarioAdmin | null> =>
    (await strapi.db
      .query('admin::user')
      .findOne({ where: { id }, populate: ['roles'] })) as UsuarioAdmin | null;

  /**
   * Papéis pedidos, na forma que o banco grava: só ids inteiros canônicos ("01", " 1", "1.0" ou
   * "+1" o banco converteria para o papel 1 e escapariam de uma comparação de texto). Os códigos
   * comparados são os dos papéis lidos do banco por esses ids, nunca o texto recebido.
   */
  const proibirPapeisDeTopo = async (atributos: Record<string, unknown>, atual: UsuarioAdmin | null) => {
    if (!('roles' in atributos) || atributos.roles === undefined) return;
    const ids = idsCanonicos(atributos.roles);
    const pedidos = (await strapi.db
      .query('admin::role')
      .findMany({ where: { id: { $in: ids } }, select: ['code'] })) as Array<{ code: string }>;
    if (pedidos.some((papel) => papel.code === CODIGO_SUPER_ADMIN))
      throw erroProibido('Só um Super Admin atribui o papel Super Admin.');
    // Um Administrador que criasse outros confirmaria sozinho as próprias alterações (carência).
    if (
      pedidos.some((papel) => papel.code === CODIGO_ADMINISTRADOR) &&
      !papeis(atual).includes(CODIGO_ADMINISTRADOR)
    )
      throw erroProibido('Só um Super Admin atribui o papel Administrador.');
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
    // Numa transação: a auditoria e os avisos das alterações sensíveis (gravados nos lifecycles do
    // banco) caem junto com a alteração, e nenhuma alteração fica sem eles.
    async create(atributos: Record<string, unknown>) {
      if (chamadorRestrito()) await proibirPapeisDeTopo(atributos, null);
      return strapi.db.transaction(() => original.create(atributos));
    },
    async updateById(id: Id, atributos: Record<string, unknown>) {
      const chamador = chamadorRestrito();
      if (chamador) {
        const atual = await alvo(id);
        await proibirPapeisDeTopo(atributos, atual);
        proibirAlvoProtegido(chamador, atual, 'alterar');
      }
      return strapi.db.transaction(() => original.updateById(id, atributos));
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
