import type { Core } from '@strapi/strapi';
import { type ItemExecucao, type Pagina, UID } from '@orquestrador-rpa/contrato';
import { condicoesExecucoes, lerFiltrosExecucoes, type FiltrosExecucoes } from '../../../consultas/filtros';

type Dados = Record<string, unknown>;

const iso = (valor: unknown): string | null =>
  valor === null || valor === undefined ? null : new Date(valor as string).toISOString();

const item = (e: Dados): ItemExecucao => {
  const processo = (e.processo ?? {}) as Dados;
  const cliente = (processo.cliente ?? {}) as Dados;
  const operadora = (cliente.operadora ?? {}) as Dados;
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
      documentId: processo.documentId as string,
      mes_ano: processo.mes_ano as string,
      status_processo: processo.status_processo as ItemExecucao['processo']['status_processo'],
    },
    cliente: { nome_sat: cliente.nome_sat as string },
    operadora: { codigo: operadora.codigo as string, nome: operadora.nome as string },
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
    // Contagem e página ao mesmo tempo (o findPage as faz uma depois da outra).
    const [total, linhas] = await Promise.all([
      consulta.count({ where }),
      consulta.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        offset: (pagina - 1) * por_pagina,
        limit: por_pagina,
        populate: {
          processo: {
            select: ['documentId', 'mes_ano', 'status_processo'],
            populate: {
              cliente: { select: ['nome_sat'], populate: { operadora: { select: ['codigo', 'nome'] } } },
            },
          },
        },
      }),
    ]);
    return { total: Number(total), pagina, por_pagina, itens: (linhas as Dados[]).map(item) };
  },
});
