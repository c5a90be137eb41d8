/**
 * Execuções: o tipo (o que foi feito) e o status da **linha do banco** (`api::execucao.execucao`).
 * O status do **resultado de um robô** é outro conceito: `StatusResultadoRobo` em `robo.ts`.
 */
export const TipoExecucao = {
  DOWNLOAD_FATURA: 'DOWNLOAD_FATURA',
  UPLOAD_SAT: 'UPLOAD_SAT',
  UPLOAD_MANUAL: 'UPLOAD_MANUAL',
} as const;
export type TipoExecucao = (typeof TipoExecucao)[keyof typeof TipoExecucao];
export const TIPOS_EXECUCAO = Object.values(TipoExecucao);

/** As que um robô executa, cada uma numa fila BullMQ; o upload manual é feito por uma pessoa. */
export type TipoExecucaoRobo = Exclude<TipoExecucao, 'UPLOAD_MANUAL'>;
export const TIPOS_EXECUCAO_ROBO: readonly TipoExecucaoRobo[] = [
  TipoExecucao.DOWNLOAD_FATURA,
  TipoExecucao.UPLOAD_SAT,
];
export const ehTipoExecucaoRobo = (valor: unknown): valor is TipoExecucaoRobo =>
  (TIPOS_EXECUCAO_ROBO as readonly unknown[]).includes(valor);

export const StatusExecucao = {
  PENDENTE: 'PENDENTE',
  EXECUTANDO: 'EXECUTANDO',
  CONCLUIDO: 'CONCLUIDO',
  FALHOU: 'FALHOU',
  TENTANDO_NOVAMENTE: 'TENTANDO_NOVAMENTE',
  INTERROMPIDA: 'INTERROMPIDA',
} as const;
export type StatusExecucao = (typeof StatusExecucao)[keyof typeof StatusExecucao];
export const STATUS_EXECUCAO = Object.values(StatusExecucao);

/** Ainda ocupam a vaga de "uma execução aberta por processo e tipo". */
export const STATUS_EXECUCAO_ABERTOS: readonly StatusExecucao[] = [
  StatusExecucao.PENDENTE,
  StatusExecucao.EXECUTANDO,
  StatusExecucao.TENTANDO_NOVAMENTE,
];
/** Encerradas: nada as reabre. */
export type StatusExecucaoFinal =
  typeof StatusExecucao.CONCLUIDO | typeof StatusExecucao.FALHOU | typeof StatusExecucao.INTERROMPIDA;
export const STATUS_EXECUCAO_FINAIS: readonly StatusExecucaoFinal[] = [
  StatusExecucao.CONCLUIDO,
  StatusExecucao.FALHOU,
  StatusExecucao.INTERROMPIDA,
];
/** As que contam para a taxa de sucesso (sucesso × falha definitiva). */
export const STATUS_EXECUCAO_CONTABILIZADOS: readonly StatusExecucao[] = [
  StatusExecucao.CONCLUIDO,
  StatusExecucao.FALHOU,
];

/** De onde veio a fatura de um processo (null enquanto não há fatura). */
export const OrigemFatura = { RPA: 'RPA', UPLOAD_MANUAL: 'UPLOAD_MANUAL' } as const;
export type OrigemFatura = (typeof OrigemFatura)[keyof typeof OrigemFatura];
export const ORIGENS_FATURA = Object.values(OrigemFatura);

export const ehStatusExecucaoFinal = (valor: unknown): valor is StatusExecucaoFinal =>
  (STATUS_EXECUCAO_FINAIS as readonly unknown[]).includes(valor);
export const ehStatusExecucaoAberto = (valor: unknown): valor is StatusExecucao =>
  (STATUS_EXECUCAO_ABERTOS as readonly unknown[]).includes(valor);
