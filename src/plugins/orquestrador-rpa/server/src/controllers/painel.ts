import type { Core } from '@strapi/strapi';
import { competenciaAtual, ehCompetencia, SERVICO } from '@orquestrador-rpa/contrato';
import { errors } from '@strapi/utils';

type Contexto = {
  query: Record<string, unknown>;
  body: unknown;
  set: (campo: string, valor: string) => void;
};

/** `mes_ano` da consulta (AAAA-MM) ou o mês corrente; inválido → 400 em português. */
const mesDaConsulta = (ctx: Contexto): string => {
  const pedido =
    typeof ctx.query.mes_ano === 'string' && ctx.query.mes_ano.trim() ? ctx.query.mes_ano.trim() : undefined;
  if (pedido !== undefined && !ehCompetencia(pedido))
    throw new errors.ValidationError(`mes_ano "${String(ctx.query.mes_ano).trim()}" inválido: use AAAA-MM.`);
  return pedido ?? competenciaAtual();
};

/** Serviço de consulta do app (filtros validados por esquema e listas pelo Query Engine). */
interface Consulta {
  lerFiltros: (consulta: Record<string, unknown>) => Promise<unknown>;
  listar: (filtros: unknown) => Promise<unknown>;
  lerFiltrosAprovacoes?: (consulta: Record<string, unknown>) => Promise<unknown>;
  aprovacoes?: (filtros: unknown) => Promise<unknown>;
}

/**
 * Dashboard (agregações deste plugin), fila de aprovação e listas de processos e execuções. As
 * listas são as do app (`api::processo.consulta` e `api::execucao.consulta`), as mesmas da API e
 * da exportação: um significado por filtro.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const consulta = (uid: typeof SERVICO.CONSULTA_PROCESSOS | typeof SERVICO.CONSULTA_EXECUCOES) =>
    strapi.service(uid) as unknown as Consulta;
  return {
    async dashboard(ctx: Contexto) {
      const painel = strapi.plugin('orquestrador-rpa').service('painel');
      const mesAno = mesDaConsulta(ctx);
      const [resumo, atividades, saude, prazos] = await Promise.all([
        painel.resumoDoMes(mesAno),
        painel.atividadesRecentes(),
        painel.saudePorOperadora(),
        painel.prazos(),
      ]);
      ctx.body = { data: { ...resumo, atividades_recentes: atividades, saude_operadoras: saude, prazos } };
    },
    async conciliacao(ctx: Contexto) {
      ctx.body = {
        data: await strapi.plugin('orquestrador-rpa').service('conciliacao').doMes(mesDaConsulta(ctx)),
      };
    },
    async series(ctx: Contexto) {
      const meses = ctx.query.meses === undefined ? 12 : Number(ctx.query.meses);
      if (!Number.isInteger(meses) || meses < 1 || meses > 36)
        throw new errors.ValidationError('meses deve ser um inteiro de 1 a 36.');
      ctx.body = {
        data: await strapi.plugin('orquestrador-rpa').service('painel').series(mesDaConsulta(ctx), meses),
      };
    },
    /** `?formato=csv` (padrão) ou `pdf`. */
    async exportarConciliacao(ctx: Contexto) {
      const mesAno = mesDaConsulta(ctx);
      const formato = String(ctx.query.formato ?? 'csv');
      if (formato !== 'csv' && formato !== 'pdf')
        throw new errors.ValidationError(`formato "${formato}" inválido: use csv ou pdf.`);
      const servico = strapi.plugin('orquestrador-rpa').service('conciliacao');
      ctx.set('Content-Type', formato === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf');
      ctx.set('Content-Disposition', `attachment; filename="conciliacao-${mesAno}.${formato}"`);
      ctx.body = formato === 'csv' ? await servico.csv(mesAno) : await servico.pdf(mesAno);
    },
    async aprovacoes(ctx: Contexto) {
      const processos = consulta(SERVICO.CONSULTA_PROCESSOS);
      ctx.body = { data: await processos.aprovacoes!(await processos.lerFiltrosAprovacoes!(ctx.query)) };
    },
    async processos(ctx: Contexto) {
      const processos = consulta(SERVICO.CONSULTA_PROCESSOS);
      ctx.body = { data: await processos.listar(await processos.lerFiltros(ctx.query)) };
    },
    async execucoes(ctx: Contexto) {
      const execucoes = consulta(SERVICO.CONSULTA_EXECUCOES);
      ctx.body = { data: await execucoes.listar(await execucoes.lerFiltros(ctx.query)) };
    },
  };
};
