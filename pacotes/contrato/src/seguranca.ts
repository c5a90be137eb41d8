/**
 * Alterações sensíveis numa conta que decide (aprova ou rejeita), feitas por outra pessoa: ficam
 * na auditoria, avisam a pessoa e os administradores e abrem uma carência para aprovar, que acaba
 * no prazo ou quando um segundo administrador confirma.
 */
export const TipoAlteracaoSensivel = {
  CONTA_CRIADA: 'CONTA_CRIADA',
  CONTA_REATIVADA: 'CONTA_REATIVADA',
  SENHA_TROCADA: 'SENHA_TROCADA',
  EMAIL_TROCADO: 'EMAIL_TROCADO',
  PAPEL_QUE_DECIDE: 'PAPEL_QUE_DECIDE',
  DESTINOS_ALTERADOS: 'DESTINOS_ALTERADOS',
  LOGIN_VINCULADO: 'LOGIN_VINCULADO',
} as const;
export type TipoAlteracaoSensivel = (typeof TipoAlteracaoSensivel)[keyof typeof TipoAlteracaoSensivel];

export const ROTULOS_ALTERACAO_SENSIVEL: Readonly<Record<TipoAlteracaoSensivel, string>> = {
  CONTA_CRIADA: 'conta criada',
  CONTA_REATIVADA: 'conta reativada',
  SENHA_TROCADA: 'senha trocada',
  EMAIL_TROCADO: 'e-mail de login trocado',
  PAPEL_QUE_DECIDE: 'papel que aprova atribuído',
  DESTINOS_ALTERADOS: 'destinos das notificações alterados',
  LOGIN_VINCULADO: 'login vinculado ao cadastro',
};

/** Ações da auditoria da carência (a trilha é a fonte: nada de estado à parte). */
export const ACAO_ALTERACAO_SENSIVEL = 'pessoa.alteracao_sensivel';
export const ACAO_CONTA_CONFIRMADA = 'pessoa.alteracao_confirmada';

/** Uma carência em curso, como o painel a lista. */
export interface ItemCarencia {
  /** documentId do registro de auditoria da alteração. */
  alteracao: string;
  identidade: string;
  pessoa: string;
  tipos: TipoAlteracaoSensivel[];
  alterado_por: string;
  alterado_em: string;
  libera_em: string;
}
