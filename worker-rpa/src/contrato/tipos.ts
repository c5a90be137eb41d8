/** Vocabulário do contrato dos robôs (compartilhado pelo worker e pelo Strapi). */

export const TipoOperacao = {
  DOWNLOAD_FATURA: 'DOWNLOAD_FATURA',
  UPLOAD_SAT: 'UPLOAD_SAT',
} as const;
export type TipoOperacao = (typeof TipoOperacao)[keyof typeof TipoOperacao];

/** Status do resultado de um robô (os da especificação). */
export const StatusExecucao = {
  INICIADO: 'INICIADO',
  EM_PROGRESSO: 'EM_PROGRESSO',
  SUCESSO: 'SUCESSO',
  ERRO: 'ERRO',
  TIMEOUT: 'TIMEOUT',
} as const;
export type StatusExecucao = (typeof StatusExecucao)[keyof typeof StatusExecucao];

/** Classificação da falha: base da saúde por operadora e da decisão de re-tentar. */
export const TipoErro = {
  LOGIN: 'LOGIN',
  SELETOR: 'SELETOR',
  SEM_FATURA: 'SEM_FATURA',
  REDE: 'REDE',
  PORTAL_FORA: 'PORTAL_FORA',
  TIMEOUT: 'TIMEOUT',
  NEGOCIO: 'NEGOCIO',
  DESCONHECIDO: 'DESCONHECIDO',
} as const;
export type TipoErro = (typeof TipoErro)[keyof typeof TipoErro];

/** Erros técnicos, que podem passar sozinhos; os demais (senha errada, sem fatura...) não se re-tentam. */
const RETENTAVEIS: ReadonlySet<TipoErro> = new Set<TipoErro>([TipoErro.REDE, TipoErro.PORTAL_FORA, TipoErro.TIMEOUT, TipoErro.DESCONHECIDO]);

export const erroRetentavel = (tipo: TipoErro): boolean => RETENTAVEIS.has(tipo);

/** Código do robô do envio ao SAT no concentrador. */
export const CODIGO_SAT = 'SAT';
