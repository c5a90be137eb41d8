import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi, PREFIXO_FILAS } from './ajudantes/strapi';
import { criarIntegrador, criarPessoaNoPainel } from './ajudantes/autenticacao';
import { api, CNPJS_VALIDOS, criarOperadora, dadosCliente } from './ajudantes/dados';
import { gerarPdfFatura } from './ajudantes/pdf';
import { abrirFila } from './ajudantes/filas';
import { comCabecalho, enviarFatura, PAINEL, type Pessoa } from './ajudantes/painel';
import { portaLivre } from './ajudantes/portas';
import { RedisProprio } from './ajudantes/redis-proprio';
import { esperar } from './ajudantes/worker';

/** A aprovação não se perde com o Redis fora; e gerações mensais simultâneas não duplicam nada. */

type Registro = Record<string, any>;

let strapi: Core.Strapi;
let redis: RedisProprio;
let operador: Pessoa;
let aprovador: Pessoa;
let integradorOperador: ReturnType<typeof api>;

beforeAll(async () => {
  redis = new RedisProprio(await portaLivre());
  await redis.ligar();
  strapi = await iniciarStrapi({ REDIS_URL: redis.url, FILAS_INTERVALO_DESPACHO_MS: '200' });
  operador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'OPERADOR'));
  aprovador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'APROVADOR'));
  integradorOperador = api(strapi, await criarIntegrador(strapi, 'OPERADOR'));
  const operadora = await criarOperadora(strapi, {
    nome: 'OPERADORA REDIS',
    codigo: 'RDS',
    possui_rpa: false,
  });
  for (const [i, cnpj] of CNPJS_VALIDOS.entries()) {
    await strapi.documents('api::cliente.cliente').create({
      data: dadosCliente(operadora.documentId, { cnpj, filtro: `f-${i}`, nome_sat: `C ${i}` }) as never,
    });
  }
});
afterAll(async () => {
  await encerrarStrapi();
  await redis.derrubar().catch(() => undefined);
});

describe('duas gerações mensais ao mesmo tempo', () => {
  test('uma cria todos, a outra cria 0; nenhum processo duplicado', async () => {
    const respostas = await Promise.all(
      [1, 2, 3].map(() => integradorOperador.post('/api/processos/gerar-mensais', { mes_ano: '2025-06' }))
    );
    const criados = respostas.map((r) => r.body.data.criados).sort();
    expect(criados).toEqual([0, 0, CNPJS_VALIDOS.length]);
    for (const r of respostas)
      expect(r.body.data.criados + r.body.data.ja_existiam).toBe(CNPJS_VALIDOS.length);
    expect(await strapi.db.query('api::processo.processo').count({ where: { mes_ano: '2025-06' } })).toBe(
      CNPJS_VALIDOS.length
    );
    const auditorias = await strapi.db
      .query('api::auditoria.auditoria')
      .findMany({ where: { acao: 'processo.gerar_mensais' } });
    expect(auditorias.map((a: Registro) => a.depois.criados).sort()).toEqual([0, 0, CNPJS_VALIDOS.length]);
  });
});

describe('aprovação com o Redis fora do ar', () => {
  test('a execução fica pendente no banco e vira job quando o Redis volta', async () => {
    const processo = await strapi.db
      .query('api::processo.processo')
      .findOne({ where: { mes_ano: '2025-06' }, orderBy: { id: 'asc' } });
    await enviarFatura(operador, processo.documentId, await gerarPdfFatura()).expect(201);

    await redis.derrubar();
    const { hash_fatura } = await strapi.db
      .query('api::processo.processo')
      .findOne({ where: { documentId: processo.documentId } });
    const r = await aprovador
      .post(`${PAINEL}/${processo.documentId}/aprovar`, {
        observacoes: 'Redis caiu',
        sha256_fatura: hash_fatura,
      })
      .expect(200);
    expect(r.body.data).toMatchObject({
      status_processo: 'APROVADA',
      execucao: { tipo_execucao: 'UPLOAD_SAT', enfileirada: false },
    });
    const idExecucao = r.body.data.execucao.documentId as string;
    const execucao = () =>
      strapi.db.query('api::execucao.execucao').findOne({ where: { documentId: idExecucao } });
    expect(await execucao()).toMatchObject({ status_execucao: 'PENDENTE', data_enfileiramento: null });
    const atual = await strapi.db
      .query('api::processo.processo')
      .findOne({ where: { documentId: processo.documentId } });
    expect(atual.status_processo).toBe('APROVADA');

    await redis.ligar();
    const enfileirada = await esperar(
      async () => (await execucao())?.data_enfileiramento && (await execucao())
    );
    expect(enfileirada.status_execucao).toBe('PENDENTE');
    const fila = abrirFila('envio-sat', PREFIXO_FILAS, redis.url);
    try {
      const job = await fila.getJob(idExecucao);
      expect(job?.data).toMatchObject({
        id_execucao: idExecucao,
        id_processo: processo.documentId,
        tipo_execucao: 'UPLOAD_SAT',
        operadora_codigo: 'SAT',
        token_execucao: expect.any(String),
      });
      expect(await fila.getJobCounts('waiting')).toEqual({ waiting: 1 });
    } finally {
      await fila.close();
    }
  });
});
