import type { TipoExecucaoRobo } from './execucao.js';

/** Vocabulário do contrato dos robôs (compartilhado pelo worker e pelo Strapi). */

/** Status do **resultado** de um robô (os da especificação); não confundir com o status da execução no banco. */
export const StatusResultadoRobo = {
  INICIADO: 'INICIADO',
  EM_PROGRESSO: 'EM_PROGRESSO',
  SUCESSO: 'SUCESSO',
  ERRO: 'ERRO',
  TIMEOUT: 'TIMEOUT',
} as const;
export type StatusResultadoRobo = (typeof StatusResultadoRobo)[keyof typeof StatusResultadoRobo];

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
export const TIPOS_ERRO = Object.values(TipoErro);

/** Erros técnicos, que podem passar sozinhos; os demais (senha errada, sem fatura...) não se re-tentam. */
const RETENTAVEIS: ReadonlySet<TipoErro> = new Set<TipoErro>([
  TipoErro.REDE,
  TipoErro.PORTAL_FORA,
  TipoErro.TIMEOUT,
  TipoErro.DESCONHECIDO,
]);

export const erroRetentavel = (tipo: TipoErro): boolean => RETENTAVEIS.has(tipo);

/**
 * Operadoras cujo robô baixa a fatura: a fonte única de "tem robô". O worker registra um robô para
 * cada uma (teste do registro) e o cadastro só aceita `possui_rpa` para elas. A Vivo tem só o porte
 * parcial do legado (termina pedindo o upload manual) e fica fora até o fluxo ser completado.
 */
export const OPERADORAS_COM_ROBO: readonly string[] = ['DIG', 'EMB', 'OI'];

export const operadoraTemRobo = (codigo: string): boolean =>
  OPERADORAS_COM_ROBO.includes(codigo.trim().toUpperCase());

/** Código do robô do envio ao SAT no concentrador. */
export const CODIGO_SAT = 'SAT';

/** Código usado no limite de sessões por portal: o da operadora no download, "SAT" no envio. */
export const codigoDoPortal = (tipo: TipoExecucaoRobo, operadoraCodigo: string): string =>
  tipo === 'UPLOAD_SAT' ? CODIGO_SAT : operadoraCodigo;
