#!/usr/bin/env node
/*
 * Carga de aprovações pelo painel (HTTP de verdade, PostgreSQL e Redis reais): N aprovadores
 * (padrão 50) aprovando ao mesmo tempo faturas diferentes, e 10 brigando pela mesma (só uma pode
 * vencer). Imprime p50/p95 das respostas, erros 5xx (meta: zero) e a razão do p95 contra a referência
 * crua medida na mesma execução: o mesmo número de compare-and-set (`UPDATE … WHERE status = …`)
 * simultâneos direto no banco.
 * Uso: npm run bench:carga [-- <aprovadores=50>]
 */
const { PDFDocument, StandardFonts } = require('pdf-lib');
const IORedis = require('ioredis');
const {
  clienteDeBench,
  comStrapiNoPg,
  cronometrar,
  encerrar,
  percentil,
  pessoaNoPainel,
  relatar,
} = require('./ajudantes');

const aprovadores = Number(process.argv[2] || 50);
const NA_MESMA = 10;
const SOZINHAS = 5;
const banco = `bench_carga_${process.pid}`;
const prefixo = `bench-carga-${process.pid}`;

const pdfDaFatura = async (i) => {
  const documento = await PDFDocument.create();
  const pagina = documento.addPage([595, 842]);
  const fonte = await documento.embedFont(StandardFonts.Helvetica);
  pagina.drawText(`FATURA DE TELECOM ${i} - Valor: R$ 1.234,56 Vencimento: 10/03/2025`, {
    x: 50,
    y: 780,
    size: 12,
    font: fonte,
  });
  return Buffer.from(await documento.save());
};

const pessoa = async (strapi, url, codigoPapel, i) =>
  `Bearer ${await pessoaNoPainel(strapi, url, codigoPapel, `bench-${codigoPapel}-${i}@bench.invalid`)}`;

/** Processos com fatura enviada por upload manual (pela rota do painel), aguardando aprovação. */
const faturasAguardando = async (strapi, url, operador, quantas) => {
  const operadora = await strapi
    .documents('api::operadora.operadora')
    .create({ data: { nome: 'BENCH', codigo: 'BENCH', possui_rpa: false, status_ativo: true } });
  const processos = [];
  for (let i = 0; i < quantas; i += 1) {
    const cliente = await clienteDeBench(strapi, operadora.id, i, 'carga');
    const processo = await strapi.db.query('api::processo.processo').create({
      data: {
        mes_ano: '2025-03',
        status_processo: 'AGUARDANDO_DOWNLOAD',
        chave_processo: `carga-${i}`,
        cliente: cliente.id,
      },
    });
    const corpo = new FormData();
    corpo.append('valor_fatura', '1.234,56');
    corpo.append('data_vencimento', '10/03/2025');
    corpo.append('fatura', new Blob([await pdfDaFatura(i)], { type: 'application/pdf' }), 'fatura.pdf');
    const r = await fetch(`${url}/orquestrador-rpa/processos/${processo.documentId}/upload-manual`, {
      method: 'POST',
      headers: { Authorization: operador },
      body: corpo,
    });
    if (r.status !== 201) throw new Error(`Upload manual: HTTP ${r.status} ${await r.text()}`);
    const { hash_fatura: sha } = await strapi.db
      .query('api::processo.processo')
      .findOne({ where: { id: processo.id }, select: ['hash_fatura'] });
    processos.push({ id: processo.id, documentId: processo.documentId, sha });
  }
  return processos;
};

const aprovar = async (url, autorizacao, processo) => {
  const { resultado: status, segundos } = await cronometrar(async () => {
    const r = await fetch(`${url}/orquestrador-rpa/processos/${processo.documentId}/aprovar`, {
      method: 'POST',
      headers: { Authorization: autorizacao, 'Content-Type': 'application/json' },
      body: JSON.stringify({ sha256_fatura: processo.sha }),
    });
    await r.arrayBuffer();
    return r.status;
  });
  return { status, ms: segundos * 1000 };
};

/** O mesmo número de compare-and-set simultâneos direto no banco: a referência crua. */
const casCru = async (strapi, processos) => {
  const tabela = strapi.db.metadata.get('api::processo.processo').tableName;
  await strapi.db
    .connection(tabela)
    .whereIn(
      'id',
      processos.map((p) => p.id)
    )
    .update({ status_processo: 'AGUARDANDO_APROVACAO' });
  return Promise.all(
    processos.map(async (p) => {
      const { resultado, segundos } = await cronometrar(() =>
        strapi.db
          .connection(tabela)
          .where({ id: p.id, status_processo: 'AGUARDANDO_APROVACAO' })
          .update({ status_processo: 'APROVADA', data_aprovacao: new Date() })
      );
      return { atualizou: resultado, ms: segundos * 1000 };
    })
  );
};

