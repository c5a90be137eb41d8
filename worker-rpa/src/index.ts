import os from 'os';
import { criarConexao } from './conexao';

/**
 * Processo do worker. Nesta fatia ele só se anuncia: conecta no Redis e mantém um batimento
 * (chave com validade) que o Strapi e a operação podem consultar. As filas de download e de
 * envio ao SAT, o concentrador e os robôs chegam com a issue do worker.
 */
const INTERVALO_MS = 15_000;
const chave = `orquestrador-rpa:worker:${os.hostname()}:${process.pid}`;

const iniciar = async (): Promise<void> => {
  const redis = criarConexao();
  try {
    await redis.connect();
  } catch (erro) {
    console.error(`worker-rpa: Redis inalcançável (${(erro as Error).message}). Defina REDIS_URL ou suba o Redis local (redis-server).`);
    process.exit(1);
  }
  const bater = () => redis.set(chave, new Date().toISOString(), 'PX', INTERVALO_MS * 3);
  await bater();
  const relogio = setInterval(() => void bater(), INTERVALO_MS);
  console.log(`worker-rpa: conectado ao Redis; batimento em ${chave}.`);
  const encerrar = async (sinal: string) => {
    console.log(`worker-rpa: ${sinal} recebido, encerrando.`);
    clearInterval(relogio);
    await redis.del(chave);
    await redis.quit();
    process.exit(0);
  };
  process.on('SIGTERM', () => void encerrar('SIGTERM'));
  process.on('SIGINT', () => void encerrar('SIGINT'));
};

void iniciar();
