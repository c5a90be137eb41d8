import { erroProibido } from '../regras/erros';
import type { Core } from '@strapi/strapi';
import { erroConflito, ehViolacaoDeUnicidade } from '../regras/erros';
import type { Perfil } from '../regras/papeis';
import { identidadeAtual } from '../seguranca/requisitante';
import { UID } from '@orquestrador-rpa/contrato';
import { perfilPorCodigos } from './perfil-atual';

/**
 * A pessoa que age numa requisição (painel ou integrador), com o seu registro em `usuario` e a
 * identidade de login (`PAINEL:<id>` ou `API:<id>`), que é o que a regra dos quatro olhos compara.
 */
export interface Pessoa {
  usuarioId: number;
  email: string;
  /** Perfil de agora, pelos papéis atuais do login (não a cópia gravada no registro `usuario`). */
  perfil: Perfil;
  identidade: string;
  /** O registro `usuario` está ativo? (inativo não decide nada). */
  ativo: boolean;
}

interface EstadoAuth {
  state?: { auth?: { strategy?: { name?: string } }; user?: { id?: number } };
}

interface Identidade {
  email: string;
  nome: string;
  perfil: Perfil | null;
  vinculo: Record<string, unknown>;
  dadosVinculo: Record<string, unknown>;
}

/** `mesmoInativa`: o perfil pelos papéis, ainda que a conta esteja inativa (convite ainda não aceito). */
const identidadeDoPainel = async (
  strapi: Core.Strapi,
  id: number,
  mesmoInativa = false
): Promise<Identidade | null> => {
  const usuario = (await strapi.db
    .query('admin::user')
    .findOne({ where: { id }, populate: { roles: { select: ['code'] } } })) as {
    email: string;
    firstname?: string;
    lastname?: string;
    isActive: boolean;
    blocked: boolean;
    roles?: Array<{ code: string }>;
  } | null;
  if (!usuario) return null;
  return {
    email: usuario.email,
    nome: [usuario.firstname, usuario.lastname].filter(Boolean).join(' ') || usuario.email,
    perfil:
      mesmoInativa || (usuario.isActive && !usuario.blocked)
        ? perfilPorCodigos((usuario.roles ?? []).map((r) => r.code))
        : null,
    vinculo: { id_usuario_admin: id },
    dadosVinculo: { id_usuario_admin: id },
  };
};

const identidadeDaApi = async (strapi: Core.Strapi, id: number): Promise<Identidade | null> => {
  const usuario = (await strapi.db
    .query('plugin::users-permissions.user')
    .findOne({ where: { id }, populate: { role: { select: ['type'] } } })) as {
    email: string;
    username?: string;
    blocked: boolean | null;
    role?: { type: string };
  } | null;
  if (!usuario) return null;
  return {
    email: usuario.email,
    nome: usuario.username ?? usuario.email,
    perfil: usuario.blocked ? null : perfilPorCodigos([usuario.role?.type ?? '']),
    vinculo: { usuario_api: { id } },
    dadosVinculo: { usuario_api: id },
  };
};

/**
 * Acha (ou cria) o registro `usuario` de quem faz a requisição. Um registro achado pelo e-mail só
 * ganha o vínculo de login se ainda não tiver um desse tipo: vínculo existente nunca é trocado.
 */