encerrar(
  (async () => {
    Object.assign(process.env, { FILAS_PREFIXO: prefixo, RECONCILIADOR_INTERVALO_MS: '0' });
    try {
      await comStrapiNoPg(banco, async (strapi) => {
        strapi.server.mount();
        await new Promise((r) => strapi.server.httpServer.listen(0, '127.0.0.1', r));
        const url = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;
        const operador = await pessoa(strapi, url, 'orquestrador-operador', 0);
        const pessoas = [];
        for (let i = 0; i < aprovadores; i += 1)
          pessoas.push(await pessoa(strapi, url, 'orquestrador-aprovador', i));
        const processos = await faturasAguardando(strapi, url, operador, aprovadores + 1 + SOZINHAS);

        // 0. Uma por vez: a latência de uma aprovação sem concorrência.
        const sozinhas = [];
        for (let i = 0; i < SOZINHAS; i += 1)
          sozinhas.push((await aprovar(url, pessoas[i], processos[aprovadores + 1 + i])).ms);

        // 1. Cada aprovador com uma fatura diferente, todos ao mesmo tempo.
        const diferentes = await Promise.all(pessoas.map((a, i) => aprovar(url, a, processos[i])));
        // 2. Dez aprovadores na mesma fatura: um vence (200), os outros recebem 409.
        const mesma = processos[aprovadores];
        const briga = await Promise.all(pessoas.slice(0, NA_MESMA).map((a) => aprovar(url, a, mesma)));
        const cru = await casCru(strapi, processos.slice(0, aprovadores));

        const ms = diferentes.map((r) => r.ms);
        const [p50, p95, r95] = [
          percentil(ms, 50),
          percentil(ms, 95),
          percentil(
            cru.map((c) => c.ms),
            95
          ),
        ];
        const erros5xx = [...diferentes, ...briga].filter((r) => r.status >= 500).length;
        const aprovadas = diferentes.filter((r) => r.status === 200).length;
        const vencedores = briga.filter((r) => r.status === 200).length;
        const conflitos = briga.filter((r) => r.status === 409).length;
        const envios = await strapi.db
          .query('api::execucao.execucao')
          .count({ where: { tipo_execucao: 'UPLOAD_SAT', processo: { id: mesma.id } } });
        console.log(
          `${aprovadores} aprovações simultâneas (faturas diferentes): ${aprovadas} aprovadas; p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms; ` +
            `${aprovadores} compare-and-set crus: p95 ${r95.toFixed(1)} ms`
        );
        console.log(`uma aprovação por vez: p50 ${percentil(sozinhas, 50).toFixed(0)} ms`);
        console.log(
          `${NA_MESMA} na mesma fatura: ${vencedores} venceu, ${conflitos} receberam 409, ${envios} envio ao SAT criado; 5xx: ${erros5xx}`
        );
        relatar({
          medida: `carga: ${aprovadores} aprovações simultâneas`,
          valor: `p95 ${p95.toFixed(0)} ms (p50 ${p50.toFixed(0)}), ${aprovadas}/${aprovadores} aprovadas`,
          referencia: `CAS cru p95 ${r95.toFixed(1)} ms`,
          razao: Number((p95 / r95).toFixed(2)),
          meta: 'zero 5xx (razão só medida)',
          atingida: erros5xx === 0 && aprovadas === aprovadores,
        });
        relatar({
          medida: `carga: ${NA_MESMA} na mesma fatura`,
          valor: `${vencedores} venceu, ${conflitos}× 409, ${envios} envio`,
          meta: '1 vence, 9× 409, 1 envio, zero 5xx',
          atingida: vencedores === 1 && conflitos === NA_MESMA - 1 && envios === 1 && erros5xx === 0,
        });
      });
    } finally {
      const redis = new IORedis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
      const chaves = await redis.keys(`${prefixo}:*`);
      for (let i = 0; i < chaves.length; i += 1000) await redis.del(...chaves.slice(i, i + 1000));
      redis.disconnect();
    }
  })()
);
