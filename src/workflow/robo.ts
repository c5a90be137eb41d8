import type { AcaoWorkflow, EstadoProcesso } from './estados';

/** Execuções feitas por robô e como cada uma move o processo na máquina de estados. */
export type TipoRobo = 'DOWNLOAD_FATURA' | 'UPLOAD_SAT';

export const STATUS_FINAIS = ['CONCLUIDO', 'FALHOU', 'INTERROMPIDA'];

/** Ações do workflow por tipo de execução: início, sucesso e falha definitiva. */
export const ACOES_ROBO: Record<TipoRobo, { iniciar: AcaoWorkflow; emAndamento: EstadoProcesso; concluir: AcaoWorkflow; falhar: AcaoWorkflow; interromper: AcaoWorkflow }> = {
  DOWNLOAD_FATURA: { iniciar: 'iniciar_download', emAndamento: 'DOWNLOAD_EM_ANDAMENTO', concluir: 'concluir_download', falhar: 'falhar_download', interromper: 'interromper_download' },
  UPLOAD_SAT: { iniciar: 'iniciar_envio_sat', emAndamento: 'ENVIANDO_SAT', concluir: 'concluir_envio_sat', falhar: 'falhar_envio_sat', interromper: 'interromper_envio_sat' },
};
