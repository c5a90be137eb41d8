import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { encerrarStrapi, iniciarStrapi } from '../ajudantes/strapi';
import { criarLoginNoPainel, criarPessoaNoPainel, SENHA_PAINEL_TESTE } from '../ajudantes/autenticacao';
import { api, CNPJS_VALIDOS, criarOperadora, dadosCliente } from '../ajudantes/dados';
import { gerarPdfFatura } from '../ajudantes/pdf';
import { comCabecalho, enviarFatura, PAINEL, type Pessoa } from '../ajudantes/painel';
import { roboApi, sucessoDoDownload } from '../ajudantes/robo';

/**
 * Aprovação inviolável: vale só para o PDF analisado, compara identidades de login (não registros
 * `usuario`) na mesma transação, barra quem trouxe a fatura ou mexeu no portal, e nenhuma pessoa do
 * papel Administrador se promove a Super Admin nem mexe em outro administrador.
 */
type Registro = Record<string, any>;

let strapi: Core.Strapi;
let operador: Pessoa;
let operador2: Pessoa;
let aprovador: Pessoa;
let administrador: Pessoa;
let administradorEmail: string;
let comRobo: Registro;
let semRobo: Registro;
let sequencia = 0;

const processoDe = (id: string): Promise<Registro> =>
  strapi.db.query('api::processo.processo').findOne({ where: { documentId: id } });

/** Cliente + processo novos numa operadora (CNPJ e filtro únicos por chamada). */
const novoProcesso = async (operadora: Registro): Promise<{ processo: string; cliente: string }> => {
  sequencia += 1;
  const cliente = await strapi.documents('api::cliente.cliente').create({
    data: dadosCliente(operadora.documentId, {
      cnpj: CNPJS_VALIDOS[sequencia % CNPJS_VALIDOS.length],
      nome_sat: `CLIENTE APROVACAO ${sequencia}`,
      filtro: `f-${sequencia}`,
      unidade: `UNIDADE ${sequencia}`,
    }) as never,
  });
  const processo = await strapi
    .documents('api::processo.processo')
    .create({ data: { cliente: cliente.documentId, mes_ano: '2025-07' } as never });
  return { processo: processo.documentId, cliente: cliente.documentId };
};

/** Download feito "pelo robô": quem dispara é `quem`; o PDF chega pelas rotas do worker. */
const baixarPeloRobo = async (quem: Pessoa, processo: string): Promise<void> => {
  const execucao = (await quem.post(`${PAINEL}/${processo}/executar-download`).expect(201)).body.data
    .execucao;
  await roboApi(strapi).iniciar(execucao).expect(200);
  await roboApi(strapi)
    .concluir(execucao, sucessoDoDownload(), false, [['fatura', await gerarPdfFatura(), 'fatura.pdf']])
    .expect(200);
  expect((await processoDe(processo)).status_processo).toBe('AGUARDANDO_APROVACAO');
};

const hashDe = async (processo: string): Promise<string> => (await processoDe(processo)).hash_fatura;
const aprovar = (quem: Pessoa, processo: string, sha256: string) =>
  quem.post(`${PAINEL}/${processo}/aprovar`, { sha256_fatura: sha256 });

beforeAll(async () => {
  strapi = await iniciarStrapi();
  operador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'OPERADOR'));
  operador2 = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'OPERADOR'));
  aprovador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'APROVADOR'));
  const login = await criarLoginNoPainel(strapi, 'ADMINISTRADOR');
  administrador = comCabecalho(strapi, login.jwt);
  administradorEmail = login.email;
  comRobo = await criarOperadora(strapi, {
    nome: 'OPERADORA ROBO',
    codigo: 'OI',
    possui_rpa: true,
    url_portal: 'http://127.0.0.1:9/portal',
  });
  semRobo = await criarOperadora(strapi, { nome: 'OPERADORA MANUAL', codigo: 'MAN' });
});
afterAll(encerrarStrapi);

