import { Worker } from 'bullmq';
import IORedis from 'ioredis';
import { carregarEnv } from './ambiente';
import { ClienteStrapi } from './cliente-strapi';
import { chaveBatimento, lerConfiguracao } from './configuracao';
import { limparOrfaos } from './limpeza';
import { criarProcessadorLeitura } from './leitura-email';
import { criarProcessador, PASTA_BASE } from './processador';
import { criarConcentrador } from './robos/registro';
import { SemaforoOperadora } from './semaforo';
import { FILA_LEITURA_EMAIL, FILAS, TAMANHO_MINIMO_ROBO_TOKEN } from '@orquestrador-rpa/contrato';

/**
 * Processo do worker: consome as filas de download e de envio ao SAT, com concorrência
 * configurável, limite por portal, jobs travados devolvidos à fila (stalled) e desligamento
 * gracioso (SIGTERM espera os robôs em curso; um segundo sinal interrompe e fecha os navegadores).
 */
const log = (mensagem: string) => console.log(`[${new Date().toISOString()}] worker-rpa: ${mensagem}`);

const iniciar = async (): Promise<void> => {
  carregarEnv();
  const configuracao = lerConfiguracao();
  if (configuracao.tokenRobo.length < TAMANHO_MINIMO_ROBO_TOKEN) {
    console.error(
      `worker-rpa: defina ROBO_TOKEN (o mesmo do Strapi, com ao menos ${TAMANHO_MINIMO_ROBO_TOKEN} caracteres) para o worker se autenticar.`
    );
    process.exit(1);
  }
  const orfaos = limparOrfaos(PASTA_BASE);
  if (orfaos.pastas)
    log(
      `limpas ${orfaos.pastas} pasta(s) de execuções de workers mortos (${orfaos.processos} processo(s) do navegador encerrados).`
    );

  const conexao = (nome: string) =>
    new IORedis(configuracao.urlRedis, { maxRetriesPerRequest: null, connectionName: `worker-rpa:${nome}` });
  const comandos = conexao('comandos');
  try {
    await comandos.ping();
  } catch (erro) {
    console.error(`worker-rpa: Redis inalcançável em ${configuracao.urlRedis} (${(erro as Error).message}).`);
    process.exit(1);
  }
  const interrupcao = new AbortController();
  const strapi = new ClienteStrapi(
    configuracao.urlStrapi,
    configuracao.tokenRobo,
    configuracao.identificacao
  );
  const processar = criarProcessador({
    configuracao,
    strapi,
    concentrador: criarConcentrador(),
    semaforo: new SemaforoOperadora(comandos, configuracao.prefixo, configuracao.concessaoMs),
    publicador: comandos,
    sinal: interrupcao.signal,
  });
  const workers = Object.values(FILAS).map((fila) => {
    const worker = new Worker(fila, processar, {
      connection: conexao(fila),
      prefix: configuracao.prefixo,
      concurrency: configuracao.concorrencia,
      lockDuration: configuracao.travaMs,
      stalledInterval: configuracao.intervaloTravadosMs,
      maxStalledCount: 2,
    });
    worker.on('error', (erro) => log(`erro na fila ${fila}: ${erro.message}`));
    worker.on('failed', (job, erro) => log(`job ${job?.id} (${fila}) falhou: ${erro.message}`));
    worker.on('completed', (job) => log(`job ${job.id} (${fila}) concluído.`));
    return worker;
  });

  // Leitura da caixa de e-mail: uma por vez neste worker (cada uma percorre a caixa inteira).
  const leitura = new Worker(
    FILA_LEITURA_EMAIL,
    criarProcessadorLeitura({ strapi, sinal: interrupcao.signal }),
    {
      connection: conexao(FILA_LEITURA_EMAIL),
      prefix: configuracao.prefixo,
      concurrency: 1,
      lockDuration: configuracao.travaMs,
      stalledInterval: configuracao.intervaloTravadosMs,
      maxStalledCount: 1,
    }
  );
  leitura.on('error', (erro) => log(`erro na fila ${FILA_LEITURA_EMAIL}: ${erro.message}`));
  leitura.on('failed', (job, erro) => log(`leitura ${job?.id} falhou: ${erro.message}`));
  leitura.on('completed', (job) => log(`leitura ${job.id} concluída.`));

  const batimento = chaveBatimento(configuracao.prefixo, configuracao.identificacao);
  const bater = () => comandos.set(batimento, new Date().toISOString(), 'PX', 45_000).catch(() => undefined);
  await bater();
  const relogio = setInterval(() => void bater(), 15_000);
  log(
    `pronto (${configuracao.identificacao}): filas ${[...Object.values(FILAS), FILA_LEITURA_EMAIL].join(', ')}, concorrência ${configuracao.concorrencia}, Strapi ${configuracao.urlStrapi}.`
  );

  let encerrando = false;
  const encerrar = async (sinal: string) => {
    if (encerrando) {
      log(`${sinal} de novo: interrompendo os robôs em curso e fechando os navegadores.`);
      interrupcao.abort();
      return;
    }
    encerrando = true;
    log(`${sinal} recebido: esperando os robôs em curso terminarem (envie de novo para interromper).`);
    clearInterval(relogio);
    await Promise.all([...workers, leitura].map((w) => w.close()));
    await comandos.del(batimento).catch(() => undefined);
    comandos.disconnect();
    log('encerrado.');
    process.exit(0);
  };
  process.on('SIGTERM', () => void encerrar('SIGTERM'));
  process.on('SIGINT', () => void encerrar('SIGINT'));
};

void iniciar();
