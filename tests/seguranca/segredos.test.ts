import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi } from '../ajudantes/strapi';
import { criarIntegrador, criarLoginNoPainel, criarPessoaNoPainel } from '../ajudantes/autenticacao';
import { api, CNPJS_VALIDOS, CPF_VALIDO, criarOperadora, dadosCliente } from '../ajudantes/dados';
import { gerarPdfFatura } from '../ajudantes/pdf';
import { comCabecalho, enviarFatura, type Pessoa } from '../ajudantes/painel';

/**
 * Nenhum dado pessoal se adivinha nem vaza por outra porta: campo mascarado não serve de filtro,
 * ordenação nem busca livre (REST, GraphQL, Content Manager e o seletor de relações), as relações
 * do GraphQL saem mascaradas, e as exportações aplicam a máscara do perfil, como a API.
 */
type Registro = Record<string, any>;

const MASCARA = '••••••••';
const UA = 'navegador-teste/1.0';
const CM = '/content-manager/collection-types';
/** Um pedaço do CPF que nenhum outro campo de texto do cliente contém. */
const PEDACO_CPF = CPF_VALIDO.slice(1, 8);

let strapi: Core.Strapi;
let administrador: Pessoa;
let operadorPainel: Pessoa;
let aprovadorPainel: Pessoa;
let emailOperador: string;
let integradorOperador: ReturnType<typeof api>;
let integradorAdmin: ReturnType<typeof api>;
let cliente: Registro;
let processo: Registro;

beforeAll(async () => {
  strapi = await iniciarStrapi({ EXPORTACAO_LIMITE_POR_MINUTO: '100' });
  administrador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'ADMINISTRADOR'));
  const login = await criarLoginNoPainel(strapi, 'OPERADOR');
  emailOperador = login.email;
  operadorPainel = comCabecalho(strapi, login.jwt);
  aprovadorPainel = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'APROVADOR'));
  integradorOperador = api(strapi, await criarIntegrador(strapi, 'OPERADOR'));
  integradorAdmin = api(strapi, await criarIntegrador(strapi, 'ADMINISTRADOR'));
  const operadora = await criarOperadora(strapi, { nome: 'OPERADORA SEGREDOS', codigo: 'OPS' });
  cliente = await strapi.documents('api::cliente.cliente').create({
    data: dadosCliente(operadora.documentId, { cnpj: CNPJS_VALIDOS[0], cpf: CPF_VALIDO }) as never,
  });
  processo = await strapi
    .documents('api::processo.processo')
    .create({ data: { cliente: cliente.documentId, mes_ano: '2025-05' } as never });
  // O upload grava a execução e a auditoria com o IP, o user agent e o e-mail de quem enviou.
  await enviarFatura(operadorPainel, processo.documentId, await gerarPdfFatura()).expect(201);
});
afterAll(encerrarStrapi);

const recusado = (r: { status: number; body: Registro }, campo: string) => {
  expect(r.status).toBe(400);
  expect(r.body.error.message).toBe(
    `Não é possível filtrar nem ordenar por "${campo}": o campo é protegido (quem o vê, vê a máscara).`
  );
};
const erroGraphql = (r: { body: Registro }, campo: string) => {
  expect(r.body.errors?.[0]?.message).toBe(
    `Não é possível filtrar nem ordenar por "${campo}": o campo é protegido (quem o vê, vê a máscara).`
  );
  expect(JSON.stringify(r.body.data ?? null)).not.toContain('documentId');
};

