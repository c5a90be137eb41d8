import type { TipoExecucaoRobo } from './execucao.js';

/**
 * Máquina de estados única do processo: a tabela abaixo é a única fonte das transições.
 * Cada ação leva de um conjunto explícito de estados para exatamente um estado.
 */
export const EstadoProcesso = {
  AGUARDANDO_DOWNLOAD: 'AGUARDANDO_DOWNLOAD',
  DOWNLOAD_EM_ANDAMENTO: 'DOWNLOAD_EM_ANDAMENTO',
  AGUARDANDO_APROVACAO: 'AGUARDANDO_APROVACAO',
  APROVADA: 'APROVADA',
  ENVIANDO_SAT: 'ENVIANDO_SAT',
  ENVIADO_SAT: 'ENVIADO_SAT',
  FALHA_DOWNLOAD: 'FALHA_DOWNLOAD',
  FALHA_ENVIO_SAT: 'FALHA_ENVIO_SAT',
  CONFERIR_SAT: 'CONFERIR_SAT',
  REJEITADA: 'REJEITADA',
} as const;
export type EstadoProcesso = (typeof EstadoProcesso)[keyof typeof EstadoProcesso];
export const ESTADOS_PROCESSO: readonly EstadoProcesso[] = Object.values(EstadoProcesso);

export interface Transicao {
  readonly de: readonly EstadoProcesso[];
  readonly para: EstadoProcesso;
  readonly descricao: string;
}

export const TRANSICOES = {
  iniciar_download: {
    de: ['AGUARDANDO_DOWNLOAD'],
    para: 'DOWNLOAD_EM_ANDAMENTO',
    descricao: 'Robô começou o download',
  },
  concluir_download: {
    de: ['DOWNLOAD_EM_ANDAMENTO'],
    para: 'AGUARDANDO_APROVACAO',
    descricao: 'Robô baixou a fatura',
  },
  // De AGUARDANDO_DOWNLOAD: o reconciliador desiste depois de recriar o mesmo download várias vezes.
  falhar_download: {
    de: ['DOWNLOAD_EM_ANDAMENTO', 'AGUARDANDO_DOWNLOAD'],
    para: 'FALHA_DOWNLOAD',
    descricao: 'Download falhou',
  },
  interromper_download: {
    de: ['DOWNLOAD_EM_ANDAMENTO'],
    para: 'AGUARDANDO_DOWNLOAD',
    descricao: 'Download interrompido (robô ou fila caiu)',
  },
  registrar_upload_manual: {
    de: ['AGUARDANDO_DOWNLOAD', 'FALHA_DOWNLOAD'],
    para: 'AGUARDANDO_APROVACAO',
    descricao: 'Fatura enviada por upload manual',
  },
  receber_fatura_email: {
    de: ['AGUARDANDO_DOWNLOAD', 'FALHA_DOWNLOAD'],
    para: 'AGUARDANDO_APROVACAO',
    descricao: 'Fatura recebida por e-mail (robô da caixa de entrada)',
  },
  aprovar: { de: ['AGUARDANDO_APROVACAO'], para: 'APROVADA', descricao: 'Fatura aprovada' },
  rejeitar: { de: ['AGUARDANDO_APROVACAO'], para: 'REJEITADA', descricao: 'Fatura rejeitada' },
  iniciar_envio_sat: { de: ['APROVADA'], para: 'ENVIANDO_SAT', descricao: 'Robô do SAT começou o envio' },
  concluir_envio_sat: { de: ['ENVIANDO_SAT'], para: 'ENVIADO_SAT', descricao: 'Fatura registrada no SAT' },
  falhar_envio_sat: {
    de: ['ENVIANDO_SAT', 'APROVADA'],
    para: 'FALHA_ENVIO_SAT',
    descricao: 'Envio ao SAT falhou',
  },
  // Depois do clique final no SAT nada se repete sozinho: uma pessoa confere se a fatura entrou.
  conferir_envio_sat: {
    de: ['ENVIANDO_SAT'],
    para: 'CONFERIR_SAT',
    descricao: 'Envio ao SAT interrompido depois do clique final: conferir no SAT',
  },
  confirmar_envio_sat: {
    de: ['CONFERIR_SAT'],
    para: 'ENVIADO_SAT',
    descricao: 'Pessoa conferiu: a fatura está no SAT',
  },
  interromper_envio_sat: {
    de: ['ENVIANDO_SAT'],
    para: 'APROVADA',
    descricao: 'Envio ao SAT interrompido (robô ou fila caiu)',
  },
  reenviar_sat: {
    de: ['FALHA_ENVIO_SAT', 'CONFERIR_SAT'],
    para: 'APROVADA',
    descricao: 'Novo envio ao SAT da fatura já aprovada',
  },
  reabrir: {
    de: ['REJEITADA', 'FALHA_DOWNLOAD', 'FALHA_ENVIO_SAT'],
    para: 'AGUARDANDO_DOWNLOAD',
    descricao: 'Processo reaberto para nova tentativa',
  },
} as const satisfies Record<string, Transicao>;

