import { Queue } from 'bullmq';
import IORedis from 'ioredis';

/** Acesso às filas reais do Redis com o prefixo aleatório do arquivo de teste. */
export const URL_REDIS_TESTE = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export const abrirFila = (nome: string, prefixo: string, url = URL_REDIS_TESTE): Queue =>
  new Queue(nome, { connection: { ...opcoesRedis(url), maxRetriesPerRequest: null }, prefix: prefixo });

/** Apaga todas as chaves do prefixo (limpeza ao fim do arquivo). */
export const apagarPrefixo = async (prefixo: string, url = URL_REDIS_TESTE): Promise<void> => {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1 });
  try {
    const chaves = await redis.keys(`${prefixo}:*`);
    if (chaves.length) await redis.del(...chaves);
  } finally {
    redis.disconnect();
  }
};

/** URL do Redis em opções do ioredis (a fila cria e fecha a própria conexão). */
function opcoesRedis(url: string) {
  const endereco = new URL(url);
  return { host: endereco.hostname, port: Number(endereco.port || 6379) };
}
