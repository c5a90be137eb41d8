import path from 'path';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi, PREFIXO_FILAS } from './ajudantes/strapi';
import { criarIntegrador } from './ajudantes/autenticacao';
import { api, CNPJS_VALIDOS, criarOperadora, dadosCliente } from './ajudantes/dados';
import { gerarPdfFatura } from './ajudantes/pdf';
import { abrirFila } from './ajudantes/filas';
import { assinarTokenDoJob } from '../src/seguranca/token-job';
import { falhaDoRobo, roboApi } from './ajudantes/robo';

/** As rotas dos workers (`/api/robo/...`) e o reconciliador, exercitados direto pela API. */
type Registro = Record<string, any>;

let strapi: Core.Strapi;
let operador: ReturnType<typeof api>;
const processos: Record<string, string> = {};
const reconciliar = () =>
  require(path.join(__dirname, '..', 'dist', 'src', 'filas', 'reconciliador.js')).reconciliar(strapi);

const robo = () => roboApi(strapi);
const falha = falhaDoRobo;
const processo = (chave: string): Promise<Registro> =>
  strapi.db.query('api::processo.processo').findOne({ where: { documentId: processos[chave] } });
const execucao = (id: string): Promise<Registro> =>
  strapi.db.query('api::execucao.execucao').findOne({ where: { documentId: id } });
const disparar = async (chave: string): Promise<string> =>
  (await operador.post(`/api/processos/${processos[chave]}/executar-download`).expect(201)).body.data
    .execucao;

beforeAll(async () => {
  strapi = await iniciarStrapi({ FILAS_TENTATIVAS: '2', RECONCILIADOR_CARENCIA_MS: '0' });
  operador = api(strapi, await criarIntegrador(strapi, 'OPERADOR'));
  const comRobo = await criarOperadora(strapi, {
    nome: 'EMBRATEL',
    codigo: 'EMB',
    possui_rpa: true,
    url_portal: 'http://127.0.0.1:9/embratelonline/index.asp',
  });
  const semRobo = await criarOperadora(strapi, { nome: 'MANUAL', codigo: 'MAN', possui_rpa: false });
  const criar = async (chave: string, operadora: string, i: number, extras: Registro = {}) => {
    const cliente = await strapi.documents('api::cliente.cliente').create({
      data: dadosCliente(operadora, { cnpj: CNPJS_VALIDOS[i], filtro: `f-${i}`, ...extras }) as never,
    });
    processos[chave] = (
      await strapi
        .documents('api::processo.processo')
        .create({ data: { cliente: cliente.documentId, mes_ano: '2025-06' } as never })
    ).documentId;
  };
  await criar('a', comRobo.documentId, 0);
  await criar('b', comRobo.documentId, 1);
  await criar('sem-login', comRobo.documentId, 2, { login_portal: null, senha_portal: null });
  await criar('manual', semRobo.documentId, 3);
});
afterAll(encerrarStrapi);

describe('disparo de downloads', () => {
  test('só operadora com robô, só em AGUARDANDO_DOWNLOAD e um download aberto por processo', async () => {
    expect(
      (await operador.post(`/api/processos/${processos.manual}/executar-download`).expect(409)).body.error
        .message
    ).toBe('A operadora MANUAL não tem robô homologado: use o upload manual.');
    const id = await disparar('a');
    const fila = abrirFila('download-faturas', PREFIXO_FILAS);
    const job = await fila.getJob(id);
    await fila.close();
    expect(job?.data).toEqual({
      id_execucao: id,
      id_processo: processos.a,
      tipo_execucao: 'DOWNLOAD_FATURA',
      operadora_codigo: 'EMB',
      token_execucao: assinarTokenDoJob(id),
    });
    expect(
      (await operador.post(`/api/processos/${processos.a}/executar-download`).expect(409)).body.error.message
    ).toBe('Já existe um download deste processo na fila ou em andamento.');
    await operador.post('/api/processos/executar-downloads', { mes_ano: '06/2025' }).expect(400);
  });
});