const garantirUsuario = async (
  strapi: Core.Strapi,
  identidade: Identidade & { perfil: Perfil }
): Promise<{ id: number; ativo: boolean }> => {
  const consulta = strapi.db.query(UID.USUARIO);
  const campos = ['id', 'status_ativo', 'perfil_usuario'];
  const ligado = (await consulta.findOne({ where: identidade.vinculo, select: campos })) as {
    id: number;
    status_ativo: boolean;
    perfil_usuario: string;
  } | null;
  if (ligado) {
    // A cópia do perfil acompanha o papel atual (só informativa: decisões e avisos de quem tem login
    // seguem o papel de agora; ela vale só para o contato sem login, que nunca decide).
    if (ligado.perfil_usuario !== identidade.perfil)
      await consulta.update({ where: { id: ligado.id }, data: { perfil_usuario: identidade.perfil } });
    return { id: ligado.id, ativo: ligado.status_ativo };
  }
  const porEmail = (await consulta.findOne({
    where: { email: { $eqi: identidade.email } },
    orderBy: { id: 'asc' },
    select: ['id', 'id_usuario_admin', 'status_ativo'],
    populate: { usuario_api: { select: ['id'] } },
  })) as {
    id: number;
    id_usuario_admin: number | null;
    status_ativo: boolean;
    usuario_api: { id: number } | null;
  } | null;
  if (porEmail) {
    const semVinculo =
      'id_usuario_admin' in identidade.dadosVinculo
        ? porEmail.id_usuario_admin === null
        : !porEmail.usuario_api;
    if (semVinculo) await consulta.update({ where: { id: porEmail.id }, data: identidade.dadosVinculo });
    return { id: porEmail.id, ativo: porEmail.status_ativo };
  }
  try {
    const criado = (await consulta.create({
      data: {
        nome_completo: identidade.nome,
        email: identidade.email,
        perfil_usuario: identidade.perfil,
        status_ativo: true,
        ...identidade.dadosVinculo,
        publishedAt: new Date(),
      },
    })) as { id: number };
    return { id: criado.id, ativo: true };
  } catch (erro) {
    if (!ehViolacaoDeUnicidade(erro)) throw erro;
    const outro = (await consulta.findOne({
      where: { $or: [identidade.vinculo, { email: { $eqi: identidade.email } }] },
      select: ['id', 'status_ativo'],
      orderBy: { id: 'asc' },
    })) as { id: number; status_ativo: boolean } | null;
    if (!outro)
      throw erroConflito(
        'O cadastro de usuários tem outro registro ligado a este login; peça a um administrador para corrigi-lo.'
      );
    return { id: outro.id, ativo: outro.status_ativo };
  }
};

const identidadeDaRequisicao = async (strapi: Core.Strapi): Promise<Identidade | null> => {
  const ctx = strapi.requestContext.get() as EstadoAuth | undefined;
  const estrategia = ctx?.state?.auth?.strategy?.name;
  const id = ctx?.state?.user?.id;
  if (id === undefined) return null;
  if (estrategia === 'admin') return identidadeDoPainel(strapi, Number(id));
  return estrategia === 'users-permissions' ? identidadeDaApi(strapi, Number(id)) : null;
};

/**
 * Registro `usuario` de um login (`PAINEL:<id>` ou `API:<id>`), criado se ainda não existir (o
 * alerta de conta alterada precisa de a quem mandar); `null` se o login não tem perfil.
 */
export const usuarioDoLogin = async (strapi: Core.Strapi, identidade: string): Promise<number | null> => {
  const [origem, id] = identidade.split(':');
  const dados =
    origem === 'PAINEL'
      ? await identidadeDoPainel(strapi, Number(id), true)
      : origem === 'API'
        ? await identidadeDaApi(strapi, Number(id))
        : null;
  if (!dados?.perfil) return null;
  return (await garantirUsuario(strapi, { ...dados, perfil: dados.perfil })).id;
};

/** Pessoa da requisição em curso; `null` para token de API, chamada interna ou papel sem perfil do orquestrador. */
export const pessoaAtual = async (strapi: Core.Strapi): Promise<Pessoa | null> => {
  const identidade = await identidadeDaRequisicao(strapi);
  if (!identidade?.perfil) return null;
  const perfil = identidade.perfil;
  const usuario = await garantirUsuario(strapi, { ...identidade, perfil });
  return {
    usuarioId: usuario.id,
    email: identidade.email,
    perfil,
    identidade: identidadeAtual(strapi),
    ativo: usuario.ativo,
  };
};

/** Exige uma pessoa identificada, com perfil do orquestrador (decisões humanas não são tomadas por tokens de máquina). */
export const exigirPessoa = async (strapi: Core.Strapi, acao: string): Promise<Pessoa> => {
  const pessoa = await pessoaAtual(strapi);
  if (pessoa) return pessoa;
  if (await identidadeDaRequisicao(strapi))
    throw erroProibido(
      `${acao} exige um perfil do orquestrador (Administrador, Aprovador ou Operador); o seu papel não tem nenhum.`
    );
  throw erroProibido(
    `${acao} exige uma pessoa identificada (login no painel ou de integrador), não um token de API.`
  );
};
