import { buscarArquivo } from '../../../arquivos/armazenamento';
import { entregarArquivo } from '../../../arquivos/entrega';
import { erroValidacao } from '../../../regras/erros';
import type { ArquivoEnviado } from '../services/robo';
import { SERVICO } from '@orquestrador-rpa/contrato';

type Contexto = {
  params: { id: string };
  request: { body?: Record<string, unknown>; files?: Record<string, ArquivoEnviado | ArquivoEnviado[]> };
  body: unknown;
  set: (campo: string, valor: string) => void;
};

const lista = <T>(valor: T | T[] | undefined): T[] =>
  valor === undefined ? [] : Array.isArray(valor) ? valor : [valor];
const servico = () => strapi.service(SERVICO.ROBO);

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
};
