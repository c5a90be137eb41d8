import { ErroCanal } from './tipos';

/** Espera pedida pelo servidor em `Retry-After` (segundos ou data HTTP), em ms. */
export const esperaDoCabecalho = (valor: string | null): number | null => {
  if (!valor) return null;
  const segundos = Number(valor);
  if (Number.isFinite(segundos) && segundos >= 0) return segundos * 1000;
  const data = Date.parse(valor);
  return Number.isNaN(data) ? null : Math.max(0, data - Date.now());
};

export interface RespostaHttp {
  status: number;
  cabecalhos: Headers;
  texto: string;
  json: unknown;
}

/**
 * Chamada HTTP a um canal com tempo limite. Falha de rede ou tempo esgotado vira erro técnico; a
 * mensagem cita só o canal (a URL do Telegram leva o token, então nunca entra em erro nem log).
 */
export const chamar = async (
  rotulo: string,
  url: string,
  init: RequestInit,
  tempoLimiteMs: number
): Promise<RespostaHttp> => {
  let resposta: Response;
  try {
    resposta = await fetch(url, { ...init, signal: AbortSignal.timeout(tempoLimiteMs) });
  } catch (erro) {
    const tempo = (erro as Error).name === 'TimeoutError';
    throw new ErroCanal(
      tempo
        ? `${rotulo} não respondeu em ${Math.round(tempoLimiteMs / 1000)} s.`
        : `${rotulo} inalcançável (falha de rede).`,
      false
    );
  }
  const texto = await resposta.text();
  let json: unknown = null;
  try {
    json = texto ? JSON.parse(texto) : null;
  } catch {
    json = null;
  }
  return { status: resposta.status, cabecalhos: resposta.headers, texto, json };
};

/** 429 e 5xx: técnicos (com a espera pedida); o resto das falhas HTTP é decidido por canal. */
export const erroTecnicoHttp = (rotulo: string, resposta: RespostaHttp): ErroCanal | null => {
  if (resposta.status === 429)
    return new ErroCanal(
      `${rotulo} pediu para esperar (429, limite de envio).`,
      false,
      esperaDoCabecalho(resposta.cabecalhos.get('retry-after'))
    );
  if (resposta.status >= 500)
    return new ErroCanal(`${rotulo} respondeu ${resposta.status} (erro do servidor).`, false);
  return null;
};

/** Trecho curto e seguro de uma resposta de erro, para a mensagem em português. */
export const trecho = (valor: unknown): string => {
  const texto = typeof valor === 'string' ? valor : JSON.stringify(valor ?? '');
  return texto.length > 200 ? `${texto.slice(0, 200)}…` : texto;
};
