import type { TipoExecucaoRobo } from './execucao.js';

/** Nomes das filas BullMQ e formato dos jobs: o mesmo para o produtor (Strapi) e o worker. */
export const FILAS: Readonly<Record<TipoExecucaoRobo, string>> = {
  DOWNLOAD_FATURA: 'download-faturas',
  UPLOAD_SAT: 'envio-sat',
};

/** Dados do job: só identificadores (nenhum segredo no Redis); o worker busca o resto no Strapi. */
export interface TrabalhoExecucao {
  id_execucao: string;
  id_processo: string;
  tipo_execucao: TipoExecucaoRobo;
  /** Para o limite de sessões simultâneas por portal (o envio ao SAT conta como "SAT"). */
  operadora_codigo: string;
  /** Token assinado pelo Strapi só para esta execução (cabeçalho `X-Token-Execucao`). */
  token_execucao: string;
}

/** Canal Redis pub/sub das linhas de log dos robôs (prefixado por FILAS_PREFIXO). */
export const canalLogs = (prefixo: string): string => `${prefixo}:logs-robos`;

/** Uma linha de log de um robô, publicada pelo worker e entregue ao painel pelo Socket.IO. */
export interface LinhaLogRobo {
  id_execucao: string;
  id_processo: string;
  operadora_codigo: string;
  tipo_execucao: TipoExecucaoRobo;
  linha: string;
  data_hora: string;
  /** Posição da linha no log do job (1, 2, ...), a mesma do histórico: o painel junta sem duplicar. */
  sequencia: number | null;
}

/** Tamanho mínimo do `ROBO_TOKEN`, o segredo que o Strapi e os workers compartilham. */
export const TAMANHO_MINIMO_ROBO_TOKEN = 32;
