/** Notificações: canais, eventos, estados da caixa de saída e padrões por perfil. */

export const CanalNotificacao = {
  EMAIL: 'EMAIL',
  WHATSAPP: 'WHATSAPP',
  TELEGRAM: 'TELEGRAM',
  SLACK: 'SLACK',
} as const;
export type CanalNotificacao = (typeof CanalNotificacao)[keyof typeof CanalNotificacao];
export const CANAIS_NOTIFICACAO: readonly CanalNotificacao[] = Object.values(CanalNotificacao);

export const EventoNotificacao = {
  AGUARDANDO_APROVACAO: 'AGUARDANDO_APROVACAO',
  REJEITADA: 'REJEITADA',
  ENVIADA_SAT: 'ENVIADA_SAT',
  FALHA_DOWNLOAD: 'FALHA_DOWNLOAD',
  FALHA_ENVIO_SAT: 'FALHA_ENVIO_SAT',
  CONFERIR_SAT: 'CONFERIR_SAT',
  VENCIMENTO_PROXIMO: 'VENCIMENTO_PROXIMO',
  RESUMO_DIARIO: 'RESUMO_DIARIO',
  TESTE: 'TESTE',
  /** Alerta de segurança: senha, e-mail, papel ou destino de notificação mudado por outra pessoa. */
  CONTA_ALTERADA: 'CONTA_ALTERADA',
} as const;
export type EventoNotificacao = (typeof EventoNotificacao)[keyof typeof EventoNotificacao];
export const EVENTOS_NOTIFICACAO: readonly EventoNotificacao[] = Object.values(EventoNotificacao);

/** Eventos que uma pessoa pode assinar (o de teste é só do painel; o alerta de conta sempre chega). */
export const EVENTOS_ASSINAVEIS: readonly EventoNotificacao[] = EVENTOS_NOTIFICACAO.filter(
  (evento) => evento !== 'TESTE' && evento !== 'CONTA_ALTERADA'
);

export const ROTULOS_EVENTO: Readonly<Record<EventoNotificacao, string>> = {
  AGUARDANDO_APROVACAO: 'Fatura aguardando aprovação',
  REJEITADA: 'Fatura rejeitada',
  ENVIADA_SAT: 'Fatura aprovada e enviada ao SAT',
  FALHA_DOWNLOAD: 'Download da fatura falhou',
  FALHA_ENVIO_SAT: 'Envio ao SAT falhou',
  CONFERIR_SAT: 'Envio ao SAT a conferir',
  VENCIMENTO_PROXIMO: 'Fatura vencendo sem aprovação',
  RESUMO_DIARIO: 'Resumo do dia',
  TESTE: 'Mensagem de teste',
  CONTA_ALTERADA: 'Conta alterada por outra pessoa',
};

/**
 * Estados de uma mensagem na caixa de saída. CONFERIR: o envio começou e o servidor caiu antes da
 * resposta — pode ter saído; nada se reenvia sozinho (para não duplicar), uma pessoa decide.
 */
export const StatusNotificacao = {
  PENDENTE: 'PENDENTE',
  ENVIANDO: 'ENVIANDO',
  ENVIADO: 'ENVIADO',
  FALHOU: 'FALHOU',
  CONFERIR: 'CONFERIR',
} as const;
export type StatusNotificacao = (typeof StatusNotificacao)[keyof typeof StatusNotificacao];
export const STATUS_NOTIFICACAO: readonly StatusNotificacao[] = Object.values(StatusNotificacao);

/** Quem recebe o quê sem ter escolhido nada (a pessoa muda em `eventos_notificacao`). */
export const EVENTOS_PADRAO_POR_PERFIL: Readonly<Record<string, readonly EventoNotificacao[]>> = {
  ADMINISTRADOR: ['FALHA_DOWNLOAD', 'FALHA_ENVIO_SAT', 'CONFERIR_SAT', 'RESUMO_DIARIO'],
  APROVADOR: ['AGUARDANDO_APROVACAO', 'VENCIMENTO_PROXIMO', 'RESUMO_DIARIO'],
  OPERADOR: ['REJEITADA', 'FALHA_DOWNLOAD', 'FALHA_ENVIO_SAT', 'CONFERIR_SAT'],
};

/** Perfis que podem assinar cada evento (aprovar pelo link exige quem aprova). */
export const PERFIS_DO_EVENTO: Readonly<Record<EventoNotificacao, readonly string[]>> = {
  AGUARDANDO_APROVACAO: ['APROVADOR', 'ADMINISTRADOR'],
  VENCIMENTO_PROXIMO: ['APROVADOR', 'ADMINISTRADOR'],
  REJEITADA: ['OPERADOR', 'ADMINISTRADOR', 'APROVADOR'],
  ENVIADA_SAT: ['OPERADOR', 'ADMINISTRADOR', 'APROVADOR'],
  FALHA_DOWNLOAD: ['OPERADOR', 'ADMINISTRADOR'],
  FALHA_ENVIO_SAT: ['OPERADOR', 'ADMINISTRADOR'],
  CONFERIR_SAT: ['OPERADOR', 'ADMINISTRADOR'],
  RESUMO_DIARIO: ['OPERADOR', 'ADMINISTRADOR', 'APROVADOR'],
  TESTE: ['OPERADOR', 'ADMINISTRADOR', 'APROVADOR'],
  CONTA_ALTERADA: ['OPERADOR', 'ADMINISTRADOR', 'APROVADOR'],
};

/** Canal usado por quem não escolheu: o e-mail, que toda pessoa cadastrada tem. */
export const CANAIS_PADRAO: readonly CanalNotificacao[] = ['EMAIL'];

/** Dias antes do vencimento em que uma fatura ainda sem aprovação é lembrada. */
export const DIAS_AVISO_VENCIMENTO: readonly number[] = [3, 1];

/** Estado de um canal no painel: configurado pelas variáveis de ambiente ou desligado. */
export interface EstadoCanal {
  canal: CanalNotificacao;
  configurado: boolean;
  /** Variáveis que faltam (só os nomes; nunca valores). */
  faltando: string[];
}

export interface ItemNotificacao {
  documentId: string;
  evento: EventoNotificacao | null;
  tipo_notificacao: CanalNotificacao;
  destinatario: string;
  assunto: string | null;
  status_envio: StatusNotificacao;
  tentativas_envio: number;
  data_envio: string | null;
  proxima_tentativa: string | null;
  mensagem_erro: string | null;
  createdAt: string;
  processo: { documentId: string; mes_ano: string } | null;
}

/** Fila BullMQ das notificações (o job leva só o documentId da linha da caixa de saída). */
export const FILA_NOTIFICACOES = 'notificacoes';
