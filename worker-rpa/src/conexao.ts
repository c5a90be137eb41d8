import IORedis from 'ioredis';

/** Conexão com o Redis (só transporte): `REDIS_URL` ou 127.0.0.1:6379. */
export const URL_REDIS_PADRAO = 'redis://127.0.0.1:6379';

export const criarConexao = (url = process.env.REDIS_URL ?? URL_REDIS_PADRAO): IORedis =>
  new IORedis(url, { maxRetriesPerRequest: null, lazyConnect: true });
