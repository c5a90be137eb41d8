import path from 'path';
import type { Core } from '@strapi/strapi';
import IORedis from 'ioredis';
import { encerrarStrapi, iniciarStrapi, PREFIXO_FILAS } from './ajudantes/strapi';
import { criarIntegrador, criarPessoaNoPainel } from './ajudantes/autenticacao';
import { api } from './ajudantes/dados';
import { baixarBinario, baixarFatura, comCabecalho, PAINEL, type Pessoa } from './ajudantes/painel';
import { portaLivre } from './ajudantes/portas';
import { RedisProprio } from './ajudantes/redis-proprio';
import { esperar, WorkerFilho } from './ajudantes/worker';
import {
  ambienteDoWorkerDoCiclo,
  cadastrarClientesDoCiclo,
  ouvirEmPortaLivre,
  subirPortaisDoCiclo,
} from './ajudantes/portais';
import { iniciarPortalEmbratel } from '../worker-rpa/portais-simulados/embratel';
import { iniciarPortalSat } from '../worker-rpa/portais-simulados/sat';
import { processosCom } from '../worker-rpa/src/navegador/processos-chromium';

/**
 * Fatia completa com peças reais: Strapi + PostgreSQL, um Redis próprio, o worker como processo
 * separado, Chromium e os portais simulados da Embratel e do SAT. Gerar mensais → download →
 * aprovar → envio ao SAT → ENVIADO_SAT; sobrevive a `kill -9` do worker e a um FLUSHALL do Redis.
 */
type Registro = Record<string, any>;

let strapi: Core.Strapi;
let redis: RedisProprio;
let embratel: Awaited<ReturnType<typeof iniciarPortalEmbratel>>;
let sat: Awaited<ReturnType<typeof iniciarPortalSat>>;
let variaveisDoSat: Record<string, string>;
let operador: ReturnType<typeof api>;
let aprovador: Pessoa;
let worker: WorkerFilho;
const clientes: string[] = [];
const reconciliar = () =>
  require(path.join(__dirname, '..', 'dist', 'src', 'filas', 'reconciliador.js')).reconciliar(strapi);

const processoDe = (cliente: string): Promise<Registro> =>
  strapi.db
    .query('api::processo.processo')
    .findOne({ where: { cliente: { documentId: cliente }, mes_ano: '2025-05' } });
const execucoesDe = async (cliente: string): Promise<Registro[]> =>
  strapi.db.query('api::execucao.execucao').findMany({
    where: { processo: { documentId: (await processoDe(cliente)).documentId } },
    orderBy: { id: 'asc' },
  });
const esperarStatus = (cliente: string, status: string, ms = 90_000) =>
  esperar(
    async () => ((await processoDe(cliente)).status_processo === status ? processoDe(cliente) : null),
    ms,
    () => `status atual: ? Saída do worker:\n${worker.saida.slice(-30).join('\n')}`
  );
const novoWorker = (url: string) =>
  new WorkerFilho({ ...ambienteDoWorkerDoCiclo(url, redis.url), LIMITE_POR_OPERADORA: '1' });

beforeAll(async () => {
  redis = new RedisProprio(await portaLivre());
  await redis.ligar();
  ({ embratel, sat, variaveisDoSat } = await subirPortaisDoCiclo(3, 'CLIENTE FATIA', [
    'DOURADOS - MS',
    'CAMPO GRANDE - MS',
  ]));
  strapi = await iniciarStrapi({
    REDIS_URL: redis.url,
    ...variaveisDoSat,
    FILAS_TENTATIVAS: '3',
    FILAS_ESPERA_INICIAL_MS: '300',
    RECONCILIADOR_CARENCIA_MS: '0',
  });
  const url = await ouvirEmPortaLivre(strapi);
  operador = api(strapi, await criarIntegrador(strapi, 'OPERADOR'));
  aprovador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'APROVADOR'));
  clientes.push(...(await cadastrarClientesDoCiclo(strapi, embratel.urlLogin, 3, 'CLIENTE FATIA')));
  worker = novoWorker(url);
  await worker.ligar();
  (globalThis as Registro).urlStrapi = url;
});
afterAll(async () => {
  worker?.matar();
  await encerrarStrapi();
  await embratel?.fechar();
  await sat?.fechar();
  await redis?.derrubar().catch(() => undefined);
});

