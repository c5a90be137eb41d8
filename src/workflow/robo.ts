import type { StatusExecucaoFinal } from '@orquestrador-rpa/contrato';

/** Dados que fecham uma execução: o status final e a chave de execução aberta liberada. */
export const fechamento = (status: StatusExecucaoFinal, extras: Record<string, unknown> = {}) => ({
  ...extras,
  status_execucao: status,
  chave_aberta: null,
});