export type AcaoWorkflow = keyof typeof TRANSICOES;

export const ACOES_WORKFLOW = Object.keys(TRANSICOES) as AcaoWorkflow[];

/** Estados sem saída: nada os sobrescreve. */
export const ESTADOS_TERMINAIS: readonly EstadoProcesso[] = ESTADOS_PROCESSO.filter((estado) =>
  ACOES_WORKFLOW.every((acao) => !(TRANSICOES[acao].de as readonly string[]).includes(estado))
);

export const ehEstado = (valor: unknown): valor is EstadoProcesso =>
  ESTADOS_PROCESSO.includes(valor as EstadoProcesso);

/** A ação é permitida a partir deste estado? */
export const acaoPermitida = (acao: AcaoWorkflow, de: EstadoProcesso): boolean =>
  (TRANSICOES[acao].de as readonly string[]).includes(de);

/** Pares (de → para) alcançáveis por alguma ação. */
export const transicaoExiste = (de: EstadoProcesso, para: EstadoProcesso): boolean =>
  ACOES_WORKFLOW.some((acao) => TRANSICOES[acao].para === para && acaoPermitida(acao, de));

/** Ações disponíveis num estado (para a UI mostrar só o que é possível). */
export const acoesDisponiveis = (estado: EstadoProcesso): AcaoWorkflow[] =>
  ACOES_WORKFLOW.filter((acao) => acaoPermitida(acao, estado));

/** Ações que uma pessoa dispara pelo painel (o resto é dos robôs), cada uma ligada à transição que ela pede. */
export const ACOES_PAINEL = {
  executar_download: 'iniciar_download',
  upload_manual: 'registrar_upload_manual',
  aprovar: 'aprovar',
  reabrir: 'reabrir',
  reenviar_sat: 'reenviar_sat',
  confirmar_envio_sat: 'confirmar_envio_sat',
} as const satisfies Record<string, AcaoWorkflow>;
export type AcaoPainel = keyof typeof ACOES_PAINEL;

/**
 * Ações do painel possíveis neste estado (da tabela acima); o download exige operadora com robô que
 * baixa por processo (a fatura de quem recebe por e-mail vem da leitura da caixa).
 */
export const acoesDoPainel = (estado: EstadoProcesso, possuiRpa: boolean): AcaoPainel[] =>
  (Object.keys(ACOES_PAINEL) as AcaoPainel[]).filter(
    (acao) => acaoPermitida(ACOES_PAINEL[acao], estado) && (acao !== 'executar_download' || possuiRpa)
  );

/** Como cada execução de robô move o processo: início, estado em andamento, sucesso, falha e interrupção. */
export interface AcoesDoRobo {
  iniciar: AcaoWorkflow;
  emAndamento: EstadoProcesso;
  concluir: AcaoWorkflow;
  falhar: AcaoWorkflow;
  interromper: AcaoWorkflow;
  /** Falha depois do ponto sem retorno (o robô já submeteu): uma pessoa confere, nada se repete sozinho. */
  conferir?: AcaoWorkflow;
}

export const ACOES_ROBO: Readonly<Record<TipoExecucaoRobo, AcoesDoRobo>> = {
  DOWNLOAD_FATURA: {
    iniciar: 'iniciar_download',
    emAndamento: 'DOWNLOAD_EM_ANDAMENTO',
    concluir: 'concluir_download',
    falhar: 'falhar_download',
    interromper: 'interromper_download',
  },
  UPLOAD_SAT: {
    iniciar: 'iniciar_envio_sat',
    emAndamento: 'ENVIANDO_SAT',
    concluir: 'concluir_envio_sat',
    falhar: 'falhar_envio_sat',
    interromper: 'interromper_envio_sat',
    conferir: 'conferir_envio_sat',
  },
};

/** Estados em que a fatura do mês ainda não foi aprovada (as pendências do dashboard). */
export const ESTADOS_PENDENTES: readonly EstadoProcesso[] = [
  'AGUARDANDO_DOWNLOAD',
  'DOWNLOAD_EM_ANDAMENTO',
  'FALHA_DOWNLOAD',
  'AGUARDANDO_APROVACAO',
  'REJEITADA',
];
