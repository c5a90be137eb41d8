import type { Core } from '@strapi/strapi';
import { type ItemExecucao, type Pagina, UID } from '@orquestrador-rpa/contrato';
import { condicoesExecucoes, lerFiltrosExecucoes, type FiltrosExecucoes } from '../../../consultas/filtros';
import { relacoesDasExecucoes, type RelacoesExecucao } from '../../../consultas/relacoes-execucoes';
import { tabelas } from '../../../plugins/orquestrador-rpa/server/src/services/consultas-sql';

type Dados = Record<string, unknown>;

const iso = (valor: unknown): string | null =>
  valor === null || valor === undefined ? null : new Date(valor as string).toISOString();

const item = (e: Dados, r: RelacoesExecucao | undefined): ItemExecucao => {
  const [inicio, fim] = [iso(e.data_inicio), iso(e.data_fim)];
  return {
    execucao: e.documentId as string,
    tipo_execucao: e.tipo_execucao as ItemExecucao['tipo_execucao'],
    status_execucao: e.status_execucao as ItemExecucao['status_execucao'],
    numero_tentativa: e.numero_tentativa as number,
    classe_rpa_utilizada: (e.classe_rpa_utilizada as string | null) ?? null,
    criada_em: iso(e.createdAt)!,
    data_inicio: inicio,
    data_fim: fim,
    duracao_segundos: inicio && fim ? Math.round((Date.parse(fim) - Date.parse(inicio)) / 100) / 10 : null,
    processo: {
      documentId: r?.processo as string,
      mes_ano: r?.mes_ano as string,
      status_processo: r?.status_processo as ItemExecucao['processo']['status_processo'],
    },
    cliente: { nome_sat: r?.nome_sat as string },
    operadora: { codigo: r?.operadora as string, nome: r?.operadora_nome as string },
  };
};

/**
 * Lista paginada das execuções (painel e API), pelo Query Engine com filtros de relação: as mesmas
 * condições da exportação, então a tela e o arquivo trazem as mesmas linhas.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  lerFiltros: lerFiltrosExecucoes,

  async listar({ pagina, por_pagina, ...filtros }: FiltrosExecucoes): Promise<Pagina<ItemExecucao>> {
    const consulta = strapi.db.query(UID.EXECUCAO);
    const where = condicoesExecucoes(filtros);
    // Contagem e página ao mesmo tempo (o findPage as faz uma depois da outra); sem filtro (a tela
    // ao abrir), `count(*)` direto na tabela, porque o Query Engine conta `distinct id`. Processo,
    // cliente e operadora da página numa consulta só.
    const contar = () =>
      Object.keys(where).length === 0
        ? strapi.db
            .connection(tabelas(strapi).execucoes)
            .count({ total: '*' })
            .then((l) => Number((l[0] as { total?: unknown } | undefined)?.total ?? 0))
        : consulta.count({ where });
    const [total, linhas] = (await Promise.all([
      contar(),
      consulta.findMany({
        where,
        select: [
          'id',
          'documentId',
          'tipo_execucao',
          'status_execucao',
          'numero_tentativa',
          'classe_rpa_utilizada',
          'createdAt',
          'data_inicio',
          'data_fim',
        ],
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        offset: (pagina - 1) * por_pagina,
        limit: por_pagina,
      }),
    ])) as [number, Dados[]];
    const relacoes = await relacoesDasExecucoes(
      strapi,
      linhas.map((e) => e.id as number)
    );
    return {
      total,
      pagina,
      por_pagina,
      itens: linhas.map((e) => item(e, relacoes.get(e.id as number))),
    };
  },
});
