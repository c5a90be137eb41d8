import type { CanalNotificacao, EstadoCanal } from '@orquestrador-rpa/contrato';

/** O que um canal recebe para enviar: o texto já composto e, se houver, a fatura. */
export interface MensagemCanal {
  destino: string;
  assunto: string;
  texto: string;
  anexo: { nome: string; conteudo: Buffer } | null;
}

export interface ResultadoEnvio {
  /** Id da mensagem no provedor (Message-ID, id do WhatsApp, message_id, ts do Slack). */
  idExterno: string | null;
}

/**
 * Falha de envio classificada: definitiva (número sem WhatsApp, chat inexistente, token inválido —
 * repetir não adianta) ou técnica (rede, 5xx, 429 — repetir depois, respeitando `esperarMs`).
 * A mensagem é em português e nunca leva token, senha ou chave.
 */
export class ErroCanal extends Error {
  constructor(
    mensagem: string,
    readonly definitivo: boolean,
    readonly esperarMs: number | null = null
  ) {
    super(mensagem);
    this.name = 'ErroCanal';
  }
}

export interface Canal {
  readonly canal: CanalNotificacao;
  /** Anexa a fatura (e-mail, WhatsApp, Telegram); o Slack leva só o link. */
  readonly aceitaAnexo: boolean;
  estado(): EstadoCanal;
  enviar(mensagem: MensagemCanal): Promise<ResultadoEnvio>;
}
