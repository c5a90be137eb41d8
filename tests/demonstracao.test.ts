import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi } from './ajudantes/strapi';
import { semear, SENHA_DEMO } from '../src/demonstracao/semear';

let strapi: Core.Strapi;
beforeAll(async () => {
  strapi = await iniciarStrapi();
});
afterAll(encerrarStrapi);

test('semear é idempotente e cria operadoras, clientes e uma pessoa por perfil', async () => {
  await semear(strapi);
  await semear(strapi);
  expect(await strapi.db.query('api::operadora.operadora').count({})).toBe(6);
  expect(await strapi.db.query('api::cliente.cliente').count({})).toBe(6);
  expect(await strapi.db.query('api::usuario.usuario').count({})).toBe(3);
  const emb = await strapi.db.query('api::operadora.operadora').findOne({ where: { codigo: 'EMB' } });
  expect(emb.possui_rpa).toBe(true);
  const oi = await strapi.db.query('api::operadora.operadora').findOne({ where: { codigo: 'OI' } });
  expect(oi.possui_rpa).toBe(true);
});

test('o aprovador de demonstração entra no painel em português e vê o resumo do plugin', async () => {
  const login = await request(strapi.server.httpServer)
    .post('/admin/login')
    .send({ email: 'aprovador@orquestrador.demo', password: SENHA_DEMO })
    .expect(200);
  expect(login.body.data.user.preferedLanguage).toBe('pt-BR');
  const resumo = await request(strapi.server.httpServer)
    .get('/orquestrador-rpa/resumo')
    .set('Authorization', `Bearer ${login.body.data.token}`)
    .expect(200);
  expect(resumo.body.data).toEqual({
    operadoras: 6,
    operadorasAtivas: 6,
    operadorasComRpa: 2,
    clientes: 6,
    clientesAtivos: 6,
  });
  await request(strapi.server.httpServer).get('/orquestrador-rpa/resumo').expect(401);
});

test('com os portais simulados (--demo): Embratel e Oi apontam para os simuladores, processos do mês gerados e downloads disparados', async () => {
  strapi.config.set('orquestrador.demonstracao', {
    urlEmbratel: 'http://127.0.0.1:8091/embratelonline/index.asp',
    urlOi: 'http://127.0.0.1:8093/login',
  });
  try {
    await semear(strapi);
  } finally {
    strapi.config.set('orquestrador.demonstracao', { urlEmbratel: null, urlOi: null });
  }
  const oi = await strapi.db.query('api::operadora.operadora').findOne({ where: { codigo: 'OI' } });
  expect(oi.url_portal).toBe('http://127.0.0.1:8093/login');
  const emb = await strapi.db.query('api::operadora.operadora').findOne({ where: { codigo: 'EMB' } });
  expect(emb.url_portal).toBe('http://127.0.0.1:8091/embratelonline/index.asp');
  expect(await strapi.db.query('api::processo.processo').count({})).toBe(6);
  const downloads = await strapi.db.query('api::execucao.execucao').findMany({
    where: { tipo_execucao: 'DOWNLOAD_FATURA' },
    populate: { processo: { populate: { cliente: true } } },
  });
  expect(
    downloads.map((e: Record<string, any>) => [e.status_execucao, e.processo.cliente.nome_sat]).sort()
  ).toEqual([
    ['PENDENTE', 'ALFA LOGISTICA'],
    ['PENDENTE', 'BETA ALIMENTOS'],
    ['PENDENTE', 'GAMA CONSTRUCOES'],
  ]);
});
