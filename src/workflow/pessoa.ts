import { erroProibido } from '../regras/erros';
import type { Core } from '@strapi/strapi';
import { ehViolacaoDeUnicidade } from '../regras/erros';
import type { Perfil } from '../regras/papeis';
import { identidadeAtual } from '../seguranca/requisitante';
import { UID } from '@orquestrador-rpa/contrato';

/**
 * A pessoa que age numa requisição (painel ou integrador), com o seu registro em `usuario` e a
 * identidade de login (`PAINEL:<id>` ou `API:<id>`), que é o que a regra dos quatro olhos compara.
 */
export interface Pessoa {
  usuarioId: number;
  email: string;
  perfil: Perfil;
  identidade: string;
}

interface EstadoAuth {
  state?: { auth?: { strategy?: { name?: string } }; user?: { id?: number } };
}

/** Perfil pelos papéis conhecidos; papel desconhecido não vira perfil nenhum (nunca OPERADOR por omissão). */
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

const perfilPorCodigos = (codigos: string[]): Perfil | null => {
  const perfis = codigos.map((c) => PERFIL_DO_PAPEL[c]).filter((p): p is Perfil => !!p);
  return ORDEM.find((p) => perfis.includes(p)) ?? null;
};

interface Identidade {
  email: string;
  nome: string;
  perfil: Perfil | null;
  vinculo: Record<string, unknown>;
  dadosVinculo: Record<string, unknown>;
}

const identidadeDoPainel = async (strapi: Core.Strapi, id: number): Promise<Identidade | null> => {
  const usuario = (await strapi.db
    .query('admin::user')
    .findOne({ where: { id }, populate: { roles: { select: ['code'] } } })) as {
    email: string;
    firstname?: string;
    lastname?: string;
    roles?: Array<{ code: string }>;
  } | null;
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
  const usuario = (await strapi.db
    .query('plugin::users-permissions.user')
    .findOne({ where: { id }, populate: { role: { select: ['type'] } } })) as {
    email: string;
    username?: string;
    role?: { type: string };
  } | null;
  if (!usuario) return null;
  return {
    email: usuario.email,
    nome: usuario.username ?? usuario.email,
    perfil: perfilPorCodigos([usuario.role?.type ?? '']),
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
): Promise<number> => {
  const consulta = strapi.db.query(UID.USUARIO);
  const ligado = (await consulta.findOne({ where: identidade.vinculo, select: ['id'] })) as {
    id: number;
  } | null;
  if (ligado) return ligado.id;
  const porEmail = (await consulta.findOne({
    where: { email: identidade.email },
    select: ['id', 'id_usuario_admin'],
    populate: { usuario_api: { select: ['id'] } },
  })) as { id: number; id_usuario_admin: number | null; usuario_api: { id: number } | null } | null;
  if (porEmail) {
    const semVinculo =
      'id_usuario_admin' in identidade.dadosVinculo
        ? porEmail.id_usuario_admin === null
        : !porEmail.usuario_api;
    if (semVinculo) await consulta.update({ where: { id: porEmail.id }, data: identidade.dadosVinculo });
    return porEmail.id;
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
    return criado.id;
  } catch (erro) {
    if (!ehViolacaoDeUnicidade(erro)) throw erro;
    const outro = (await consulta.findOne({ where: { email: identidade.email }, select: ['id'] })) as {
      id: number;
    };
    return outro.id;
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

/** Pessoa da requisição em curso; `null` para token de API, chamada interna ou papel sem perfil do orquestrador. */
export const pessoaAtual = async (strapi: Core.Strapi): Promise<Pessoa | null> => {
  const identidade = await identidadeDaRequisicao(strapi);
  if (!identidade?.perfil) return null;
  const perfil = identidade.perfil;
  return {
    usuarioId: await garantirUsuario(strapi, { ...identidade, perfil }),
    email: identidade.email,
    perfil,
    identidade: identidadeAtual(strapi),
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