describe('a aprovação vale para o PDF analisado', () => {
  test('sem o sha256 do PDF analisado → 400', async () => {
    const { processo } = await novoProcesso(semRobo);
    await enviarFatura(operador, processo, await gerarPdfFatura()).expect(201);
    const r = await aprovador.post(`${PAINEL}/${processo}/aprovar`, { observacoes: 'ok' }).expect(400);
    expect(r.body.error.message).toContain('sha256_fatura');
  });

  test('corrida upload × aprovação: a fatura trocada depois da análise não é aprovada (409), a nova exige nova análise', async () => {
    const { processo } = await novoProcesso(semRobo);
    await enviarFatura(operador, processo, await gerarPdfFatura()).expect(201);
    const analisado = (await processoDe(processo)).hash_fatura;
    // Enquanto o aprovador olha o PDF, a fatura é rejeitada, o processo reaberto e outra chega.
    await administrador.post(`${PAINEL}/${processo}/rejeitar`, { observacoes: 'valor errado' }).expect(200);
    await operador.post(`${PAINEL}/${processo}/reabrir`).expect(200);
    await enviarFatura(operador2, processo, await gerarPdfFatura()).expect(201);
    const r = await aprovar(aprovador, processo, analisado).expect(409);
    expect(r.body.error.message).toBe(
      'A fatura mudou desde a análise (o PDF não é o que você viu): abra a análise de novo antes de aprovar.'
    );
    expect((await processoDe(processo)).status_processo).toBe('AGUARDANDO_APROVACAO');
    await aprovar(aprovador, processo, await hashDe(processo)).expect(200);
  });
});

describe('quatro olhos pela identidade de login', () => {
  test('quem fez o upload não aprova, mesmo com o registro `usuario` apagado por fora', async () => {
    const { processo } = await novoProcesso(semRobo);
    await enviarFatura(administrador, processo, await gerarPdfFatura()).expect(201);
    expect(
      (await aprovar(administrador, processo, await hashDe(processo)).expect(403)).body.error.message
    ).toContain('quem fez o upload manual desta fatura não pode aprová-la');
    // Porta lateral antiga: sumir com o registro `usuario` do histórico não engana a regra.
    const usuario = await strapi.db
      .query('api::usuario.usuario')
      .findOne({ where: { email: administradorEmail } });
    await strapi.db
      .connection('execucoes_executado_por_usuario_lnk')
      .where({ usuario_id: usuario.id })
      .delete();
    await strapi.db.query('api::usuario.usuario').delete({ where: { id: usuario.id } });
    await aprovar(administrador, processo, await hashDe(processo)).expect(403);
    await aprovar(aprovador, processo, await hashDe(processo)).expect(200);
  });

  test('fatura baixada pelo robô: quem disparou o download não aprova sozinho', async () => {
    const { processo } = await novoProcesso(comRobo);
    await baixarPeloRobo(administrador, processo);
    expect(
      (await aprovar(administrador, processo, await hashDe(processo)).expect(403)).body.error.message
    ).toContain('quem disparou o download desta fatura não pode aprová-la sozinho');
    await aprovar(aprovador, processo, await hashDe(processo)).expect(200);
  });

  test('quem mexeu no portal do cliente (login, senha, site) não aprova a fatura do robô; com a política desligada, aprova', async () => {
    const { processo, cliente } = await novoProcesso(comRobo);
    await administrador
      .put(`/content-manager/collection-types/api::cliente.cliente/${cliente}`, {
        login_portal: 'outro.login',
        senha_portal: 'NovaSenha#1',
      })
      .expect(200);
    await baixarPeloRobo(operador, processo);
    const r = await aprovar(administrador, processo, await hashDe(processo)).expect(403);
    expect(r.body.error.message).toContain('você alterou a configuração do portal deste cliente');
    strapi.config.set('orquestrador.quatroOlhos.robo', false);
    try {
      await aprovar(administrador, processo, await hashDe(processo)).expect(200);
    } finally {
      strapi.config.set('orquestrador.quatroOlhos.robo', true);
    }
  });

  test('quem mexeu no portal da operadora também não aprova', async () => {
    const { processo } = await novoProcesso(comRobo);
    await administrador
      .put(`/content-manager/collection-types/api::operadora.operadora/${comRobo.documentId}`, {
        dominios_permitidos: 'portal.operadora.com.br',
      })
      .expect(200);
    await baixarPeloRobo(operador, processo);
    expect(
      (await aprovar(administrador, processo, await hashDe(processo)).expect(403)).body.error.message
    ).toContain('desta operadora');
  });

  test('papel do admin que não é do orquestrador não vira Operador (nem faz upload)', async () => {
    const servicoPapel = strapi.service('admin::role') as any;
    const papel = await servicoPapel.create({
      name: 'Papel Avulso',
      description: 'sem perfil do orquestrador',
    });
    await servicoPapel.assignPermissions(papel.id, [
      { action: 'plugin::orquestrador-rpa.ver-painel', subject: null, properties: {}, conditions: [] },
      { action: 'plugin::orquestrador-rpa.upload-manual', subject: null, properties: {}, conditions: [] },
    ]);
    const email = `avulso-${process.pid}@teste.invalid`;
    await (strapi.service('admin::user') as any).create({
      email,
      firstname: 'Avulso',
      lastname: 'X',
      password: SENHA_PAINEL_TESTE,
      isActive: true,
      roles: [papel.id],
      registrationToken: null,
    });
    const jwt = (
      await request(strapi.server.httpServer)
        .post('/admin/login')
        .send({ email, password: SENHA_PAINEL_TESTE })
        .expect(200)
    ).body.data.token;
    const { processo } = await novoProcesso(semRobo);
    const r = await enviarFatura(comCabecalho(strapi, jwt), processo, await gerarPdfFatura()).expect(403);
    expect(r.body.error.message).toBe(
      'O upload manual exige um perfil do orquestrador (Administrador, Aprovador ou Operador); o seu papel não tem nenhum.'
    );
  });
});

