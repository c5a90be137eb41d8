#!/usr/bin/env node
/*
 * Benchmark das filas (Redis real): (1) enfileirar N jobs (padrão 10 000) pelo produtor do
 * orquestrador (`enfileirarLote`, lotes de 500 como o despachante) contra `addBulk` puro do BullMQ;
 * (2) latência de coleta (enfileirou → o processador começou) p50/p95 com um Worker BullMQ nas
 * opções do worker-rpa, com jobs chegando um a um.
 * Uso: npm run bench:coleta [-- 10000]   (REDIS_URL, padrão redis://127.0.0.1:6379)
 */
const path = require('path');
const { randomBytes } = require('crypto');
const { Queue, Worker } = require('bullmq');
const IORedis = require('ioredis');
const { percentil, relatar } = require('./ajudantes');

const total = Number(process.argv[2] || 10000);
const amostras = Number(process.env.BENCH_AMOSTRAS || 500);
const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const prefixo = `bench-${randomBytes(4).toString('hex')}`;
const conexao = () => {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 6379), maxRetriesPerRequest: null };
};
const trabalho = (i, rotulo) => ({
  id_execucao: `${rotulo}${i}`,
  id_processo: `p${i}`,
  tipo_execucao: 'DOWNLOAD_FATURA',
  operadora_codigo: 'EMB',
});
const segundos = (inicio) => Number(process.hrtime.bigint() - inicio) / 1e9;

(async () => {
  const dist = path.join(__dirname, '..', 'dist', 'src');
  const { ProdutorFilas } = require(path.join(dist, 'filas', 'produtor.js'));
  // O produtor lê a configuração como dentro do Strapi (`strapi.config.get('orquestrador')`); aqui,
  // sem Strapi, ela vem da mesma função que o Strapi usa para montá-la a partir do ambiente.
  const { lerConfiguracaoOrquestrador } = require(path.join(dist, 'configuracao.js'));
  const configuracao = lerConfiguracaoOrquestrador(process.env);
  global.strapi = { config: { get: (chave) => (chave === 'orquestrador' ? configuracao : undefined) } };
  const produtor = new ProdutorFilas(url, prefixo);
  const filaPura = new Queue('bench-pura', { connection: conexao(), prefix: prefixo });
  try {
    let inicio = process.hrtime.bigint();
    for (let i = 0; i < total; i += 500) {
      await produtor.enfileirarLote(
        Array.from({ length: Math.min(500, total - i) }, (_, j) => trabalho(i + j, 'o'))
      );
    }
    const tOrquestrador = segundos(inicio);
    inicio = process.hrtime.bigint();
    for (let i = 0; i < total; i += 500) {
      await filaPura.addBulk(
        Array.from({ length: Math.min(500, total - i) }, (_, j) => ({
          name: 'DOWNLOAD_FATURA',
          data: trabalho(i + j, 'b'),
          opts: { jobId: `b${i + j}` },
        }))
      );
    }
    const tPuro = segundos(inicio);
    console.log(
      `enfileirar ${total} jobs: orquestrador ${tOrquestrador.toFixed(2)} s; addBulk puro ${tPuro.toFixed(2)} s; razão ${(tOrquestrador / tPuro).toFixed(2)}×`
    );
    relatar({
      medida: `fila: enfileirar ${total} jobs`,
      valor: `${tOrquestrador.toFixed(2)} s`,
      referencia: `addBulk ${tPuro.toFixed(2)} s`,
      razao: Number((tOrquestrador / tPuro).toFixed(2)),
      meta: '≤ 2×',
      atingida: tOrquestrador / tPuro <= 2,
    });

    const latencias = [];
    const fila = new Queue('bench-coleta', { connection: conexao(), prefix: prefixo });
    const fim = new Promise((resolver) => {
      const worker = new Worker(
        'bench-coleta',
        async (job) => {
          latencias.push(Date.now() - job.data.enviado_em);
          if (latencias.length === amostras) resolver(worker);
        },
        { connection: conexao(), prefix: prefixo, concurrency: 2 }
      );
    });
    for (let i = 0; i < amostras; i += 1) {
      await fila.add('DOWNLOAD_FATURA', { ...trabalho(i, 'c'), enviado_em: Date.now() }, { jobId: `c${i}` });
      await new Promise((r) => setTimeout(r, 5));
    }
    const worker = await fim;
    console.log(
      `latência de coleta (${amostras} jobs, um a cada 5 ms, concorrência 2): p50 ${percentil(latencias, 50)} ms; p95 ${percentil(latencias, 95)} ms; máx ${Math.max(...latencias)} ms`
    );
    relatar({
      medida: 'fila: latência de coleta',
      valor: `p95 ${percentil(latencias, 95)} ms (p50 ${percentil(latencias, 50)})`,
      meta: 'p95 ≤ 100 ms',
      atingida: percentil(latencias, 95) <= 100,
    });
    await worker.close();
    await fila.close();
  } finally {
    await produtor.fechar();
    await filaPura.close();
    const redis = new IORedis(url);
    const chaves = await redis.keys(`${prefixo}:*`);
    for (let i = 0; i < chaves.length; i += 1000) await redis.del(...chaves.slice(i, i + 1000));
    redis.disconnect();
  }
})()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
