import type { Core } from '@strapi/strapi';
import { SERVICO } from '@orquestrador-rpa/contrato';

type Contexto = {
  query: Record<string, unknown>;
  params: Record<string, string>;
  request: { body?: unknown };
  body: unknown;
};

/** Serviço de agendamentos do app (`api::agendamento.agendador`). */
interface Agendador {
  listar: () => Promise<unknown>;
  previa: (consulta: Record<string, unknown>) => unknown;
  disparos: (documentId: string, consulta: Record<string, unknown>) => Promise<unknown>;
  ativar: (documentId: string, ativo: unknown) => Promise<unknown>;
  executarAgora: (documentId: string) => Promise<unknown>;
}

/** Página "Agendamentos": lista, prévia, histórico de disparos, ativar/pausar e executar agora. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const agendador = () => strapi.service(SERVICO.AGENDADOR) as unknown as Agendador;
  return {
    async listar(ctx: Contexto) {
      ctx.body = { data: await agendador().listar() };
    },
    async previa(ctx: Contexto) {
      ctx.body = { data: agendador().previa(ctx.query) };
    },
    async disparos(ctx: Contexto) {
      ctx.body = { data: await agendador().disparos(ctx.params.id, ctx.query) };
    },
    async ativar(ctx: Contexto) {
      const corpo = (ctx.request.body ?? {}) as { ativo?: unknown };
      ctx.body = { data: await agendador().ativar(ctx.params.id, corpo.ativo) };
    },
    async executar(ctx: Contexto) {
      ctx.body = { data: await agendador().executarAgora(ctx.params.id) };
    },
  };
};
