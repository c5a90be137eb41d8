import type { Core } from '@strapi/strapi';
import { SERVICO } from '@orquestrador-rpa/contrato';

type Contexto = {
  query: Record<string, unknown>;
  params: Record<string, string>;
  request: { body?: unknown };
  body: unknown;
};

/** Serviço da caixa de saída do app (`api::notificacao.caixa`). */
interface Caixa {
  lerFiltros: (consulta: Record<string, unknown>) => Promise<unknown>;
  listar: (filtros: unknown) => Promise<unknown>;
  canais: () => unknown;
  reenviar: (documentId: string) => Promise<unknown>;
  testar: (canal: unknown) => Promise<unknown>;
}

/** Página "Notificações": a caixa de saída, o estado dos canais, o reenvio e a mensagem de teste. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const caixa = () => strapi.service(SERVICO.CAIXA_NOTIFICACOES) as unknown as Caixa;
  return {
    async listar(ctx: Contexto) {
      ctx.body = { data: await caixa().listar(await caixa().lerFiltros(ctx.query)) };
    },
    async canais(ctx: Contexto) {
      ctx.body = { data: caixa().canais() };
    },
    async reenviar(ctx: Contexto) {
      ctx.body = { data: await caixa().reenviar(ctx.params.id) };
    },
    async testar(ctx: Contexto) {
      const corpo = (ctx.request.body ?? {}) as { canal?: unknown };
      ctx.body = { data: await caixa().testar(corpo.canal) };
    },
  };
};
