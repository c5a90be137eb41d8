import type { Core } from '@strapi/strapi';
import { erroProibido } from '../regras/erros';
import { exigirSemCarencia } from './carencia';
import { PERFIS_QUE_DECIDEM } from './perfil-atual';
import { identidadesDaPessoa } from './identidades';
import { exigirPessoa, type Pessoa } from './pessoa';

/** Quem decide, com todos os logins dele (lidos uma vez: carência e quatro olhos usam o mesmo conjunto). */
export type PessoaQueDecide = Pessoa & { identidades: ReadonlySet<string> };

const NOME_DO_PERFIL: Record<string, string> = {
  ADMINISTRADOR: 'Administrador',
  APROVADOR: 'Aprovador',
  OPERADOR: 'Operador',
};

/**
 * Quem aprova ou rejeita, conferido pelo próprio serviço (não só pela rota): uma pessoa com o
 * perfil de agora Aprovador ou Administrador, com o cadastro `usuario` ativo e fora da carência
 * de uma alteração sensível feita por outra pessoa. Vale para painel, API, GraphQL e link.
 */
export const exigirQuemDecide = async (strapi: Core.Strapi, acao: string): Promise<PessoaQueDecide> => {
  const pessoa = await exigirPessoa(strapi, acao);
  if (!PERFIS_QUE_DECIDEM.has(pessoa.perfil))
    throw erroProibido(
      `${acao} exige o perfil Aprovador ou Administrador; hoje o seu papel dá o perfil ${NOME_DO_PERFIL[pessoa.perfil]}.`
    );
  if (!pessoa.ativo)
    throw erroProibido(`${acao} não é permitida: o seu cadastro de usuário está inativo no orquestrador.`);
  const identidades = await identidadesDaPessoa(strapi, pessoa.identidade);
  await exigirSemCarencia(strapi, pessoa, identidades);
  return { ...pessoa, identidades };
};