describe('escalada de papel no admin', () => {
  const idSuperAdmin = async () =>
    (await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } })).id;
  const eu = async () => (await administrador.get('/admin/users/me').expect(200)).body.data;

  test('o Administrador não se promove a Super Admin nem cria um', async () => {
    const meu = await eu();
    const papeis = meu.roles.map((r: Registro) => r.id);
    const r = await administrador
      .put(`/admin/users/${meu.id}`, { roles: [...papeis, await idSuperAdmin()] })
      .expect(403);
    expect(r.body.error.message).toBe('Só um Super Admin atribui o papel Super Admin.');
    await administrador
      .post('/admin/users', {
        email: `novo-super-${process.pid}@teste.invalid`,
        firstname: 'Novo',
        lastname: 'Super',
        roles: [await idSuperAdmin()],
      })
      .expect(403);
    expect((await eu()).roles.map((p: Registro) => p.code)).not.toContain('strapi-super-admin');
  });

  test('o Administrador não troca a senha, o e-mail nem exclui outro administrador (nem um Super Admin)', async () => {
    const outro = await criarLoginNoPainel(strapi, 'ADMINISTRADOR');
    const alvo = await strapi.db.query('admin::user').findOne({ where: { email: outro.email } });
    const r = await administrador.put(`/admin/users/${alvo.id}`, { password: 'Invasao#12345' }).expect(403);
    expect(r.body.error.message).toContain('Só um Super Admin pode alterar outro administrador');
    await administrador.put(`/admin/users/${alvo.id}`, { email: 'roubado@teste.invalid' }).expect(403);
    await administrador.del(`/admin/users/${alvo.id}`).expect(403);
    await request(strapi.server.httpServer)
      .post('/admin/login')
      .send({ email: outro.email, password: SENHA_PAINEL_TESTE })
      .expect(200);
    // Um Operador (papel abaixo) continua gerenciável pelo Administrador.
    const op = await strapi.db
      .query('admin::user')
      .findOne({ where: { roles: { code: 'orquestrador-operador' } } });
    await administrador.put(`/admin/users/${op.id}`, { firstname: 'Operador Renomeado' }).expect(200);
  });

  test('cadastro público de integrador desligado, com motivo em português', async () => {
    const r = await api(strapi, '')
      .bruto()
      .post('/api/auth/local/register')
      .send({ username: 'x', email: `x-${process.pid}@teste.invalid`, password: 'SenhaForte123!' })
      .expect(403);
    expect(r.body.error.message).toContain('O cadastro público está desligado');
    const avancado = await strapi
      .store({ type: 'plugin', name: 'users-permissions', key: 'advanced' })
      .get({});
    expect((avancado as Registro).allow_register).toBe(false);
  });
});