describe('campo mascarado não serve de filtro nem de ordenação', () => {
  test.each([
    ['/api/auditorias?filters[ip_origem][$startsWith]=1', 'ip_origem'],
    ['/api/auditorias?filters[$or][0][user_agent][$containsi]=navegador', 'user_agent'],
    ['/api/auditorias?filters[$not][usuario_email][$null]=true', 'usuario_email'],
    ['/api/auditorias?filters[depois][$containsi]=pessoa-operador', 'depois'],
    ['/api/auditorias?sort=ip_origem', 'ip_origem'],
    ['/api/execucoes?sort[0]=data_inicio:asc&sort[1]=user_agent:desc', 'user_agent'],
    ['/api/processos?filters[cliente][cpf][$startsWith]=5', 'cliente.cpf'],
    ['/api/processos?filters[$and][0][cliente][$or][0][cpf][$eq]=1', 'cliente.cpf'],
    ['/api/processos?sort=cliente.cpf:asc', 'cliente.cpf'],
    ['/api/processos?populate[cliente][filters][cpf][$startsWith]=5', 'cliente.cpf'],
    ['/api/processos?populate[execucoes][sort]=ip_origem', 'execucoes.ip_origem'],
    ['/api/execucoes?filters[executado_por_usuario][email][$startsWith]=p', 'executado_por_usuario.email'],
    ['/api/notificacoes?filters[usuario][telefone][$notNull]=true', 'usuario.telefone'],
  ])('REST, Operador: %s → 400', async (url, campo) => {
    recusado(await integradorOperador.get(url), campo);
  });

  test('REST: o Administrador filtra e ordena pelo que vê; a senha de portal não serve a ninguém', async () => {
    const porCpf = await integradorAdmin
      .get('/api/processos?filters[cliente][cpf][$startsWith]=5')
      .expect(200);
    expect(porCpf.body.data.map((p: Registro) => p.documentId)).toEqual([processo.documentId]);
    const porIp = await integradorAdmin.get('/api/auditorias?filters[ip_origem][$notNull]=true').expect(200);
    expect(porIp.body.data.length).toBeGreaterThan(0);
    await integradorAdmin.get('/api/auditorias?sort=ip_origem').expect(200);
    // Pelo Content Manager, onde o campo privado aparece para o admin, a mesma recusa.
    recusado(
      await administrador.get(`${CM}/api::cliente.cliente?filters[$and][0][senha_portal][$notNull]=true`),
      'senha_portal'
    );
    recusado(await administrador.get(`${CM}/api::cliente.cliente?sort=senha_portal:ASC`), 'senha_portal');
  });

  test('busca livre (_q) não encontra pelo campo mascarado; pelo resto, sim', async () => {
    const nomes = (r: Registro) => (r.body.data ?? r.body.results).map((c: Registro) => c.nome_sat);
    expect(nomes(await integradorOperador.get(`/api/clientes?_q=${PEDACO_CPF}`).expect(200))).toEqual([]);
    expect(nomes(await integradorOperador.get('/api/clientes?_q=empresa teste').expect(200))).toEqual([
      'EMPRESA TESTE',
    ]);
    expect(nomes(await integradorAdmin.get(`/api/clientes?_q=${PEDACO_CPF}`).expect(200))).toEqual([
      'EMPRESA TESTE',
    ]);
    const lista = (quem: Pessoa, q: string) => quem.get(`${CM}/api::cliente.cliente?_q=${q}`).expect(200);
    expect(nomes(await lista(operadorPainel, PEDACO_CPF))).toEqual([]);
    expect(nomes(await lista(aprovadorPainel, PEDACO_CPF))).toEqual([]);
    expect(nomes(await lista(operadorPainel, 'EMPRESA'))).toEqual(['EMPRESA TESTE']);
    expect(nomes(await lista(administrador, PEDACO_CPF))).toEqual(['EMPRESA TESTE']);
    const auditorias = (quem: Pessoa, q: string) =>
      quem.get(`${CM}/api::auditoria.auditoria?_q=${q}`).expect(200);
    expect((await auditorias(operadorPainel, 'navegador-teste')).body.results).toEqual([]);
    expect((await auditorias(administrador, 'navegador-teste')).body.results.length).toBeGreaterThan(0);
  });

  test('Content Manager: lista e seletor de relações recusam filtro e ordem por campo mascarado', async () => {
    recusado(
      await operadorPainel.get(`${CM}/api::auditoria.auditoria?filters[$and][0][ip_origem][$startsWith]=1`),
      'ip_origem'
    );
    recusado(await aprovadorPainel.get(`${CM}/api::auditoria.auditoria?sort=ip_origem:ASC`), 'ip_origem');
    recusado(
      await operadorPainel.get(`${CM}/api::processo.processo?filters[$and][0][cliente][cpf][$startsWith]=5`),
      'cliente.cpf'
    );
    const relacoes = '/content-manager/relations/api::processo.processo/cliente';
    recusado(await operadorPainel.get(`${relacoes}?filters[cpf][$startsWith]=5`), 'cpf');
    recusado(await operadorPainel.get(`${relacoes}?sort=cpf:ASC`), 'cpf');
    // A busca pelo campo principal (a hash, que não é mascarada) segue funcionando.
    const busca = await operadorPainel.get(`${relacoes}?_q=${cliente.hash_unico.slice(0, 8)}`).expect(200);
    expect(busca.body.results.map((c: Registro) => c.documentId)).toEqual([cliente.documentId]);
    await administrador.get(`${relacoes}?filters[cpf][$startsWith]=5`).expect(200);
  });

  test('GraphQL: filtros e ordem da consulta e das relações aninhadas, e a contagem', async () => {
    const g = (consulta: string) => integradorOperador.graphql(consulta);
    erroGraphql(await g('{ auditorias(filters: { ip_origem: { startsWith: "1" } }) { acao } }'), 'ip_origem');
    erroGraphql(await g('{ auditorias(sort: "user_agent:asc") { acao } }'), 'user_agent');
    erroGraphql(
      await g('{ processos(filters: { cliente: { cpf: { startsWith: "5" } } }) { documentId } }'),
      'cliente.cpf'
    );
    erroGraphql(
      await g('{ operadoras { clientes(filters: { cpf: { startsWith: "5" } }) { documentId } } }'),
      'cpf'
    );
    erroGraphql(
      await g(
        '{ operadoras { clientes_connection(filters: { or: [{ cpf: { startsWith: "5" } }] }) { nodes { documentId } } } }'
      ),
      'cpf'
    );
    erroGraphql(await g('{ processos { execucoes(sort: ["ip_origem:desc"]) { documentId } } }'), 'ip_origem');
    erroGraphql(
      await g(
        '{ auditorias_connection(filters: { usuario_email: { contains: "@" } }) { pageInfo { total } } }'
      ),
      'usuario_email'
    );
    const doAdmin = await integradorAdmin
      .graphql('{ processos(filters: { cliente: { cpf: { startsWith: "5" } } }) { documentId } }')
      .expect(200);
    expect(doAdmin.body.data.processos).toEqual([{ documentId: processo.documentId }]);
  });

  test('rotas do painel: o filtro "cliente" procura por nome e CNPJ, nunca pelo CPF', async () => {
    const total = async (termo: string) =>
      (await operadorPainel.get(`/orquestrador-rpa/processos?cliente=${termo}`).expect(200)).body.data.total;
    expect(await total(PEDACO_CPF)).toBe(0);
    expect(await total('EMPRESA')).toBe(1);
  });
});

