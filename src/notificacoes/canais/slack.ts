import type { ConfiguracaoOrquestrador } from '../../configuracao';
import { chamar, erroTecnicoHttp, trecho } from './http';
import { ErroCanal, type Canal } from './tipos';

const ROTULO = 'Slack';
/** Destino gravado quando a pessoa não informou canal: serve ao webhook (que tem canal fixo). */
export const DESTINO_WEBHOOK_SLACK = '(webhook do Slack)';
/** Erros do Slack que passam repetindo mais tarde. */
const TECNICOS = new Set([
  'ratelimited',
  'rate_limited',
  'fatal_error',
  'internal_error',
  'service_unavailable',
  'request_timeout',
]);

/**
 * Slack: `chat.postMessage` com o token do bot (resposta sempre 200: o que vale é `ok`) ou o
 * webhook de entrada (`SLACK_WEBHOOK_URL`, resposta em texto). Só o link: o Slack não leva a fatura.
 */
export const canalSlack = (config: ConfiguracaoOrquestrador['canais'], tempoLimiteMs: number): Canal => {
  const { url, token, webhook } = config.slack;
  return {
    canal: 'SLACK',
    aceitaAnexo: false,
    estado: () => ({
      canal: 'SLACK',
      configurado: !!(token || webhook),
      faltando: token || webhook ? [] : ['SLACK_BOT_TOKEN ou SLACK_WEBHOOK_URL'],
    }),
    async enviar({ destino, texto }) {
      if (!token) {
        const resposta = await chamar(
          ROTULO,
          webhook!,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ text: texto }),
          },
          tempoLimiteMs
        );
        if (resposta.status === 200) return { idExterno: null };
        throw (
          erroTecnicoHttp(ROTULO, resposta) ??
          new ErroCanal(
            `O webhook do Slack recusou a mensagem (${resposta.status}): ${trecho(resposta.texto)}`,
            true
          )
        );
      }
      if (!destino || destino === DESTINO_WEBHOOK_SLACK)
        throw new ErroCanal('Slack: a pessoa não informou o canal ou usuário (slack_destino).', true);
      const resposta = await chamar(
        ROTULO,
        `${url.replace(/\/+$/, '')}/chat.postMessage`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify({ channel: destino, text: texto, unfurl_links: false }),
        },
        tempoLimiteMs
      );
      const tecnico = erroTecnicoHttp(ROTULO, resposta);
      if (tecnico) throw tecnico;
      const corpo = (resposta.json ?? {}) as { ok?: boolean; error?: string; ts?: string };
      if (resposta.status === 200 && corpo.ok) return { idExterno: corpo.ts ?? null };
      const erro = corpo.error ?? `HTTP ${resposta.status}`;
      if (TECNICOS.has(erro)) {
        throw new ErroCanal(`O Slack pediu para tentar depois (${erro}).`, false, null);
      }
      if (['invalid_auth', 'not_authed', 'token_revoked', 'account_inactive'].includes(erro))
        throw new ErroCanal(`O Slack recusou o token (${erro}): confira SLACK_BOT_TOKEN.`, true);
      throw new ErroCanal(`O Slack recusou a mensagem para ${destino} (${erro}).`, true);
    },
  };
};
