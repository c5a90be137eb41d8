import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::execucao.execucao', ({ strapi }) => ({
  /** GET /api/execucoes/exportar: CSV (`;`, BOM) ou JSON em fluxo, com filtros. */
  async exportar(ctx) {
    const servico = strapi.service('api::execucao.exportacao');
    const filtros = servico.lerFiltros(ctx.query as Record<string, unknown>);
    const carimbo = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
    ctx.set('Content-Type', filtros.formato === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="execucoes-${carimbo}.${filtros.formato}"`);
    ctx.body = servico.exportar(filtros);
  },
}));