describe('iniciar', () => {
  test('marca EXECUTANDO, leva o processo a DOWNLOAD_EM_ANDAMENTO e devolve os parâmetros com a senha só na resposta', async () => {
    const id = (
      await strapi.db
        .query('api::execucao.execucao')
        .findOne({ where: { processo: { documentId: processos.a } } })
    ).documentId;
    const r = await robo().iniciar(id).expect(200);
    expect(r.body.data).toMatchObject({
      execucao: id,
      tipo_execucao: 'DOWNLOAD_FATURA',
      numero_tentativa: 1,
      parametros: {
        usuario: 'usuario.portal',
        senha: 'Segredo#Portal1',
        operadora_codigo: 'EMB',
        filtro: 'f-0',
      },
    });
    expect(await execucao(id)).toMatchObject({ status_execucao: 'EXECUTANDO', classe_rpa_utilizada: 'EMB' });
    expect(JSON.stringify((await execucao(id)).parametros_entrada)).not.toContain('Segredo#Portal1');
    expect((await processo('a')).status_processo).toBe('DOWNLOAD_EM_ANDAMENTO');
    const [auditoria] = await strapi.db
      .query('api::auditoria.auditoria')
      .findMany({ where: { acao: 'processo.iniciar_download', id_entidade: processos.a } });
    expect(auditoria).toMatchObject({ origem: 'ROBO', usuario_id: 'maquina-teste:1' });
    // Segunda entrega do mesmo job (ou nova tentativa): aceita, sem nova transição.
    expect((await robo().iniciar(id, 2).expect(200)).body.data.numero_tentativa).toBe(2);
  });

  test('cadastro sem login → 422; execução inexistente → 404; execução de upload manual → 422', async () => {
    const id = await disparar('sem-login');
    expect((await robo().iniciar(id).expect(422)).body.error.message).toMatch(
      /^Cadastro incompleto para o robô: usuario é obrigatório; senha é obrigatório\.$/
    );
    await robo().iniciar('nao-existe').expect(404);
    await strapi.db
      .connection('processos')
      .where({ document_id: processos.manual })
      .update({ status_processo: 'AGUARDANDO_DOWNLOAD' });
  });
});