test('rotas do robô exigem o ROBO_TOKEN', async () => {
  const r = await operador
    .bruto()
    .post('/api/robo/execucoes/qualquer/iniciar')
    .set('Authorization', 'Bearer errado')
    .expect(401);
  expect(r.body.error.message).toBe('Token de robô inválido.');
});

test('gerar mensais → downloads pelo robô → AGUARDANDO_APROVACAO com a fatura de 4 documentos', async () => {
  await operador.post('/api/processos/gerar-mensais', { mes_ano: '2025-05' }).expect(201);
  const disparo = await operador
    .post('/api/processos/executar-downloads', { mes_ano: '2025-05', operadora: 'EMB' })
    .expect(200);
  expect(disparo.body.data).toEqual({ criadas: 3, enfileiradas: 3, pendentes: 0 });
  await operador
    .post('/api/processos/executar-downloads', { mes_ano: '2025-05' })
    .expect(200)
    .then((r) => expect(r.body.data.criadas).toBe(0));

  for (const cliente of clientes.slice(0, 2)) {
    const processo = await esperarStatus(cliente, 'AGUARDANDO_APROVACAO');
    expect(processo).toMatchObject({ data_vencimento: '2025-05-10', upload_manual: false });
    expect(Number(processo.valor_fatura)).toBe(clientes.indexOf(cliente) === 0 ? 100 : 200);
    expect(processo.hash_fatura).toMatch(/^[0-9a-f]{64}$/);
    const [execucao] = await execucoesDe(cliente);
    expect(execucao).toMatchObject({
      tipo_execucao: 'DOWNLOAD_FATURA',
      status_execucao: 'CONCLUIDO',
      numero_tentativa: 1,
      classe_rpa_utilizada: 'EMB',
    });
    expect(execucao!.parametros_entrada).toMatchObject({ operadora_codigo: 'EMB', mes_ano: '2025-05' });
    expect(JSON.stringify(execucao)).not.toContain('Segredo#Portal1');
    expect(execucao!.mensagem_log).toContain('Fatura montada com 4 documento(s)');
  }
  const pdf = await baixarFatura(aprovador, (await processoDe(clientes[0]!)).documentId).expect(200);
  expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

test('limite por operadora: com 1 vaga, nunca dois robôs no mesmo portal ao mesmo tempo', async () => {
  await esperarStatus(clientes[2]!, 'AGUARDANDO_APROVACAO');
  const auditorias = (await strapi.db.query('api::auditoria.auditoria').findMany({
    where: { acao: { $in: ['processo.iniciar_download', 'processo.concluir_download'] } },
    orderBy: { id: 'asc' },
  })) as Registro[];
  let emCurso = 0;
  for (const a of auditorias) {
    emCurso += a.acao === 'processo.iniciar_download' ? 1 : -1;
    expect(emCurso).toBeLessThanOrEqual(1);
  }
  expect(auditorias.every((a) => a.origem === 'ROBO')).toBe(true);
});

test('aprovar → robô do SAT → ENVIADO_SAT, com o cadastro certo no SAT e trilha completa', async () => {
  const processo = await processoDe(clientes[0]!);
  await aprovador
    .post(`${PAINEL}/${processo.documentId}/aprovar`, {
      observacoes: 'Confere',
      sha256_fatura: processo.hash_fatura,
    })
    .expect(200);
  const enviado = await esperarStatus(clientes[0]!, 'ENVIADO_SAT');
  expect(enviado.enviado_para_sat).toBe(true);
  expect(sat.estado.registros).toEqual([
    expect.objectContaining({
      cliente: 'CLIENTE FATIA 0',
      operadora: 'EMBRATEL',
      telefone: 'Link Dedicado',
      data_competencia: '10/05/2025',
      categoria: 'PAGAR',
      filial: 'CAMPO GRANDE - MS',
      arquivo_sha256: processo.hash_fatura,
    }),
  ]);
  const trilha = await aprovador.get(`${PAINEL}/${processo.documentId}/rastreabilidade`).expect(200);
  const acoes = trilha.body.data.eventos
    .filter((e: Registro) => e.tipo === 'TRANSICAO')
    .map((e: Registro) => e.acao);
  expect(acoes).toEqual([
    'processo.iniciar_download',
    'processo.concluir_download',
    'processo.aprovar',
    'processo.iniciar_envio_sat',
    'processo.concluir_envio_sat',
  ]);
});

test('kill -9 do worker no meio do download: o job volta à fila, termina uma vez só e não sobra Chromium órfão', async () => {
  const cliente = clientes[1]!;
  const processo = await processoDe(cliente);
  await aprovador
    .post(`${PAINEL}/${processo.documentId}/rejeitar`, { observacoes: 'Fatura ilegível' })
    .expect(200);
  await operador
    .post(`/api/processos/${processo.documentId}/reabrir`, { observacoes: 'baixar de novo' })
    .expect(200);
  embratel.estado.modo = { lentidaoMs: 1_500 };
  embratel.estado.documentosAbertos = [];
  await operador.post(`/api/processos/${processo.documentId}/executar-download`).expect(201);
  await esperarStatus(cliente, 'DOWNLOAD_EM_ANDAMENTO', 30_000);
  await esperar(async () => embratel.estado.documentosAbertos.length > 0 || null, 60_000); // o robô já está nos documentos
  const morto = worker.pid!;
  worker.matar();
  embratel.estado.modo = {};
  worker = novoWorker((globalThis as Registro).urlStrapi);
  await worker.ligar();
  const final = await esperarStatus(cliente, 'AGUARDANDO_APROVACAO', 120_000);
  const downloads = (await execucoesDe(cliente)).filter((e) => e.tipo_execucao === 'DOWNLOAD_FATURA');
  expect(downloads.map((e) => [e.status_execucao, e.numero_tentativa])).toEqual([
    ['CONCLUIDO', 1],
    ['CONCLUIDO', 2],
  ]);
  expect(final.hash_fatura).toMatch(/^[0-9a-f]{64}$/);
  expect(processosCom(`/w${morto}-`)).toEqual([]);
});

const refazerDownload = async (cliente: string): Promise<string> => {
  const processo = await processoDe(cliente);
  await aprovador.post(`${PAINEL}/${processo.documentId}/rejeitar`, { observacoes: 'refazer' }).expect(200);
  await operador.post(`/api/processos/${processo.documentId}/reabrir`).expect(200);
  return (await operador.post(`/api/processos/${processo.documentId}/executar-download`).expect(201)).body
    .data.execucao;
};
const execucao = (id: string): Promise<Registro> =>
  strapi.db.query('api::execucao.execucao').findOne({ where: { documentId: id } });

test('HTTP 500 passageiro: PORTAL_FORA, nova tentativa com espera e conclusão; cada linha de log chega ao vivo pelo Redis', async () => {
  const ouvinte = new IORedis(redis.url);
  const linhas: Registro[] = [];
  ouvinte.on('message', (_canal, mensagem) => linhas.push(JSON.parse(mensagem)));
  await ouvinte.subscribe(`${PREFIXO_FILAS}:logs-robos`);
  embratel.estado.modo = { falhasHttp500: 1 };
  const id = await refazerDownload(clientes[1]!);
  await esperarStatus(clientes[1]!, 'AGUARDANDO_APROVACAO');
  expect(await execucao(id)).toMatchObject({
    status_execucao: 'CONCLUIDO',
    numero_tentativa: 4,
    detalhes_erro: null,
  });
  expect(worker.saida.some((l) => l.includes(`job ${id} (download-faturas) falhou: PORTAL_FORA`))).toBe(true);
  const daExecucao = linhas.filter((l) => l.id_execucao === id);
  expect(daExecucao.length).toBeGreaterThan(5);
  expect(daExecucao[0]).toMatchObject({
    id_processo: (await processoDe(clientes[1]!)).documentId,
    operadora_codigo: 'EMB',
    tipo_execucao: 'DOWNLOAD_FATURA',
  });
  expect(daExecucao.some((l) => l.linha.includes('Falhou (PORTAL_FORA)'))).toBe(true);
  expect(daExecucao[daExecucao.length - 1]!.linha).toContain('Concluído');
  ouvinte.disconnect();
});

test('senha errada no portal: FALHOU com tipo LOGIN, sem nova tentativa, com captura de tela', async () => {
  await strapi
    .documents('api::cliente.cliente')
    .update({ documentId: clientes[1]!, data: { senha_portal: 'SenhaErrada#1' } as never });
  const id = await refazerDownload(clientes[1]!);
  await esperarStatus(clientes[1]!, 'FALHA_DOWNLOAD');
  const falha = await execucao(id);
  expect(falha).toMatchObject({
    status_execucao: 'FALHOU',
    numero_tentativa: 5,
    detalhes_erro: { tipo_erro: 'LOGIN', mensagem: 'O portal da Embratel recusou o usuário ou a senha.' },
  });
  expect(falha.detalhes_erro.capturas).toHaveLength(1);
  const captura = await baixarBinario(aprovador, `/orquestrador-rpa/execucoes/${id}/capturas/0`).expect(200);
  expect(captura.headers['content-type']).toBe('image/png');
  expect((captura.body as Buffer).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  // Guardada no armazenamento privado: a chave não é um caminho público.
  await aprovador.bruto().get(`/${falha.detalhes_erro.capturas[0]}`).expect(404);
  expect(worker.saida.filter((l) => l.includes(`job ${id} (download-faturas) falhou`))).toHaveLength(1);
});

test('SIGTERM no meio de um download: o worker espera o robô terminar, reporta e só então sai', async () => {
  await strapi
    .documents('api::cliente.cliente')
    .update({ documentId: clientes[1]!, data: { senha_portal: 'Segredo#Portal1' } as never });
  const processo = await processoDe(clientes[1]!);
  await operador.post(`/api/processos/${processo.documentId}/reabrir`).expect(200);
  embratel.estado.modo = { lentidaoMs: 700 };
  const id = (await operador.post(`/api/processos/${processo.documentId}/executar-download`).expect(201)).body
    .data.execucao;
  await esperarStatus(clientes[1]!, 'DOWNLOAD_EM_ANDAMENTO', 30_000);
  expect(await worker.desligar()).toBe(0);
  embratel.estado.modo = {};
  expect((await processoDe(clientes[1]!)).status_processo).toBe('AGUARDANDO_APROVACAO');
  expect((await execucao(id)).status_execucao).toBe('CONCLUIDO');
  expect(
    worker.saida.some((l) => l.includes('SIGTERM recebido: esperando os robôs em curso terminarem'))
  ).toBe(true);
});

test('FLUSHALL do Redis com um envio ao SAT na fila: o reconciliador refaz a execução e o envio acontece', async () => {
  await worker.desligar();
  const processo = await processoDe(clientes[2]!);
  const aprovacao = await aprovador
    .post(`${PAINEL}/${processo.documentId}/aprovar`, { sha256_fatura: processo.hash_fatura })
    .expect(200);
  expect(aprovacao.body.data.execucao.enfileirada).toBe(true);
  const limpar = new IORedis(redis.url);
  await limpar.flushall();
  limpar.disconnect();
  expect(await reconciliar()).toMatchObject({ interrompidas: 1 });
  const envios = (await execucoesDe(clientes[2]!)).filter((e) => e.tipo_execucao === 'UPLOAD_SAT');
  expect(envios.map((e) => e.status_execucao)).toEqual(['INTERROMPIDA', 'PENDENTE']);
  expect(envios[1]!.data_enfileiramento).toBeTruthy();
  worker = novoWorker((globalThis as Registro).urlStrapi);
  await worker.ligar();
  await esperarStatus(clientes[2]!, 'ENVIADO_SAT');
  expect(sat.estado.registros.map((r) => r.cliente)).toEqual(['CLIENTE FATIA 0', 'CLIENTE FATIA 2']);
  expect(await worker.desligar()).toBe(0);
});
