/**
 * Faturas que chegam por e-mail (Azuton): o Strapi enfileira uma leitura da caixa; o worker lê as
 * mensagens, baixa boleto e fatura e entrega cada uma ao Strapi, que casa com o processo do mês.
 * Idempotente pelo id da mensagem: entregar de novo não anexa duas vezes.
 */

/** Fila BullMQ das leituras de caixa (um job por ciclo). */
export const FILA_LEITURA_EMAIL = 'leitura-email';

/** Dados do job de leitura: só identificadores (as credenciais da caixa ficam no ambiente do worker). */
export interface TrabalhoLeituraEmail {
  id_leitura: string;
  operadora_codigo: string;
  /** Token assinado pelo Strapi só para esta leitura (cabeçalho `X-Token-Execucao`). */
  token_leitura: string;
}

/** Id de uma leitura: o código da operadora e um sufixo único (o token assinado cobre os dois). */
export const idLeituraEmail = (operadora: string, unico: string): string => `${operadora}-${unico}`;
export const operadoraDaLeitura = (idLeitura: string): string => idLeitura.split('-')[0] ?? '';

/** Caminho das mensagens de uma leitura (sem o prefixo `/api`); com `idMensagem`, a consulta de uma. */
export const caminhoMensagensEmail = (idLeitura = ':id', idMensagem?: string): string =>
  `/robo/leituras-email/${idLeitura === ':id' ? idLeitura : encodeURIComponent(idLeitura)}/mensagens` +
  (idMensagem === undefined
    ? ''
    : `/${idMensagem === ':mensagem' ? idMensagem : encodeURIComponent(idMensagem)}`);

/** O que aconteceu com uma mensagem entregue (gravado junto com o id dela). */
export const SituacaoMensagemEmail = {
  ANEXADA: 'ANEXADA',
  CLIENTE_DESCONHECIDO: 'CLIENTE_DESCONHECIDO',
  SEM_PROCESSO: 'SEM_PROCESSO',
  PROCESSO_COM_FATURA: 'PROCESSO_COM_FATURA',
  RECUSADA: 'RECUSADA',
} as const;
export type SituacaoMensagemEmail = (typeof SituacaoMensagemEmail)[keyof typeof SituacaoMensagemEmail];
export const SITUACOES_MENSAGEM_EMAIL = Object.values(SituacaoMensagemEmail);

/** Campos do multipart da entrega: `mensagem` (JSON de `MensagemEmailLida`) e `fatura` (boleto + fatura em PDF). */
export const CAMPOS_MENSAGEM_EMAIL = { MENSAGEM: 'mensagem', FATURA: 'fatura' } as const;

/** O que o robô leu do e-mail e da página do boleto. */
export interface MensagemEmailLida {
  /** `Message-ID` do cabeçalho (ou, sem ele, a pasta, o UIDVALIDITY e o UID da caixa). */
  id_mensagem: string;
  remetente: string;
  assunto: string;
  recebida_em: string | null;
  /** Nome do cliente no e-mail ("Olá <b>…</b>"). */
  cliente: string | null;
  /** CNPJ do pagador na página do boleto, só dígitos. */
  cnpj: string;
  numero_fatura: string | null;
  /** AAAA-MM-DD. */
  data_vencimento: string | null;
  valor_fatura: number | null;
}

/**
 * Mensagem que o robô recusou sem baixar nada (remetente, autenticação, não é e-mail de fatura):
 * vai ao registro com o motivo, na mesma rota da entrega, sem PDF.
 */
export interface MensagemEmailRecusada {
  /** `recusada:` + pasta, UIDVALIDITY e UID (nunca o Message-ID, que quem forja escolhe). */
  id_mensagem: string;
  remetente: string;
  assunto: string;
  recebida_em: string | null;
  /** O motivo, sem dados sensíveis (nem links nem o corpo do e-mail). */
  recusa: string;
}

export interface RespostaMensagemEmail {
  id_mensagem: string;
  situacao: SituacaoMensagemEmail;
  motivo: string;
  processo: string | null;
  /** A mensagem já tinha sido entregue antes (nada mudou agora). */
  ja_registrada: boolean;
}

/** `GET` de uma mensagem: `null` se nunca foi entregue (o robô então baixa e entrega). */
export type ConsultaMensagemEmail = RespostaMensagemEmail | null;
