import type { AcaoWorkflow, EstadoProcesso } from './estados';

/** Execuções feitas por robô e como cada uma move o processo na máquina de estados. */
export type TipoRobo = 'DOWNLOAD_FATURA' | 'UPLOAD_SAT';

export const STATUS_FINAIS = ['CONCLUIDO', 'FALHOU', 'INTERROMPIDA'];

export interface AcoesDoRobo {
  iniciar: AcaoWorkflow;
  emAndamento: EstadoProcesso;
  concluir: AcaoWorkflow;
  falhar: AcaoWorkflow;
  interromper: AcaoWorkflow;
  /** Falha depois do ponto sem retorno (o robô já submeteu): uma pessoa confere, nada se repete sozinho. */
  conferir?: AcaoWorkflow;
}

/** Ações do workflow por tipo de execução: início, sucesso, falha definitiva e interrupção. */
export const ACOES_ROBO: Record<TipoRobo, AcoesDoRobo> = {
  DOWNLOAD_FATURA: { iniciar: 'iniciar_download', emAndamento: 'DOWNLOAD_EM_ANDAMENTO', concluir: 'concluir_download', falhar: 'falhar_download', interromper: 'interromper_download' },
  UPLOAD_SAT: {
    iniciar: 'iniciar_envio_sat', emAndamento: 'ENVIANDO_SAT', concluir: 'concluir_envio_sat', falhar: 'falhar_envio_sat', interromper: 'interromper_envio_sat',
    conferir: 'conferir_envio_sat',
  },
};

/** Dados que fecham uma execução: o status final e a chave de execução aberta liberada. */
export const fechamento = (status: 'CONCLUIDO' | 'FALHOU' | 'INTERROMPIDA', extras: Record<string, unknown> = {}) => ({
  ...extras,
  status_execucao: status,
  chave_aberta: null,
});
