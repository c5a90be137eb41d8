import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { lerFiltrosAprovacao } from '../services/aprovacoes';
import { lerFiltrosExecucoes } from '../services/execucoes';
import { lerFiltrosProcessos } from '../services/processos';

type Contexto = { query: Record<string, unknown>; body: unknown };

/** Dashboard, fila de aprovação e listas de processos e execuções do painel (leituras agregadas; ação `ver-painel`). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const servico = (nome: string) => strapi.plugin('orquestrador-rpa').service(nome);
  return {
    async dashboard(ctx: Contexto) {
      const painel = servico('painel');
      const mesAno = typeof ctx.query.mes_ano === 'string' && ctx.query.mes_ano ? ctx.query.mes_ano : painel.competenciaAtual();
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(mesAno)) throw new errors.ValidationError(`mes_ano "${mesAno}" inválido: use AAAA-MM.`);
      const [resumo, atividades, saude] = await Promise.all([painel.resumoDoMes(mesAno), painel.atividadesRecentes(), painel.saudePorOperadora()]);
      ctx.body = { data: { ...resumo, atividades_recentes: atividades, saude_operadoras: saude } };
    },
    async aprovacoes(ctx: Contexto) {
      ctx.body = { data: await servico('aprovacoes').listar(lerFiltrosAprovacao(ctx.query)) };
    },
    async processos(ctx: Contexto) {
      ctx.body = { data: await servico('processos').listar(lerFiltrosProcessos(ctx.query)) };
    },
    async execucoes(ctx: Contexto) {
      ctx.body = { data: await servico('execucoes').listar(lerFiltrosExecucoes(ctx.query)) };
    },
  };
};
