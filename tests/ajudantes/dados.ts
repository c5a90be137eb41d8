import request from 'supertest';
import type { Core } from '@strapi/strapi';

/** Dados inventados (nunca dados reais) e atalhos de requisição. */

export const CNPJS_VALIDOS = [
  '11222333000181',
  '45997418000153',
  '04252011000110',
  '60701190000104',
  '33000167000101',
];
export const CPF_VALIDO = '52998224725';

export const api = (strapi: Core.Strapi, token: string) => {
  const servidor = () => request(strapi.server.httpServer);
  const comToken = <T extends request.Test>(r: T): T => r.set('Authorization', `Bearer ${token}`) as T;
  return {
    get: (url: string) => comToken(servidor().get(url)),
    post: (url: string, corpo?: object) => comToken(servidor().post(url)).send(corpo ?? {}),
    put: (url: string, corpo?: object) => comToken(servidor().put(url)).send(corpo ?? {}),
    del: (url: string) => comToken(servidor().delete(url)),
    graphql: (query: string, variables: Record<string, unknown> = {}) =>
      comToken(servidor().post('/graphql')).send({ query, variables }),
    bruto: servidor,
  };
};

export const criarOperadora = async (strapi: Core.Strapi, dados: Record<string, unknown>) =>
  strapi
    .documents('api::operadora.operadora')
    .create({ data: { possui_rpa: false, status_ativo: true, ...dados } as never });

export const dadosCliente = (operadora: string, extras: Record<string, unknown> = {}) => ({
  razao_social: 'Empresa Teste Ltda',
  nome_sat: 'EMPRESA TESTE',
  cnpj: '11.222.333/0001-81',
  operadora,
  servico: 'Link Dedicado',
  dados_sat: 'Link Dedicado',
  filtro: '12345678901-2345_10',
  unidade: 'CAMPO GRANDE-MS',
  login_portal: 'usuario.portal',
  senha_portal: 'Segredo#Portal1',
  ...extras,
});
