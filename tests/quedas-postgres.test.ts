import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi } from './ajudantes/strapi';
import { criarIntegrador, criarPessoaNoPainel } from './ajudantes/autenticacao';
import { api } from './ajudantes/dados';
import { URL_REDIS_TESTE } from './ajudantes/filas';
import { comCabecalho, PAINEL, type Pessoa } from './ajudantes/painel';
import { portaLivre } from './ajudantes/portas';
import { PostgresProprio } from './ajudantes/postgres-proprio';
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
import { coletarArquivosOrfaos } from '../src/arquivos/orfaos';
import { STATUS_EXECUCAO_FINAIS } from '@orquestrador-rpa/contrato';
import { MENSAGEM_INDISPONIVEL } from '../src/middlewares/erros-do-servidor';

/**
 * Reinício do PostgreSQL com o sistema rodando: o ciclo completo (gerar → robô baixa → aprovar →
 * robô do SAT) num PostgreSQL só deste teste, derrubado de forma imediata (sem checkpoint, como uma
 * queda) no meio dos downloads, das aprovações e dos envios ao SAT. O sistema volta sozinho (pool do
 * Strapi, worker e reconciliador) e, no fim, cada fatura foi baixada, aprovada e enviada uma vez só.
 */
type Registro = Record<string, any>;

const MES = '2025-05';
const N = 3;
let pg: PostgresProprio;
let strapi: Core.Strapi;
let embratel: Awaited<ReturnType<typeof iniciarPortalEmbratel>>;
let sat: Awaited<ReturnType<typeof iniciarPortalSat>>;
let operador: ReturnType<typeof api>;
let aprovador: Pessoa;
let worker: WorkerFilho;

beforeAll(async () => {
  pg = new PostgresProprio(await portaLivre());
  await pg.ligar();
  process.env.TESTE_POSTGRES_URL = pg.url;
  const portais = await subirPortaisDoCiclo(N, 'CLIENTE PG');
  ({ embratel, sat } = portais);
  strapi = await iniciarStrapi({
    REDIS_URL: URL_REDIS_TESTE,
    ...portais.variaveisDoSat,
    FILAS_TENTATIVAS: '5',
    FILAS_ESPERA_INICIAL_MS: '500',
    FILAS_INTERVALO_DESPACHO_MS: '300',
    RECONCILIADOR_INTERVALO_MS: '1000',
    RECONCILIADOR_CARENCIA_MS: '0',
  });
  const url = await ouvirEmPortaLivre(strapi);
  operador = api(strapi, await criarIntegrador(strapi, 'OPERADOR'));
  aprovador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'APROVADOR'));
  await cadastrarClientesDoCiclo(strapi, embratel.urlLogin, N, 'CLIENTE PG');
  worker = new WorkerFilho(ambienteDoWorkerDoCiclo(url, URL_REDIS_TESTE));
  await worker.ligar();
}, 240_000);
afterAll(async () => {
  const pid = worker?.pid;
  await worker?.desligar();
  if (pid) expect(processosCom(`/w${pid}-`)).toEqual([]);
  await encerrarStrapi();
  await embratel?.fechar();
  await sat?.fechar();
  await pg?.apagar();
  delete process.env.TESTE_POSTGRES_URL;
});

/** Derruba o PostgreSQL (parada imediata), deixa-o fora por um tempo e o religa. */
const reiniciarPostgres = async (foraMs = 2_000) => {
  await pg.derrubar();
  await new Promise((r) => setTimeout(r, foraMs));
  await pg.ligar();
};

