#!/usr/bin/env node
/*
 * Benchmark: importa N linhas (padrão 10 000) no formato da planilha do legado e imprime o tempo.
 * Banco: o das variáveis DATABASE_* (ex.: PostgreSQL); sem elas, um SQLite descartável em .tmp/.
 * Uso: npm run bench:importacao [-- 10000]
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { createStrapi, compileStrapi } = require('@strapi/strapi');

const linhas = Number(process.argv[2] || 10000);
const digito = (numeros, pesos) => {
  const r = numeros.reduce((t, n, i) => t + n * pesos[i], 0) % 11;
  return r < 2 ? 0 : 11 - r;
};
const cnpj = (i) => {
  const base = String(10000000 + i)
    .padStart(8, '0')
    .split('')
    .map(Number)
    .concat([0, 0, 0, 1]);
  const p1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
  const d1 = digito(base, p1);
  const d2 = digito([...base, d1], [6, ...p1]);
  return [...base, d1, d2].join('');
};

(async () => {
  const raiz = path.join(__dirname, '..');
  Object.assign(process.env, {
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_CRON: 'true',
    HOST: '127.0.0.1',
    PORT: '0',
    APP_KEYS: process.env.APP_KEYS || 'bench-a,bench-b',
    API_TOKEN_SALT: 'bench',
    ADMIN_JWT_SECRET: 'bench',
    JWT_SECRET: 'bench',
    TRANSFER_TOKEN_SALT: 'bench',
    ENCRYPTION_KEY: 'bench-chave-admin-0123456789',
    CHAVE_CRIPTOGRAFIA: process.env.CHAVE_CRIPTOGRAFIA || crypto.randomBytes(32).toString('base64'),
  });
  if (!process.env.DATABASE_CLIENT)
    Object.assign(process.env, {
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: `.tmp/bench-${process.pid}.db`,
    });
  const { distDir } = await compileStrapi({ appDir: raiz });
  const strapi = await createStrapi({ appDir: raiz, distDir }).load();
  strapi.log.level = 'error';
  try {
    await strapi.documents('api::operadora.operadora').create({
      data: { nome: `BENCH ${process.pid}`, codigo: `B${process.pid}`.slice(0, 20), status_ativo: true },
    });
    const cabecalho =
      'HASH,RAZÃO SOCIAL,NOME SAT,CNPJ,OPERADORA,FILTRO,SERVIÇO,DADOS SAT,UNIDADE / FILTRO SAT,SENHA';
    const corpo = Array.from(
      { length: linhas },
      (_, i) =>
        `,Empresa ${i} Ltda,EMPRESA ${i},${cnpj(i)},BENCH ${process.pid},F${i},Internet,Internet,CIDADE ${i % 50}-MS,senha${i}`
    );
    const arquivo = Buffer.from([cabecalho, ...corpo].join('\n'), 'utf8');
    const inicio = process.hrtime.bigint();
    const relatorio = await strapi.service('api::cliente.importacao').importar(arquivo);
    const segundos = Number(process.hrtime.bigint() - inicio) / 1e9;
    console.log(`banco: ${process.env.DATABASE_CLIENT}`);
    console.log(`linhas: ${linhas}; criados: ${relatorio.criados}; erros: ${relatorio.erros.length}`);
    console.log(`tempo: ${segundos.toFixed(2)} s (${(linhas / segundos).toFixed(0)} linhas/s)`);
  } finally {
    await strapi.destroy().catch(() => {}); // conexões pendentes abortadas no desligamento
    if (process.env.DATABASE_FILENAME?.startsWith('.tmp/bench-'))
      fs.rmSync(path.join(raiz, process.env.DATABASE_FILENAME), { force: true });
  }
})()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