describe('nenhum dado pessoal por outra porta', () => {
  const CONSULTA =
    '{ processos { cliente { cpf } execucoes { ip_origem user_agent executado_por_usuario { email } } } }';

  test('relações do GraphQL saem com a máscara do perfil', async () => {
    const doOperador = await integradorOperador.graphql(CONSULTA).expect(200);
    expect(doOperador.body.data.processos[0]).toEqual({
      cliente: { cpf: MASCARA },
      execucoes: [{ ip_origem: MASCARA, user_agent: MASCARA, executado_por_usuario: { email: MASCARA } }],
    });
    const doAdmin = await integradorAdmin.graphql(CONSULTA).expect(200);
    expect(doAdmin.body.data.processos[0]).toEqual({
      cliente: { cpf: CPF_VALIDO },
      execucoes: [
        {
          ip_origem: expect.stringMatching(/127\.0\.0\.1/),
          user_agent: UA,
          executado_por_usuario: { email: emailOperador },
        },
      ],
    });
  });

  test('o e-mail de quem agiu dentro do JSON da auditoria (enviado_por) também é mascarado', async () => {
    const doOperador = await integradorOperador.get('/api/auditorias?pagination[pageSize]=100').expect(200);
    const upload = doOperador.body.data.find((a: Registro) => a.acao === 'processo.registrar_upload_manual');
    expect(upload.depois.enviado_por).toBe(MASCARA);
    expect(JSON.stringify(doOperador.body)).not.toContain(emailOperador);
    const doAdmin = await integradorAdmin.get('/api/auditorias?pagination[pageSize]=100').expect(200);
    expect(JSON.stringify(doAdmin.body)).toContain(emailOperador);
  });

  test('exportação das execuções (JSON e CSV): a máscara da API para Operador e Aprovador; o Administrador vê', async () => {
    const doOperador = await integradorOperador.get('/api/execucoes/exportar?formato=json').expect(200);
    expect(doOperador.body).toHaveLength(1);
    expect(doOperador.body[0]).toMatchObject({ ip_origem: MASCARA, user_agent: MASCARA, usuario: MASCARA });
    const csvAprovador = await aprovadorPainel
      .get('/orquestrador-rpa/execucoes/exportar?formato=csv')
      .expect(200);
    expect(csvAprovador.text).toContain(MASCARA);
    for (const segredo of [UA, emailOperador, '127.0.0.1']) expect(csvAprovador.text).not.toContain(segredo);
    const doAdmin = await integradorAdmin.get('/api/execucoes/exportar?formato=json').expect(200);
    expect(doAdmin.body[0]).toMatchObject({ user_agent: UA, usuario: emailOperador });
    const csvAdmin = await administrador.get('/orquestrador-rpa/execucoes/exportar?formato=csv').expect(200);
    expect(csvAdmin.text).toContain(UA);
    expect(csvAdmin.text).toContain(emailOperador);
  });

  test('rastreabilidade (JSON e CSV): a mesma máscara', async () => {
    const url = (formato: string) =>
      `/orquestrador-rpa/processos/${processo.documentId}/rastreabilidade?formato=${formato}`;
    const trilha = (await aprovadorPainel.get(url('json')).expect(200)).body.data;
    const comIp = trilha.eventos.filter((e: Registro) => e.ip_origem);
    expect(comIp.length).toBeGreaterThan(1);
    for (const e of comIp) expect([e.ip_origem, e.user_agent]).toEqual([MASCARA, MASCARA]);
    expect(JSON.stringify(trilha)).not.toContain(emailOperador);
    expect(JSON.stringify(trilha)).not.toContain(UA);
    const csvOperador = await integradorOperador
      .get(`/api/processos/${processo.documentId}/rastreabilidade?formato=csv`)
      .expect(200);
    for (const segredo of [UA, emailOperador]) expect(csvOperador.text).not.toContain(segredo);
    const doAdmin = (await administrador.get(url('json')).expect(200)).body.data;
    expect(doAdmin.eventos.find((e: Registro) => e.tipo === 'EXECUCAO')).toMatchObject({
      user_agent: UA,
      usuario: emailOperador,
    });
    expect((await administrador.get(url('csv')).expect(200)).text).toContain(UA);
  });
});
