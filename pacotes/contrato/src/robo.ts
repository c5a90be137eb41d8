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

/**
 * Operadoras cuja fatura chega por e-mail: o robô lê a caixa (um job por ciclo, agendamento
 * `LER_EMAIL_AZUTON`) e anexa a fatura ao processo do cliente; não há download por processo.
 */
export const OPERADORAS_POR_EMAIL: readonly string[] = ['AZU'];

const codigoNormalizado = (codigo: string): string => codigo.trim().toUpperCase();

export const operadoraRecebePorEmail = (codigo: string): boolean =>
  OPERADORAS_POR_EMAIL.includes(codigoNormalizado(codigo));

/** Tem robô homologado: baixa no portal ou lê a caixa de e-mail (o que `possui_rpa` pode marcar). */
export const operadoraTemRobo = (codigo: string): boolean =>
  OPERADORAS_COM_ROBO.includes(codigoNormalizado(codigo)) || operadoraRecebePorEmail(codigo);

/** Como a fatura da operadora chega: robô no portal, robô da caixa de e-mail ou só upload manual. */
export type RoboDaOperadora = 'PORTAL' | 'EMAIL' | 'NENHUM';

/** Que robô o código tem. */
export const roboDaOperadora = (codigo: string): RoboDaOperadora =>
  OPERADORAS_COM_ROBO.includes(codigoNormalizado(codigo))
    ? 'PORTAL'
    : operadoraRecebePorEmail(codigo)
      ? 'EMAIL'
      : 'NENHUM';

/** Todas as que têm robô, para as mensagens. */
export const OPERADORAS_HOMOLOGADAS: readonly string[] = [...OPERADORAS_COM_ROBO, ...OPERADORAS_POR_EMAIL];

/** Código do robô do envio ao SAT no concentrador. */
export const CODIGO_SAT = 'SAT';

/** Código usado no limite de sessões por portal: o da operadora no download, "SAT" no envio. */
export const codigoDoPortal = (tipo: TipoExecucaoRobo, operadoraCodigo: string): string =>
  tipo === 'UPLOAD_SAT' ? CODIGO_SAT : operadoraCodigo;
