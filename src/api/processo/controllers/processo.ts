import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { buscarArquivo } from '../../../arquivos/armazenamento';
import { entregarArquivo } from '../../../arquivos/entrega';
import { reconferirProcesso } from '../../../conferencia/conferir-fatura';
import { processoOuErro } from '../../../workflow/consultas';
import { exigirArquivo } from '../../../workflow/dados-fatura';
import type { ArquivoRecebido } from '../services/upload-manual';
import { SERVICO, UID } from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;

/** Aceita `{ campo }` e também o envelope REST do Strapi `{ data: { campo } }`. */
const corpo = (ctx: { request: { body?: unknown } }): Dados => {
  const bruto = (ctx.request.body ?? {}) as Dados;
  return (bruto.data && typeof bruto.data === 'object' ? bruto.data : bruto) as Dados;
};

/**
 * Ações do workflow. As mesmas funções atendem a API REST e as rotas do painel (plugin), que
 * delegam para cá; as regras ficam nos serviços.
 */
export default factories.createCoreController(UID.PROCESSO, ({ strapi }) => {
  const workflow = () => strapi.service(SERVICO.WORKFLOW);
  return {
    async gerarMensais(ctx) {
      const resultado = await strapi.service(SERVICO.GERACAO_MENSAL).gerar(corpo(ctx).mes_ano);
      ctx.status = resultado.criados > 0 ? 201 : 200;
      ctx.body = { data: resultado };
    },
    async executarDownload(ctx) {
      ctx.status = 201;
      ctx.body = { data: await strapi.service(SERVICO.DOWNLOADS).executarUm(ctx.params.id) };
    },
    async executarDownloads(ctx) {
      ctx.body = { data: await strapi.service(SERVICO.DOWNLOADS).executarPendentes(corpo(ctx)) };
    },
    async aprovar(ctx) {
      ctx.body = { data: await workflow().aprovar(ctx.params.id, corpo(ctx)) };
    },
    async rejeitar(ctx) {
      ctx.body = { data: await workflow().rejeitar(ctx.params.id, corpo(ctx)) };
    },
    /** Confere de novo a fatura em análise (depois de corrigir o cadastro). */
    async reconferir(ctx) {
      ctx.body = { data: await reconferirProcesso(strapi, ctx.params.id) };
    },
    async reabrir(ctx) {
      ctx.body = { data: await workflow().reabrir(ctx.params.id, corpo(ctx)) };
    },
    async reenviarSat(ctx) {
      ctx.body = { data: await workflow().reenviarSat(ctx.params.id, corpo(ctx)) };
    },
    async confirmarEnvioSat(ctx) {
      ctx.body = { data: await workflow().confirmarEnvioSat(ctx.params.id, corpo(ctx)) };
    },
    async uploadManual(ctx) {
      const arquivos = (
        ctx.request as unknown as { files?: Record<string, ArquivoRecebido | ArquivoRecebido[]> }
      ).files;
      const arquivo = exigirArquivo(arquivos?.fatura);
      ctx.status = 201;
      ctx.body = {
        data: await strapi.service(SERVICO.UPLOAD_MANUAL).registrar(ctx.params.id, arquivo, corpo(ctx)),
      };
    },

    /** PDF da fatura para a prévia (autenticado, `inline`). */
    async fatura(ctx) {
      const processo = await processoOuErro(strapi, ctx.params.id);
      const arquivo = processo.id_arquivo_fatura
        ? await buscarArquivo(strapi, processo.id_arquivo_fatura as number)
        : null;
      if (!arquivo) throw new errors.NotFoundError('Este processo ainda não tem fatura.');
      await entregarArquivo(strapi, ctx, arquivo, 'inline');
    },

    /** Trilha completa do processo em JSON ou CSV (Excel pt-BR). */
    async rastreabilidade(ctx) {
      const formato = String(ctx.query.formato ?? 'json').toLowerCase();
      if (formato !== 'json' && formato !== 'csv')
        throw new errors.ValidationError(`Formato "${formato}" inválido: use json ou csv.`);
      const servico = strapi.service(SERVICO.RASTREABILIDADE);
      const trilha = await servico.montar(ctx.params.id);
      if (formato === 'json') {
        ctx.body = { data: trilha };
        return;
      }
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set(
        'Content-Disposition',
        `attachment; filename="rastreabilidade-${String(trilha.processo.mes_ano)}-${ctx.params.id}.csv"`
      );
      ctx.body = servico.paraCsv(trilha.eventos);
    },
  };
});
