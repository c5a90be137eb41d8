/**
 * Máquina de estados única do processo: a tabela abaixo é a única fonte das transições.
 * Cada ação leva de um conjunto explícito de estados para exatamente um estado.
 */
export const ESTADOS_PROCESSO = [
  'AGUARDANDO_DOWNLOAD',
  'DOWNLOAD_EM_ANDAMENTO',
  'AGUARDANDO_APROVACAO',
  'APROVADA',
  'ENVIANDO_SAT',
  'ENVIADO_SAT',
  'FALHA_DOWNLOAD',
  'FALHA_ENVIO_SAT',
  'CONFERIR_SAT',
  'REJEITADA',
] as const;

export type EstadoProcesso = (typeof ESTADOS_PROCESSO)[number];

export interface Transicao {
  readonly de: readonly EstadoProcesso[];
  readonly para: EstadoProcesso;
  readonly descricao: string;
}

export const TRANSICOES = {
  iniciar_download: { de: ['AGUARDANDO_DOWNLOAD'], para: 'DOWNLOAD_EM_ANDAMENTO', descricao: 'Robô começou o download' },
  concluir_download: { de: ['DOWNLOAD_EM_ANDAMENTO'], para: 'AGUARDANDO_APROVACAO', descricao: 'Robô baixou a fatura' },
  // De AGUARDANDO_DOWNLOAD: o reconciliador desiste depois de recriar o mesmo download várias vezes.
  falhar_download: { de: ['DOWNLOAD_EM_ANDAMENTO', 'AGUARDANDO_DOWNLOAD'], para: 'FALHA_DOWNLOAD', descricao: 'Download falhou' },
  interromper_download: { de: ['DOWNLOAD_EM_ANDAMENTO'], para: 'AGUARDANDO_DOWNLOAD', descricao: 'Download interrompido (robô ou fila caiu)' },
  registrar_upload_manual: { de: ['AGUARDANDO_DOWNLOAD', 'FALHA_DOWNLOAD'], para: 'AGUARDANDO_APROVACAO', descricao: 'Fatura enviada por upload manual' },
  aprovar: { de: ['AGUARDANDO_APROVACAO'], para: 'APROVADA', descricao: 'Fatura aprovada' },
  rejeitar: { de: ['AGUARDANDO_APROVACAO'], para: 'REJEITADA', descricao: 'Fatura rejeitada' },
  iniciar_envio_sat: { de: ['APROVADA'], para: 'ENVIANDO_SAT', descricao: 'Robô do SAT começou o envio' },
  concluir_envio_sat: { de: ['ENVIANDO_SAT'], para: 'ENVIADO_SAT', descricao: 'Fatura registrada no SAT' },
  falhar_envio_sat: { de: ['ENVIANDO_SAT', 'APROVADA'], para: 'FALHA_ENVIO_SAT', descricao: 'Envio ao SAT falhou' },
  // Depois do clique final no SAT nada se repete sozinho: uma pessoa confere se a fatura entrou.
  conferir_envio_sat: { de: ['ENVIANDO_SAT'], para: 'CONFERIR_SAT', descricao: 'Envio ao SAT interrompido depois do clique final: conferir no SAT' },
  confirmar_envio_sat: { de: ['CONFERIR_SAT'], para: 'ENVIADO_SAT', descricao: 'Pessoa conferiu: a fatura está no SAT' },
  interromper_envio_sat: { de: ['ENVIANDO_SAT'], para: 'APROVADA', descricao: 'Envio ao SAT interrompido (robô ou fila caiu)' },
  reenviar_sat: { de: ['FALHA_ENVIO_SAT', 'CONFERIR_SAT'], para: 'APROVADA', descricao: 'Novo envio ao SAT da fatura já aprovada' },
  reabrir: { de: ['REJEITADA', 'FALHA_DOWNLOAD', 'FALHA_ENVIO_SAT'], para: 'AGUARDANDO_DOWNLOAD', descricao: 'Processo reaberto para nova tentativa' },
} as const satisfies Record<string, Transicao>;

export type AcaoWorkflow = keyof typeof TRANSICOES;

export const ACOES_WORKFLOW = Object.keys(TRANSICOES) as AcaoWorkflow[];

/** Estados sem saída: nada os sobrescreve. */
export const ESTADOS_TERMINAIS: readonly EstadoProcesso[] = ESTADOS_PROCESSO.filter((estado) =>
  ACOES_WORKFLOW.every((acao) => !(TRANSICOES[acao].de as readonly string[]).includes(estado))
);

export const ehEstado = (valor: unknown): valor is EstadoProcesso => ESTADOS_PROCESSO.includes(valor as EstadoProcesso);

/** A ação é permitida a partir deste estado? */
export const acaoPermitida = (acao: AcaoWorkflow, de: EstadoProcesso): boolean => (TRANSICOES[acao].de as readonly string[]).includes(de);

/** Pares (de → para) alcançáveis por alguma ação. */
export const transicaoExiste = (de: EstadoProcesso, para: EstadoProcesso): boolean =>
  ACOES_WORKFLOW.some((acao) => TRANSICOES[acao].para === para && acaoPermitida(acao, de));

/** Ações disponíveis num estado (para a UI mostrar só o que é possível). */
export const acoesDisponiveis = (estado: EstadoProcesso): AcaoWorkflow[] => ACOES_WORKFLOW.filter((acao) => acaoPermitida(acao, estado));

/** Ações que uma pessoa dispara pelo painel (o resto é dos robôs). */
export type AcaoPainel = 'executar_download' | 'upload_manual' | 'aprovar' | 'reabrir' | 'reenviar_sat' | 'confirmar_envio_sat';

/** Ações do painel possíveis neste estado (da tabela acima); o download exige operadora com robô homologado. */
export const acoesDoPainel = (estado: EstadoProcesso, possuiRpa: boolean): AcaoPainel[] => {
  const acoes: AcaoPainel[] = [];
  if (acaoPermitida('iniciar_download', estado) && possuiRpa) acoes.push('executar_download');
  if (acaoPermitida('registrar_upload_manual', estado)) acoes.push('upload_manual');
  if (acaoPermitida('aprovar', estado)) acoes.push('aprovar');
  if (acaoPermitida('reabrir', estado)) acoes.push('reabrir');
  if (acaoPermitida('reenviar_sat', estado)) acoes.push('reenviar_sat');
  if (acaoPermitida('confirmar_envio_sat', estado)) acoes.push('confirmar_envio_sat');
  return acoes;
};
