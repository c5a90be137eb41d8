#!/usr/bin/env node
/*
 * Benchmark dos logs ao vivo: latência entre o worker publicar uma linha no canal Redis e ela chegar
 * aos navegadores conectados ao Socket.IO do Strapi (meta: < 1 s). Strapi real (SQLite descartável),
 * Redis real (REDIS_URL, padrão redis://127.0.0.1:6379), clientes socket.io autenticados com o token
 * de uma pessoa do painel. Imprime p50, p95, p99 e máximo.
 * Uso: npm run bench:logs [-- <linhas=1000> <navegadores=20> <linhas por segundo=200>]
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const IORedis = require('ioredis');
const { io } = require('socket.io-client');
const { abrirStrapi, ambienteStrapi, percentil, pessoaNoPainel, relatar } = require('./ajudantes');

const [linhas, navegadores, porSegundo] = [1000, 20, 200].map((padrao, i) =>
  Number(process.argv[2 + i] || padrao)
);
const prefixo = `bench-logs-${process.pid}`;
const urlRedis = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-logs-'));

const conectar = (url, token) =>
  new Promise((resolver, rejeitar) => {
    const socket = io(url, {
      path: '/orquestrador-rpa/socket.io',
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    socket.once('connect', () => socket.emitWithAck('assinar', 'todas').then(() => resolver(socket)));
    socket.once('connect_error', rejeitar);
  });

(async () => {
  ambienteStrapi();
  Object.assign(process.env, {
    RECONCILIADOR_INTERVALO_MS: '0',
    FILAS_PREFIXO: prefixo,
    REDIS_URL: urlRedis,
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(pasta, 'bench.db'),
  });
  let strapi;
  const sockets = [];
  const publicador = new IORedis(urlRedis);
  try {
    strapi = await abrirStrapi();
    strapi.server.mount();
    await new Promise((r) => strapi.server.httpServer.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;
    const token = await pessoaNoPainel(
      strapi,
      url,
      'orquestrador-operador',
      `bench-${process.pid}@bench.invalid`
    );
    for (let i = 0; i < navegadores; i += 1) sockets.push(await conectar(url, token));

    const enviadas = new Map();
    const latencias = [];
    const recebidas = new Promise((resolver) => {
      let faltam = linhas * navegadores;
      for (const socket of sockets) {
        socket.on('linha-log', (l) => {
          latencias.push(performance.now() - enviadas.get(l.sequencia));
          faltam -= 1;
          if (faltam === 0) resolver();
        });
      }
    });
    const intervalo = 1000 / porSegundo;
    const inicio = performance.now();
    for (let sequencia = 1; sequencia <= linhas; sequencia += 1) {
      const alvo = inicio + sequencia * intervalo;
      const espera = alvo - performance.now();
      if (espera > 0) await new Promise((r) => setTimeout(r, espera));
      enviadas.set(sequencia, performance.now());
      await publicador.publish(
        `${prefixo}:logs-robos`,
        JSON.stringify({
          id_execucao: 'bench',
          id_processo: 'bench',
          operadora_codigo: 'BENCH',
          tipo_execucao: 'DOWNLOAD_FATURA',
          linha: `linha ${sequencia}`,
          data_hora: new Date().toISOString(),
          sequencia,
        })
      );
    }
    await recebidas;
    latencias.sort((a, b) => a - b);
    const ms = (v) => `${v.toFixed(1)} ms`;
    console.log(
      `linhas: ${linhas} a ${porSegundo}/s; navegadores conectados: ${navegadores}; entregas: ${latencias.length}`
    );
    console.log(
      `latência publicação → navegador: p50 ${ms(percentil(latencias, 50))}, p95 ${ms(percentil(latencias, 95))}, p99 ${ms(percentil(latencias, 99))}, máx ${ms(latencias[latencias.length - 1])} (meta < 1000 ms)`
    );
    relatar({
      medida: `logs ao vivo (${navegadores} navegadores)`,
      valor: `p95 ${ms(percentil(latencias, 95))}, máx ${ms(latencias[latencias.length - 1])}`,
      meta: 'máx < 1000 ms',
      atingida: latencias[latencias.length - 1] < 1000,
    });
  } finally {
    sockets.forEach((s) => s.disconnect());
    publicador.disconnect();
    await strapi?.destroy().catch(() => {});
    fs.rmSync(pasta, { recursive: true, force: true });
  }
})().catch((erro) => {
  console.error(erro);
  process.exitCode = 1;
});
