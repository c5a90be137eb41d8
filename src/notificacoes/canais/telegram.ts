import type { ConfiguracaoOrquestrador } from '../../configuracao';
import { chamar, erroTecnicoHttp } from './http';
import { ErroCanal, type Canal } from './tipos';

const ROTULO = 'Telegram';
/** Limite da legenda de um documento no Telegram; texto maior vai como mensagem (só o link). */
const LIMITE_LEGENDA = 1024;

interface RespostaTelegram {
  ok?: boolean;
  description?: string;
  result?: { message_id?: number };
  parameters?: { retry_after?: number };
}

/**
 * Telegram Bot API: `sendMessage` (JSON) ou `sendDocument` (multipart, a fatura como arquivo).
 * A URL leva o token (`/bot<token>/…`): nenhuma mensagem de erro a repete.
 */
export const canalTelegram = (config: ConfiguracaoOrquestrador['canais'], tempoLimiteMs: number): Canal => {
  const { url, token } = config.telegram;
  return {
    canal: 'TELEGRAM',
    aceitaAnexo: true,
    estado: () => ({
      canal: 'TELEGRAM',
      configurado: !!token,
      faltando: token ? [] : ['TELEGRAM_BOT_TOKEN'],
    }),
    async enviar({ destino, texto, anexo }) {
      const metodo = anexo && texto.length <= LIMITE_LEGENDA ? 'sendDocument' : 'sendMessage';
      let init: RequestInit;
      if (metodo === 'sendDocument') {
        const formulario = new FormData();
        formulario.set('chat_id', destino);
        formulario.set('caption', texto);
        formulario.set('document', new Blob([anexo!.conteudo], { type: 'application/pdf' }), anexo!.nome);
        init = { method: 'POST', body: formulario };
      } else {
        init = {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            chat_id: destino,
            text: texto,
            link_preview_options: { is_disabled: true },
          }),
        };
      }
      const resposta = await chamar(
        ROTULO,
        `${url.replace(/\/+$/, '')}/bot${token}/${metodo}`,
        init,
        tempoLimiteMs
      );
      const corpo = (resposta.json ?? {}) as RespostaTelegram;
      if (resposta.status === 200 && corpo.ok)
        return { idExterno: String(corpo.result?.message_id ?? '') || null };
      if (resposta.status === 429) {
        const segundos = corpo.parameters?.retry_after;
        throw new ErroCanal(
          'O Telegram pediu para esperar (429, limite de envio).',
          false,
          typeof segundos === 'number' ? segundos * 1000 : null
        );
      }
      const tecnico = erroTecnicoHttp(ROTULO, resposta);
      if (tecnico) throw tecnico;
      const descricao = corpo.description ?? `HTTP ${resposta.status}`;
      if (resposta.status === 401 || resposta.status === 404)
        throw new ErroCanal('O Telegram recusou o token do bot: confira TELEGRAM_BOT_TOKEN.', true);
      if (/chat not found/i.test(descricao))
        throw new ErroCanal(`O chat ${destino} não existe para o bot (chat not found).`, true);
      if (resposta.status === 403)
        throw new ErroCanal(`O bot não pode escrever no chat ${destino} (bloqueado ou removido).`, true);
      throw new ErroCanal(`O Telegram recusou a mensagem (${resposta.status}): ${descricao}`, true);
    },
  };
};