describe('concluir', () => {
  test('falha técnica com nova tentativa → TENTANDO_NOVAMENTE; falha definitiva → FALHOU, FALHA_DOWNLOAD e captura privada', async () => {
    const id = (
      await strapi.db
        .query('api::execucao.execucao')
        .findOne({ where: { processo: { documentId: processos.a } } })
    ).documentId;
    const r1 = await robo().concluir(id, falha('PORTAL_FORA', 'HTTP 500'), true).expect(200);
    expect(r1.body.data).toEqual({ execucao: id, status_execucao: 'TENTANDO_NOVAMENTE' });
    expect((await processo('a')).status_processo).toBe('DOWNLOAD_EM_ANDAMENTO');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64'
    );
    const r2 = await robo()
      .concluir(id, falha('LOGIN', 'Senha recusada'), false, [['capturas', png, 'falha.png']])
      .expect(200);
    expect(r2.body.data).toMatchObject({
      status_execucao: 'FALHOU',
      tipo_erro: 'LOGIN',
      mensagem: 'Senha recusada',
    });
    const final = await execucao(id);
    expect(final).toMatchObject({
      status_execucao: 'FALHOU',
      mensagem_log: 'linha 1\nlinha 2',
      detalhes_erro: { tipo_erro: 'LOGIN', mensagem: 'Senha recusada' },
    });
    expect(final.detalhes_erro.capturas).toHaveLength(1);
    // A captura é um arquivo privado: nem a chave nem /uploads a alcançam; só a rota autenticada.
    await api(strapi, '').bruto().get(`/${final.detalhes_erro.capturas[0]}`).expect(404);
    await api(strapi, '')
      .bruto()
      .get(`/uploads/${final.detalhes_erro.capturas[0].split('/').pop()}`)
      .expect(404);
    const captura = await operador.get(`/api/execucoes/${id}/capturas/0`).expect(200);
    expect(captura.headers).toMatchObject({
      'content-type': 'image/png',
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
    expect((await processo('a')).status_processo).toBe('FALHA_DOWNLOAD');
    const repetida = await robo()
      .concluir(id, { sucesso: true, status: 'SUCESSO', mensagem: 'tarde demais' })
      .expect(200);
    expect(repetida.body.data).toEqual({ execucao: id, status_execucao: 'FALHOU', ja_processada: true });
    expect((await robo().iniciar(id).expect(403)).body.error.message).toContain(
      'o token do job não vale mais'
    );
  });

  test('resultado malformado → 400; sucesso sem PDF ou com PDF de outro processo → FALHOU (NEGOCIO)', async () => {
    const id = await disparar('b');
    await robo().iniciar(id).expect(200);
    expect((await robo().concluir(id, { sucesso: 'sim' }).expect(400)).body.error.message).toBe(
      'O resultado precisa de "sucesso" (booleano) e "mensagem" (texto).'
    );
    const sucesso = {
      sucesso: true,
      status: 'SUCESSO',
      mensagem: 'baixada',
      dados_extraidos: { data_vencimento: '2025-06-10' },
    };
    expect((await robo().concluir(id, sucesso).expect(200)).body.data).toMatchObject({
      status_execucao: 'FALHOU',
      mensagem: 'O robô não enviou o PDF da fatura.',
    });

    await operador.post(`/api/processos/${processos.b}/reabrir`).expect(200);
    const pdf = await gerarPdfFatura();
    await strapi.db
      .connection('processos')
      .where({ document_id: processos.a })
      .update({ hash_fatura: require('crypto').createHash('sha256').update(pdf).digest('hex') });
    const id2 = await disparar('b');
    await robo().iniciar(id2).expect(200);
    const r = await robo()
      .concluir(id2, sucesso, false, [['fatura', pdf, 'fatura.pdf']])
      .expect(200);
    expect(r.body.data).toMatchObject({
      status_execucao: 'FALHOU',
      mensagem: `O PDF baixado já é a fatura do processo ${processos.a}.`,
    });
    await strapi.db.connection('processos').where({ document_id: processos.a }).update({ hash_fatura: null });

    await operador.post(`/api/processos/${processos.b}/reabrir`).expect(200);
    const id3 = await disparar('b');
    await robo().iniciar(id3).expect(200);
    await robo()
      .concluir(id3, sucesso, false, [['fatura', pdf, 'fatura.pdf']])
      .expect(200);
    expect(await processo('b')).toMatchObject({
      status_processo: 'AGUARDANDO_APROVACAO',
      data_vencimento: '2025-06-10',
      upload_manual: false,
    });
    expect((await execucao(id3)).numero_tentativa).toBe(3);
  });
});

describe('reconciliador', () => {
  test('execução em andamento sem job na fila: INTERROMPIDA, processo de volta e nova execução publicada', async () => {
    await operador.post(`/api/processos/${processos.a}/reabrir`).expect(200);
    const id = await disparar('a');
    await robo().iniciar(id).expect(200);
    const fila = abrirFila('download-faturas', PREFIXO_FILAS);
    await (await fila.getJob(id))!.remove();
    expect(await reconciliar()).toEqual({ verificadas: 2, interrompidas: 1 }); // a outra (sem login) tem job vivo na fila
    expect(await execucao(id)).toMatchObject({
      status_execucao: 'INTERROMPIDA',
      detalhes_erro: { estado_do_job: null },
    });
    expect((await processo('a')).status_processo).toBe('AGUARDANDO_DOWNLOAD');
    const nova = await strapi.db
      .query('api::execucao.execucao')
      .findOne({ where: { processo: { documentId: processos.a }, status_execucao: 'PENDENTE' } });
    expect(nova.data_enfileiramento).toBeTruthy();
    expect(await fila.getJob(nova.documentId)).toBeTruthy();
    expect(await reconciliar()).toEqual({ verificadas: 2, interrompidas: 0 });
    await fila.close();
  });
});
