import os from 'os';

/** Configuração do worker por variáveis de ambiente (nenhuma credencial de banco). */

export interface ConfiguracaoWorker {
  urlStrapi: string;
  tokenRobo: string;
  urlRedis: string;
  prefixo: string;
  identificacao: string;
  concorrencia: number;
  /** Sessões simultâneas por portal (todas as máquinas); `LIMITE_OPERADORA_<CODIGO>` sobrepõe por operadora. */
  limitePorOperadora: (codigo: string) => number;
  limiteJobMs: number;
  travaMs: number;
  intervaloTravadosMs: number;
  concessaoMs: number;
  esperaSemVagaMs: number;
}

export const lerConfiguracao = (ambiente: NodeJS.ProcessEnv = process.env): ConfiguracaoWorker => {
  const inteiro = (nome: string, padrao: number): number => {
    const valor = Number(ambiente[nome]);
    return Number.isInteger(valor) && valor > 0 ? valor : padrao;
  };
  const padraoOperadora = inteiro('LIMITE_POR_OPERADORA', 2);
  return {
    urlStrapi: (ambiente.STRAPI_URL || 'http://127.0.0.1:1337').replace(/\/$/, ''),
    tokenRobo: ambiente.ROBO_TOKEN ?? '',
    urlRedis: ambiente.REDIS_URL || 'redis://127.0.0.1:6379',
    prefixo: ambiente.FILAS_PREFIXO || 'orquestrador',
    identificacao: `${os.hostname()}:${process.pid}`,
    concorrencia: inteiro('WORKER_CONCORRENCIA', 2),
    limitePorOperadora: (codigo) => inteiro(`LIMITE_OPERADORA_${codigo.toUpperCase()}`, padraoOperadora),
    limiteJobMs: inteiro('WORKER_TIMEOUT_JOB_MS', 10 * 60_000),
    travaMs: inteiro('WORKER_TRAVA_MS', 30_000),
    intervaloTravadosMs: inteiro('WORKER_INTERVALO_TRAVADOS_MS', 30_000),
    concessaoMs: inteiro('WORKER_CONCESSAO_MS', 60_000),
    esperaSemVagaMs: inteiro('WORKER_ESPERA_SEM_VAGA_MS', 3_000),
  };
};
