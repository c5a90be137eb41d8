import type { Context } from 'koa';
import { conferirLink, decidirPeloLink, RecusaDoLink } from '../../../notificacoes/decisao';
import { paginaDeConfirmacao, paginaDeResultado } from '../../../notificacoes/pagina-decisao';

/**
 * Link de decisão das mensagens (rota pública: o link assinado é a credencial). O GET só mostra a
 * confirmação — pré-visualizadores de link abrem URLs sozinhos —; a decisão é o POST do formulário.
 */
const responder = (ctx: Context, status: number, html: string) => {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.body = html;
};

const recusar = (ctx: Context, erro: unknown) => {
  if (!(erro instanceof RecusaDoLink)) throw erro;
  responder(ctx, erro.status, paginaDeResultado('Nada foi alterado', erro.message));
};

export default {
  async pagina(ctx: Context) {
    try {
      const conferido = await conferirLink(strapi, String(ctx.params.token));
      responder(ctx, 200, paginaDeConfirmacao(conferido, ctx.path));
    } catch (erro) {
      recusar(ctx, erro);
    }
  },

  async decidir(ctx: Context) {
    const corpo = (ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {};
    const acao = corpo.acao === 'aprovar' || corpo.acao === 'rejeitar' ? corpo.acao : null;
    if (!acao)
      return responder(ctx, 400, paginaDeResultado('Nada foi alterado', 'Escolha aprovar ou rejeitar.'));
    const observacoes =
      typeof corpo.observacoes === 'string' && corpo.observacoes.trim() ? corpo.observacoes.trim() : null;
    try {
      const resultado = await decidirPeloLink(strapi, ctx, String(ctx.params.token), acao, observacoes);
      responder(
        ctx,
        200,
        paginaDeResultado(
          acao === 'aprovar' ? 'Fatura aprovada' : 'Fatura rejeitada',
          acao === 'aprovar'
            ? 'Obrigado: a fatura foi aprovada e segue para o envio ao SAT.'
            : 'Obrigado: a fatura foi rejeitada e a equipe foi avisada.',
          resultado.linkDoProcesso
        )
      );
    } catch (erro) {
      recusar(ctx, erro);
    }
  },
};
