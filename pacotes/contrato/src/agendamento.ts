/** Agendamentos: tipos de rotina, política de disparo perdido, histórico e os padrões do legado. */

export const TipoAgendamento = {
  CRIAR_PROCESSOS_MENSAIS: 'CRIAR_PROCESSOS_MENSAIS',
  EXECUTAR_DOWNLOADS: 'EXECUTAR_DOWNLOADS',
  RETENTAR_DOWNLOADS: 'RETENTAR_DOWNLOADS',
  LER_EMAIL_AZUTON: 'LER_EMAIL_AZUTON',
  ENVIAR_RELATORIOS: 'ENVIAR_RELATORIOS',
} as const;
export type TipoAgendamento = (typeof TipoAgendamento)[keyof typeof TipoAgendamento];
export const TIPOS_AGENDAMENTO: readonly TipoAgendamento[] = Object.values(TipoAgendamento);

export const ROTULOS_TIPO_AGENDAMENTO: Readonly<Record<TipoAgendamento, string>> = {
  CRIAR_PROCESSOS_MENSAIS: 'Criar os processos do mês',
  EXECUTAR_DOWNLOADS: 'Disparar os downloads pendentes',
  RETENTAR_DOWNLOADS: 'Re-tentar os downloads que falharam por erro técnico',
  LER_EMAIL_AZUTON: 'Ler a caixa de e-mail da Azuton',
  ENVIAR_RELATORIOS: 'Avisos de vencimento e resumo do dia',
};

/** O que fazer com um disparo que caiu enquanto tudo estava fora do ar. */
export const PoliticaAtraso = { EXECUTAR_UMA_VEZ: 'EXECUTAR_UMA_VEZ', IGNORAR: 'IGNORAR' } as const;
export type PoliticaAtraso = (typeof PoliticaAtraso)[keyof typeof PoliticaAtraso];
export const POLITICAS_ATRASO: readonly PoliticaAtraso[] = Object.values(PoliticaAtraso);

export const StatusDisparo = {
  EM_ANDAMENTO: 'EM_ANDAMENTO',
  SUCESSO: 'SUCESSO',
  ERRO: 'ERRO',
  IGNORADO: 'IGNORADO',
} as const;
export type StatusDisparo = (typeof StatusDisparo)[keyof typeof StatusDisparo];

/** De onde veio o disparo: o relógio, a recuperação de um perdido ou o "executar agora". */
export const OrigemDisparo = {
  PROGRAMADO: 'PROGRAMADO',
  RECUPERADO: 'RECUPERADO',
  MANUAL: 'MANUAL',
} as const;
export type OrigemDisparo = (typeof OrigemDisparo)[keyof typeof OrigemDisparo];

export const FUSO_PADRAO_AGENDAMENTO = 'America/Sao_Paulo';

export interface AgendamentoPadrao {
  codigo_padrao: string;
  nome_agendamento: string;
  descricao: string;
  cron_expressao: string;
  tipo_agendamento: TipoAgendamento;
  parametros_execucao: Record<string, unknown>;
}

/** Rotinas do legado, criadas uma vez na primeira subida (a pessoa pode mudar, pausar ou apagar). */
export const AGENDAMENTOS_PADRAO: readonly AgendamentoPadrao[] = [
  {
    codigo_padrao: 'PROCESSOS_DO_MES',
    nome_agendamento: 'Processos do mês',
    descricao: 'Cria um processo por cliente ativo no dia 1, às 06:00.',
    cron_expressao: '0 6 1 * *',
    tipo_agendamento: 'CRIAR_PROCESSOS_MENSAIS',
    parametros_execucao: { competencia: 'ATUAL' },
  },
  {
    codigo_padrao: 'DOWNLOADS_DIARIOS',
    nome_agendamento: 'Downloads diários',
    descricao: 'Dispara os downloads pendentes do mês nos dias úteis, às 07:00.',
    cron_expressao: '0 7 * * 1-5',
    tipo_agendamento: 'EXECUTAR_DOWNLOADS',
    parametros_execucao: {},
  },
  {
    codigo_padrao: 'AVISOS_DIARIOS',
    nome_agendamento: 'Avisos e resumo do dia',
    descricao: 'Lembra as faturas que vencem em 3 e 1 dia sem aprovação e manda o resumo do dia, às 08:00.',
    cron_expressao: '0 8 * * *',
    tipo_agendamento: 'ENVIAR_RELATORIOS',
    parametros_execucao: {},
  },
];

export interface ItemAgendamento {
  documentId: string;
  nome_agendamento: string;
  tipo_agendamento: TipoAgendamento;
  cron_expressao: string;
  fuso_horario: string;
  status_ativo: boolean;
  politica_atraso: PoliticaAtraso;
  proxima_execucao: string | null;
  ultima_execucao: string | null;
  ultimo_status: StatusDisparo | null;
  ultimo_resultado: string | null;
}

export interface ItemDisparo {
  documentId: string;
  instante_programado: string;
  origem: OrigemDisparo;
  status: StatusDisparo;
  inicio: string | null;
  duracao_ms: number | null;
  instancia: string;
  resultado: string | null;
  erro: string | null;
}
