import { buscarArquivo } from '../../../arquivos/armazenamento';
import { entregarArquivo } from '../../../arquivos/entrega';
import { erroValidacao } from '../../../regras/erros';
import type { ArquivoEnviado } from '../services/robo';
import { CAMPOS_MENSAGEM_EMAIL, operadoraDaLeitura, SERVICO } from '@orquestrador-rpa/contrato';

type Contexto = {
  params: { id: string; mensagem?: string };
  request: { body?: Record<string, unknown>; files?: Record<string, ArquivoEnviado | ArquivoEnviado[]> };
  body: unknown;
  set: (campo: string, valor: string) => void;
};

const lista = <T>(valor: T | T[] | undefined): T[] =>
  valor === undefined ? [] : Array.isArray(valor) ? valor : [valor];
const servico = () => strapi.service(SERVICO.ROBO);
const mensagens = () => strapi.service(SERVICO.MENSAGENS_EMAIL);

/** Rotas dos workers (`/api/robo/execucoes/...`), autenticadas pela política `robo-autenticado`. */
export default {
  async iniciar(ctx: Contexto) {
    const tentativa = Number(ctx.request.body?.tentativa ?? 1);
    if (!Number.isInteger(tentativa) || tentativa < 1)
      throw erroValidacao('"tentativa" deve ser um inteiro ≥ 1.');
    ctx.body = { data: await servico().iniciar(ctx.params.id, tentativa) };
  },

  /** O PDF aprovado, com o nome do legado (`{hash}_{DD-MM-AAAA}.pdf`): é com ele que a fatura chega ao SAT. */
  async fatura(ctx: Contexto) {
    const arquivo = await buscarArquivo(strapi, await servico().arquivoDaFatura(ctx.params.id));
    if (!arquivo) throw erroValidacao('O arquivo da fatura não está no armazenamento.');
    await entregarArquivo(strapi, ctx, arquivo, 'attachment');
  },

  async pontoSemRetorno(ctx: Contexto) {
    ctx.body = { data: await servico().pontoSemRetorno(ctx.params.id) };
  },

  async concluir(ctx: Contexto) {
    const arquivos = ctx.request.files ?? {};
    ctx.body = {
      data: await servico().concluir(ctx.params.id, ctx.request.body ?? {}, {
        fatura: lista(arquivos.fatura)[0],
        capturas: lista(arquivos.capturas),
      }),
    };
  },

  /** Já entregue? O robô só baixa boleto e fatura de mensagem nova. */
  async consultarMensagem(ctx: Contexto) {
    ctx.body = { data: await mensagens().consultar(String(ctx.params.mensagem ?? '')) };
  },

  /** Entrega de uma mensagem lida: `mensagem` (JSON) e `fatura` (PDF com boleto + fatura). */
  async entregarMensagem(ctx: Contexto) {
    const fatura = lista((ctx.request.files ?? {})[CAMPOS_MENSAGEM_EMAIL.FATURA])[0];
    const corpo = ctx.request.body ?? {};
    ctx.body = {
      data: await mensagens().entregar(
        ctx.params.id,
        operadoraDaLeitura(ctx.params.id),
        corpo[CAMPOS_MENSAGEM_EMAIL.MENSAGEM],
        fatura
      ),
    };
  },
};
