import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { tipoPapelApi, type Perfil } from '../../src/regras/papeis';

/** Credenciais reais para os testes: token de API, JWT de integrador e JWT do admin. */

export const criarTokenApi = async (strapi: Core.Strapi, nome = 'token-teste'): Promise<string> => {
  const servico = strapi.service('admin::api-token') as unknown as {
    create: (d: Record<string, unknown>) => Promise<{ accessKey: string }>;
  };
  const token = await servico.create({
    name: `${nome}-${Date.now()}-${Math.random()}`,
    description: 'testes',
    type: 'full-access',
    lifespan: null,
  });
  return token.accessKey;
};

let sequencia = 0;

/** Integrador da API (users-permissions) com o papel equivalente ao perfil. */
export const criarIntegrador = async (strapi: Core.Strapi, perfil: Perfil): Promise<string> => {
  const papel = (await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: tipoPapelApi(perfil) } })) as { id: number };
  sequencia += 1;
  const email = `integrador-${perfil.toLowerCase()}-${sequencia}-${process.pid}@teste.invalid`;
  const senha = 'SenhaForte123!';
  await strapi.plugin('users-permissions').service('user').add({
    username: email,
    email,
    password: senha,
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: papel.id,
  });
  const resposta = await request(strapi.server.httpServer)
    .post('/api/auth/local')
    .send({ identifier: email, password: senha })
    .expect(200);
  return resposta.body.jwt as string;
};

const CODIGO_PAPEL_ADMIN: Record<Perfil, string> = {
  ADMINISTRADOR: 'orquestrador-administrador',
  APROVADOR: 'orquestrador-aprovador',
  OPERADOR: 'orquestrador-operador',
};

export const SENHA_PAINEL_TESTE = 'SenhaForte123!';

/** Pessoa no painel (usuário do admin) com o papel do perfil; devolve o JWT do admin. */
export const criarPessoaNoPainel = async (strapi: Core.Strapi, perfil: Perfil): Promise<string> =>
  (await criarLoginNoPainel(strapi, perfil)).jwt;

/** Como `criarPessoaNoPainel`, devolvendo também o e-mail (para entrar pela tela de login). */
export const criarLoginNoPainel = async (
  strapi: Core.Strapi,
  perfil: Perfil
): Promise<{ email: string; jwt: string }> => {
  const papel = (await strapi.db
    .query('admin::role')
    .findOne({ where: { code: CODIGO_PAPEL_ADMIN[perfil] } })) as { id: number };
  sequencia += 1;
  const email = `pessoa-${perfil.toLowerCase()}-${sequencia}-${process.pid}@teste.invalid`;
  const senha = SENHA_PAINEL_TESTE;
  await (
    strapi.service('admin::user') as unknown as { create: (d: Record<string, unknown>) => Promise<unknown> }
  ).create({
    email,
    firstname: 'Pessoa',
    lastname: perfil,
    password: senha,
    isActive: true,
    roles: [papel.id],
    registrationToken: null,
    preferedLanguage: 'pt-BR',
  });
  const resposta = await request(strapi.server.httpServer)
    .post('/admin/login')
    .send({ email, password: senha })
    .expect(200);
  return { email, jwt: resposta.body.data.token as string };
};
