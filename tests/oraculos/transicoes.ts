/**
 * Oráculo das transições, escrito à mão e independente de `pacotes/contrato/src/processo.ts`:
 * cada linha é "estado de origem → ação → estado de destino". O que não está aqui é proibido.
 */
export const TRANSICOES_ESPERADAS: ReadonlyArray<readonly [string, string, string]> = [
  ['AGUARDANDO_DOWNLOAD', 'iniciar_download', 'DOWNLOAD_EM_ANDAMENTO'],
  ['AGUARDANDO_DOWNLOAD', 'registrar_upload_manual', 'AGUARDANDO_APROVACAO'],
  ['DOWNLOAD_EM_ANDAMENTO', 'concluir_download', 'AGUARDANDO_APROVACAO'],
  ['DOWNLOAD_EM_ANDAMENTO', 'falhar_download', 'FALHA_DOWNLOAD'],
  ['AGUARDANDO_DOWNLOAD', 'falhar_download', 'FALHA_DOWNLOAD'],
  ['DOWNLOAD_EM_ANDAMENTO', 'interromper_download', 'AGUARDANDO_DOWNLOAD'],
  ['FALHA_DOWNLOAD', 'registrar_upload_manual', 'AGUARDANDO_APROVACAO'],
  ['AGUARDANDO_DOWNLOAD', 'receber_fatura_email', 'AGUARDANDO_APROVACAO'],
  ['FALHA_DOWNLOAD', 'receber_fatura_email', 'AGUARDANDO_APROVACAO'],
  ['FALHA_DOWNLOAD', 'reabrir', 'AGUARDANDO_DOWNLOAD'],
  ['AGUARDANDO_APROVACAO', 'aprovar', 'APROVADA'],
  ['AGUARDANDO_APROVACAO', 'rejeitar', 'REJEITADA'],
  ['REJEITADA', 'reabrir', 'AGUARDANDO_DOWNLOAD'],
  ['APROVADA', 'iniciar_envio_sat', 'ENVIANDO_SAT'],
  ['ENVIANDO_SAT', 'concluir_envio_sat', 'ENVIADO_SAT'],
  ['ENVIANDO_SAT', 'falhar_envio_sat', 'FALHA_ENVIO_SAT'],
  ['ENVIANDO_SAT', 'interromper_envio_sat', 'APROVADA'],
  ['APROVADA', 'falhar_envio_sat', 'FALHA_ENVIO_SAT'],
  ['ENVIANDO_SAT', 'conferir_envio_sat', 'CONFERIR_SAT'],
  ['CONFERIR_SAT', 'confirmar_envio_sat', 'ENVIADO_SAT'],
  ['CONFERIR_SAT', 'reenviar_sat', 'APROVADA'],
  ['FALHA_ENVIO_SAT', 'reenviar_sat', 'APROVADA'],
  ['FALHA_ENVIO_SAT', 'reabrir', 'AGUARDANDO_DOWNLOAD'],
];

export const ESTADOS_ESPERADOS = [
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
];

export const ACOES_ESPERADAS = [...new Set(TRANSICOES_ESPERADAS.map(([, acao]) => acao))].sort();

/** Destino esperado de (estado, ação), ou null quando a ação é proibida nesse estado. */
export const destinoEsperado = (estado: string, acao: string): string | null =>
  TRANSICOES_ESPERADAS.find(([de, a]) => de === estado && a === acao)?.[2] ?? null;

/** Todos os pares estado × ação, permitidos e proibidos. */
export const todosOsPares = (): Array<[string, string]> =>
  ESTADOS_ESPERADOS.flatMap((estado) => ACOES_ESPERADAS.map((acao): [string, string] => [estado, acao]));