/** Lido com nova tentativa: logo depois da volta do banco, o pool ainda pode entregar uma conexão morta. */
const processos = async (): Promise<Registro[]> => {
  for (let i = 0; ; i += 1) {
    try {
      return (await strapi.db.query('api::processo.processo').findMany({
        where: { mes_ano: MES },
        orderBy: { id: 'asc' },
        populate: { execucoes: { select: ['tipo_execucao', 'status_execucao', 'numero_tentativa'] } },
      })) as Registro[];
    } catch (erro) {
      if (i >= 20) throw erro;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
};

const todosEm = (status: string, ms = 180_000) =>
  esperar(
    async () => {
      const lista = await processos();
      return lista.length === N && lista.every((p) => p.status_processo === status) && lista;
    },
    ms,
    () => `esperando ${status}. Saída do worker:\n${worker.saida.slice(-30).join('\n')}`
  );

const doTipo = (p: Registro, tipo: string, status?: string) =>
  (p.execucoes as Registro[]).filter(
    (e) => e.tipo_execucao === tipo && (status === undefined || e.status_execucao === status)
  );

test('downloads em curso: o banco cai e volta; cada fatura é baixada e registrada uma vez', async () => {
  await operador.post('/api/processos/gerar-mensais', { mes_ano: MES }).expect(201);
  embratel.estado.modo = { lentidaoMs: 1_000 };
  await operador.post('/api/processos/executar-downloads', { mes_ano: MES, operadora: 'EMB' }).expect(200);
  await esperar(async () => embratel.estado.documentosAbertos.length > 0 || null, 90_000);

  await reiniciarPostgres(8_000);
  embratel.estado.modo = {};

  const lista = await todosEm('AGUARDANDO_APROVACAO');
  expect(await strapi.db.query('api::processo.processo').count({})).toBe(N);
  for (const p of lista) {
    expect(p.hash_fatura).toMatch(/^[0-9a-f]{64}$/);
    expect(doTipo(p, 'DOWNLOAD_FATURA', 'CONCLUIDO')).toHaveLength(1);
    // Nenhuma execução fica pendurada: o que a queda interrompeu terminou (falha registrada) ou foi refeito.
    for (const e of doTipo(p, 'DOWNLOAD_FATURA')) expect(STATUS_EXECUCAO_FINAIS).toContain(e.status_execucao);
  }
}, 300_000);

test('aprovações e envios ao SAT com o banco caindo no meio: tudo enviado uma vez só', async () => {
  const lista = await processos();
  embratel.estado.modo = {};
  // As aprovações saem juntas e o banco cai enquanto elas ainda estão em curso.
  const aprovar = (p: Registro) =>
    aprovador
      .post(`${PAINEL}/${p.documentId}/aprovar`, { observacoes: 'confere', sha256_fatura: p.hash_fatura })
      .then((r) => ({ status: r.status as number, erro: r.body?.error as Registro | undefined }));
  const pedidos = lista.map(aprovar);
  await new Promise((r) => setTimeout(r, 50));
  await reiniciarPostgres();
  const primeiras = await Promise.all(pedidos);
  // Quem pegou o banco fora do ar recebe 503 em português, com a dica de repetir; nunca um 500 genérico.
  for (const r of primeiras)
    if (r.status !== 200)
      expect(r).toEqual({ status: 503, erro: expect.objectContaining({ message: MENSAGEM_INDISPONIVEL }) });
  expect(primeiras.some((r) => r.status === 503)).toBe(true);

  // Quem recebeu erro clica de novo: aprova, ou fica sabendo que a fatura já foi aprovada.
  for (const [i, p] of lista.entries()) {
    if (primeiras[i]!.status === 200) continue;
    expect([200, 409]).toContain((await aprovar(p)).status);
  }

  // E o banco cai de novo enquanto o robô do SAT trabalha.
  await esperar(async () => (await processos()).some((p) => p.status_processo === 'ENVIANDO_SAT') || null);
  await reiniciarPostgres();

  const final = await todosEm('ENVIADO_SAT');
  for (const p of final) {
    expect(p.enviado_para_sat).toBe(true);
    expect(doTipo(p, 'UPLOAD_SAT', 'CONCLUIDO')).toHaveLength(1);
  }
  expect(sat.estado.registros.map((r: Registro) => r.arquivo_sha256).sort()).toEqual(
    final.map((p) => p.hash_fatura).sort()
  );
  const aprovacoes = await strapi.db
    .query('api::auditoria.auditoria')
    .count({ where: { acao: 'processo.aprovar' } });
  expect(aprovacoes).toBe(N);

  // Nada órfão no armazenamento: cada arquivo registrado é a fatura de um processo ou de uma execução.
  expect(await coletarArquivosOrfaos(strapi, 0)).toBe(0);
}, 400_000);
