/*
 * Peças comuns dos benchmarks: Strapi carregado sem servidor HTTP, banco PostgreSQL descartável,
 * cronômetro, percentis e a linha de resultado que o `npm run bench` junta numa tabela.
 */
const path = require('path');
const crypto = require('crypto');
const { Client } = require('pg');

const RAIZ = path.join(__dirname, '..');
const urlServidorPg = () =>
  new URL(process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres');

const segundosDesde = (inicio) => Number(process.hrtime.bigint() - inicio) / 1e9;

const cronometrar = async (fn) => {
  const inicio = process.hrtime.bigint();
  const resultado = await fn();
  return { resultado, segundos: segundosDesde(inicio) };
};

/** Percentil p (0–100) pelo método do posto mais próximo. */
const percentil = (valores, p) => {
  const ordenados = [...valores].sort((a, b) => a - b);
  return ordenados[Math.min(ordenados.length - 1, Math.max(0, Math.ceil((p / 100) * ordenados.length) - 1))];
};

/** Um comando no banco `postgres` do servidor (criar e apagar o banco do benchmark). */
const comServidorPg = async (sql) => {
  const cliente = new Client({ connectionString: urlServidorPg().toString() });
  await cliente.connect();
  try {
    await cliente.query(sql);
  } finally {
    await cliente.end();
  }
};

/** Variáveis de um Strapi de benchmark; com `bancoPg`, PostgreSQL real nesse banco. */
const ambienteStrapi = (bancoPg) => {
  const segredo = () => crypto.randomBytes(24).toString('base64');
  Object.assign(process.env, {
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_CRON: 'true',
    HOST: '127.0.0.1',
    PORT: '0',
    APP_KEYS: process.env.APP_KEYS || `${segredo()},${segredo()}`,
    API_TOKEN_SALT: segredo(),
    ADMIN_JWT_SECRET: segredo(),
    JWT_SECRET: segredo(),
    TRANSFER_TOKEN_SALT: segredo(),
    ENCRYPTION_KEY: segredo(),
    FILAS_INTERVALO_DESPACHO_MS: '0',
    CHAVE_CRIPTOGRAFIA: process.env.CHAVE_CRIPTOGRAFIA || crypto.randomBytes(32).toString('base64'),
  });
  if (!bancoPg) return;
  const url = urlServidorPg();
  Object.assign(process.env, {
    DATABASE_CLIENT: 'postgres',
    DATABASE_HOST: url.hostname,
    DATABASE_PORT: url.port || '5432',
    DATABASE_USERNAME: decodeURIComponent(url.username || 'postgres'),
    DATABASE_PASSWORD: decodeURIComponent(url.password),
    DATABASE_NAME: bancoPg,
  });
};

/** Compila e carrega o Strapi do projeto (sem abrir porta), com o log só de erros. */
const abrirStrapi = async () => {
  const { createStrapi, compileStrapi } = require('@strapi/strapi');
  const { distDir } = await compileStrapi({ appDir: RAIZ });
  const strapi = await createStrapi({ appDir: RAIZ, distDir }).load();
  strapi.log.level = 'error';
  return strapi;
};

/**
 * Strapi num banco PostgreSQL descartável: cria o banco, carrega o Strapi, roda `trabalho(strapi)`,
 * desliga e apaga o banco (`manter`: deixa-o para investigar com EXPLAIN).
 */
const comStrapiNoPg = async (banco, trabalho, { manter = false } = {}) => {
  await comServidorPg(`CREATE DATABASE ${banco}`);
  ambienteStrapi(banco);
  let strapi;
  try {
    strapi = await abrirStrapi();
    return await trabalho(strapi);
  } finally {
    await strapi?.destroy().catch(() => {});
    if (manter) console.log(`banco mantido para investigar: ${banco}`);
    else await comServidorPg(`DROP DATABASE IF EXISTS ${banco} WITH (FORCE)`);
  }
};

/** Pessoa no painel com o papel (código do papel do admin) e login de verdade; devolve o JWT. */
const pessoaNoPainel = async (strapi, url, codigoPapel, email) => {
  const senha = 'SenhaForte123!';
  const papel = await strapi.db.query('admin::role').findOne({ where: { code: codigoPapel } });
  await strapi.service('admin::user').create({
    email,
    firstname: 'Bench',
    lastname: codigoPapel,
    password: senha,
    isActive: true,
    roles: [papel.id],
    registrationToken: null,
  });
  const login = await fetch(`${url}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: senha }),
  });
  if (!login.ok) throw new Error(`Login de ${email}: HTTP ${login.status}`);
  return (await login.json()).data.token;
};

const digito = (numeros, pesos) => {
  const r = numeros.reduce((t, n, i) => t + n * pesos[i], 0) % 11;
  return r < 2 ? 0 : 11 - r;
};
/** CNPJ válido (dígitos verificadores certos) a partir de um número. */
const cnpjDeBench = (i) => {
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

/** Cliente sintético direto pelo Query Engine (sem as regras do cadastro), ligado à operadora. */
const clienteDeBench = (strapi, operadoraId, i, prefixo) =>
  strapi.db.query('api::cliente.cliente').create({
    data: {
      razao_social: `Empresa ${i}`,
      nome_sat: `EMPRESA ${i}`,
      cnpj: String(10000000000000 + i),
      unidade: 'CAMPO GRANDE-MS',
      servico: 'Link dedicado',
      dados_sat: 'Link dedicado',
      hash_unico: `${prefixo}-${i}`,
      chave_unicidade: `${prefixo}-${i}`,
      status_ativo: true,
      operadora: operadoraId,
    },
  });

/**
 * Uma linha da tabela do `npm run bench`: o que foi medido, o valor, a referência crua medida na
 * mesma execução, a razão e a meta. Impressa como `RESULTADO {json}`.
 */
const relatar = ({ medida, valor, referencia = null, razao = null, meta = null, atingida = null }) =>
  console.log(`RESULTADO ${JSON.stringify({ medida, valor, referencia, razao, meta, atingida })}`);

const encerrar = (promessa) =>
  promessa
    .then(() => process.exit(0))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });

module.exports = {
  RAIZ,
  abrirStrapi,
  ambienteStrapi,
  comServidorPg,
  comStrapiNoPg,
  clienteDeBench,
  cnpjDeBench,
  cronometrar,
  encerrar,
  percentil,
  pessoaNoPainel,
  relatar,
  segundosDesde,
};
