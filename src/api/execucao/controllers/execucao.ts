import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { buscarArquivoPorChave } from '../../../arquivos/armazenamento';
import { entregarArquivo } from '../../../arquivos/entrega';
import { SERVICO, UID } from '@orquestrador-rpa/contrato';

export default factories.createCoreController(UID.EXECUCAO, ({ strapi }) => ({
  /** GET /api/execucoes/exportar: CSV (`;`, BOM) ou JSON em fluxo, com filtros. */
  async exportar(ctx) {
    const servico = strapi.service(SERVICO.EXPORTACAO_EXECUCOES);
    const filtros = await servico.lerFiltros(ctx.query as Record<string, unknown>);
    const carimbo = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
    ctx.set(
      'Content-Type',
      filtros.formato === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8'
    );
    ctx.set('Content-Disposition', `attachment; filename="execucoes-${carimbo}.${filtros.formato}"`);
    ctx.body = servico.exportar(filtros);
  },

  /** Captura de tela de uma falha do robô (privada: só por rota autenticada), pela posição na execução. */
  async captura(ctx) {
    const execucao = (await strapi.db
      .query(UID.EXECUCAO)
      .findOne({ where: { documentId: ctx.params.id } })) as {
      detalhes_erro?: { capturas?: unknown };
    } | null;
    if (!execucao) throw new errors.NotFoundError(`Execução ${String(ctx.params.id)} não encontrada.`);
    const capturas = Array.isArray(execucao.detalhes_erro?.capturas)
      ? (execucao.detalhes_erro.capturas as string[])
      : [];
    const indice = Number(ctx.params.indice);
    const arquivo =
      Number.isInteger(indice) && capturas[indice]
        ? await buscarArquivoPorChave(strapi, capturas[indice])
        : null;
    if (!arquivo || arquivo.tipo !== 'CAPTURA')
      throw new errors.NotFoundError(
        `A execução não tem a captura ${String(ctx.params.indice)} (tem ${capturas.length}).`
      );
    await entregarArquivo(strapi, ctx, arquivo, 'inline');
  },
}));
