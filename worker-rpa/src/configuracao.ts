import os from 'os';
import { lerPoliticaPortal } from '@orquestrador-rpa/contrato';

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

/** O que os robôs e o navegador leem do ambiente (também na depuração isolada, sem Redis nem Strapi). */
export interface ConfiguracaoRobos {
  chromium: string;
  chromedriver: string;
  /** Espera explícita padrão de cada elemento (`NAVEGADOR_ESPERA_MS`, 30 s). */
  esperaPadraoMs: number;
  comJanela: boolean;
  /** `http:` e loopback liberados (só para os portais simulados); a lista de domínios continua valendo. */
  portaisLocaisPermitidos: boolean;
  /** Origem das URLs que o legado da Oi fixava; sem ela, a de `url_portal`. */
  oiUrlBase: string | null;
  /** API da Digitalnet (faturas e documentos fiscais), fora do domínio do portal. */
  digitalnetUrlApi: string;
}

export const lerConfiguracaoRobos = (ambiente: NodeJS.ProcessEnv = process.env): ConfiguracaoRobos => {
  const espera = Number(ambiente.NAVEGADOR_ESPERA_MS);
  return {
    chromium: ambiente.CHROMIUM_BINARIO || '/usr/bin/chromium',
    chromedriver: ambiente.CHROMEDRIVER_BINARIO || '/usr/bin/chromedriver',
    esperaPadraoMs: Number.isInteger(espera) && espera > 0 ? espera : 30_000,
    comJanela: ambiente.NAVEGADOR_COM_JANELA === 'true',
    portaisLocaisPermitidos: lerPoliticaPortal(ambiente).permitirLocal,
    oiUrlBase: ambiente.OI_URL_BASE?.trim() || null,
    digitalnetUrlApi: (ambiente.DIGITALNET_URL_API?.trim() || 'https://api.portal.cs30.7az.com.br').replace(
      /\/+$/,
      ''
    ),
  };
};

/** Chave do batimento de um worker no Redis: o worker grava a dele; a verificação de saúde procura as do host. */
export const chaveBatimento = (prefixo: string, identificacao: string): string =>
  `${prefixo}:workers:${identificacao}`;
