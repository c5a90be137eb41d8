import os from 'os';
import IORedis from 'ioredis';
import { carregarEnv } from './ambiente';
import { chaveBatimento, lerConfiguracao } from './configuracao';

/**
 * Verificação de saúde do worker (healthcheck do compose): sai com 0 só se algum worker desta
 * máquina (o mesmo hostname, no contêiner) renovou o batimento no Redis nos últimos 45 s.
 * Worker travado, sem Redis ou morto deixa o batimento vencer e o contêiner fica "unhealthy".
 */
const conferir = async (): Promise<boolean> => {
  carregarEnv();
  const { urlRedis, prefixo } = lerConfiguracao();
  const redis = new IORedis(urlRedis, { maxRetriesPerRequest: 1, lazyConnect: true, connectTimeout: 3000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [proximo, chaves] = await redis.scan(
        cursor,
        'MATCH',
        chaveBatimento(prefixo, `${os.hostname()}:*`)
      );
      if (chaves.length) return true;
      cursor = proximo;
    } while (cursor !== '0');
    return false;
  } finally {
    redis.disconnect();
  }
};

conferir().then(
  (vivo) => {
    if (!vivo) console.error(`worker-rpa: nenhum batimento deste host (${os.hostname()}) no Redis.`);
    process.exit(vivo ? 0 : 1);
  },
  (erro: Error) => {
    console.error(`worker-rpa: saúde não conferida (${erro.message}).`);
    process.exit(1);
  }
);
