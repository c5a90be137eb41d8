import type { Context } from 'koa';
import { buscarArquivo } from '../../../arquivos/armazenamento';
import { entregarArquivo } from '../../../arquivos/entrega';
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
      // A prévia do PDF é servida pela mesma origem, num iframe desta página.
      ctx.set(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; form-action 'self'"
      );
    } catch (erro) {
      recusar(ctx, erro);
    }
  },

  /** Prévia do PDF pelo próprio link, sem login: só enquanto o link vale (as mesmas conferências da página). */
  async fatura(ctx: Context) {
    try {
      const { processo } = await conferirLink(strapi, String(ctx.params.token));
      const arquivo = processo.id_arquivo_fatura
        ? await buscarArquivo(strapi, processo.id_arquivo_fatura)
        : null;
      if (!arquivo) throw new RecusaDoLink(404, 'A fatura deste processo não foi encontrada.');
      await entregarArquivo(strapi, ctx, arquivo, 'inline');
      ctx.set('Referrer-Policy', 'no-referrer');
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
      const sha256 = typeof corpo.sha256 === 'string' ? corpo.sha256.trim().toLowerCase() : null;
      const resultado = await decidirPeloLink(strapi, ctx, String(ctx.params.token), {
        acao,
        observacoes,
        sha256,
      });
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
