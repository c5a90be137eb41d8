import type { Core } from '@strapi/strapi';
import { SERVICO, type ItemCarencia } from '@orquestrador-rpa/contrato';

type Contexto = { params: Record<string, string>; body: unknown };

/** Serviço das carências do app (`api::usuario.carencia`). */
interface Carencias {
  listar: () => Promise<ItemCarencia[]>;
  confirmar: (documentId: string) => Promise<ItemCarencia>;
}

/** Página "Contas em carência": quem ainda não aprova depois de uma alteração feita por outra pessoa. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const carencias = () => strapi.service(SERVICO.CARENCIAS) as unknown as Carencias;
  return {
    async listar(ctx: Contexto) {
      ctx.body = { data: await carencias().listar() };
    },
    async confirmar(ctx: Contexto) {
      ctx.body = { data: await carencias().confirmar(ctx.params.id) };
    },
  };
};
