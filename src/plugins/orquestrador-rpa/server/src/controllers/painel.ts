import type { Core } from '@strapi/strapi';
import { lerFiltrosAprovacao } from '../services/aprovacoes';
import { lerFiltrosExecucoes } from '../services/execucoes';
import { lerFiltrosProcessos } from '../services/processos';
import { mesAno as lerMesAno, valoresDoEnum } from '../services/filtros';

type Contexto = { query: Record<string, unknown>; body: unknown };

/** Dashboard, fila de aprovação e listas de processos e execuções do painel (leituras agregadas; ação `ver-painel`). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const servico = (nome: string) => strapi.plugin('orquestrador-rpa').service(nome);
  return {
    async dashboard(ctx: Contexto) {
      const painel = servico('painel');
      const mesAno = lerMesAno(ctx.query) ?? painel.competenciaAtual();
      const [resumo, atividades, saude] = await Promise.all([painel.resumoDoMes(mesAno), painel.atividadesRecentes(), painel.saudePorOperadora()]);
      ctx.body = { data: { ...resumo, atividades_recentes: atividades, saude_operadoras: saude } };
    },
    async aprovacoes(ctx: Contexto) {
      ctx.body = { data: await servico('aprovacoes').listar(lerFiltrosAprovacao(ctx.query)) };
    },
    async processos(ctx: Contexto) {
      ctx.body = { data: await servico('processos').listar(lerFiltrosProcessos(ctx.query, valoresDoEnum(strapi, 'api::processo.processo', 'status_processo'))) };
    },
    async execucoes(ctx: Contexto) {
      const enumDe = (atributo: string) => valoresDoEnum(strapi, 'api::execucao.execucao', atributo);
      ctx.body = { data: await servico('execucoes').listar(lerFiltrosExecucoes(ctx.query, { status: enumDe('status_execucao'), tipo: enumDe('tipo_execucao') })) };
    },
  };
};
