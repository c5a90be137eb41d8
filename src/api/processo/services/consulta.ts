import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  acoesDoPainel,
  type ConferenciaFiscal,
  type EstadoProcesso,
  type ItemAprovacao,
  type ItemProcesso,
  operadoraRecebePorEmail,
  OrigemFatura,
  type Pagina,
  TipoExecucao,
  variacaoDoValor,
} from '@orquestrador-rpa/contrato';
import { configuracao } from '../../../configuracao';
import {
  filtrarAprovacoes,
  filtrarProcessos,
  lerFiltrosAprovacoes,
  lerFiltrosProcessos,
  origemDoProcesso,
  type FiltrosAprovacoes,
  type FiltrosProcessos,
} from '../../../consultas/filtros';
// As junções e a paginação em SQL são as do painel (um lugar só para processo → cliente → operadora).
import {
  paginar,
  processosComCliente,
  tabelas,
} from '../../../plugins/orquestrador-rpa/server/src/services/consultas-sql';

type Dados = Record<string, unknown>;

/** Valores dos meses anteriores, a média deles e o alerta quando o valor atual foge do limiar. */
const comparacao = (valor: number | null, anteriores: ItemAprovacao['valores_anteriores']) => {
  const { media, variacao } = variacaoDoValor(
    valor,
    anteriores.map((a) => a.valor_fatura)
  );
  return {
    valores_anteriores: anteriores,
    media_anterior: media,
    variacao_percentual: variacao,
    alerta_valor: variacao !== null && Math.abs(variacao) >= configuracao().alertaValorPercentual,
  };
};

/** Coluna json lida pelo knex cru: o PostgreSQL devolve o objeto, o SQLite o texto. */
const lerJson = <T>(valor: unknown): T | null =>
  valor === null || valor === undefined
    ? null
    : ((typeof valor === 'string' ? JSON.parse(valor) : valor) as T);

const numeroOuNulo = (valor: unknown): number | null =>
  valor === null || valor === undefined ? null : Number(valor);

/** Uma linha da junção processo → cliente → operadora (colunas de `COLUNAS_LISTA`) como item da lista. */
const item = (l: Dados): ItemProcesso => {
  const status = l.status_processo as EstadoProcesso;
  const possuiRpa = Boolean(l.possui_rpa);
  return {
    processo: l.processo as string,
    mes_ano: l.mes_ano as string,
    status_processo: status,
    data_vencimento: (l.data_vencimento as string | null) ?? null,
    valor_fatura: numeroOuNulo(l.valor_fatura),
    origem: origemDoProcesso({ upload_manual: Boolean(l.upload_manual), hash_fatura: l.hash_fatura }),
    cliente: { documentId: l.cliente as string, nome_sat: l.nome_sat as string, cnpj: l.cnpj as string },
    operadora: { codigo: l.codigo as string, nome: l.operadora as string, possui_rpa: possuiRpa },
    acoes: acoesDoPainel(status, possuiRpa && !operadoraRecebePorEmail(String(l.codigo ?? ''))),
  };
};

/** Colunas da junção p → c → o que a lista e a fila de aprovação mostram. */
const COLUNAS_LISTA = [
  'p.id as id',
  'p.document_id as processo',
  'p.mes_ano as mes_ano',
  'p.status_processo as status_processo',
  'p.data_vencimento as data_vencimento',
  'p.valor_fatura as valor_fatura',
  'p.upload_manual as upload_manual',
  'p.hash_fatura as hash_fatura',
  'p.conferencia_fiscal as conferencia_fiscal',
  'c.id as cliente_id',
  'c.document_id as cliente',
  'c.nome_sat as nome_sat',
  'c.razao_social as razao_social',
  'c.cnpj as cnpj',
  'o.codigo as codigo',
  'o.nome as operadora',
  'o.possui_rpa as possui_rpa',
];

/**
 * Uma página da junção processo → cliente → operadora com as colunas da lista. Sem filtro de cliente
 * nem de operadora, o total se conta só na tabela dos processos (todo processo tem cliente, e todo
 * cliente, operadora): sem a junção, a contagem usa os índices do processo.
 */
const paginaDaJuncao = <F extends { cliente?: string; operadora?: string }>(
  strapi: Core.Strapi,
  filtrar: (q: Knex.QueryBuilder, f: F) => Knex.QueryBuilder,
  filtros: F,
  paginacao: { pagina: number; por_pagina: number },
  ordem: Array<{ column: string; order: 'asc' | 'desc' }>
) =>
  paginar(
    () => filtrar(processosComCliente(strapi, strapi.db.connection), filtros),
    paginacao,
    (q) => q.select(COLUNAS_LISTA).orderBy(ordem),
    filtros.cliente || filtros.operadora
      ? undefined
      : () => filtrar(strapi.db.connection(`${tabelas(strapi).processos} as p`), filtros)
  );

/**
 * Lista paginada dos processos (painel e API) em SQL sobre a junção processo → cliente → operadora,
 * sem o DISTINCT que o Query Engine põe ao ordenar por relação (3× mais lento com 100 mil processos;
 * docs/desempenho.md). Cada linha traz as ações que o estado permite, pela máquina do contrato.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  lerFiltros: lerFiltrosProcessos,

  async listar({ pagina, por_pagina, ...filtros }: FiltrosProcessos): Promise<Pagina<ItemProcesso>> {
    const { total, linhas } = await paginaDaJuncao(
      strapi,
      filtrarProcessos,
      filtros,
      { pagina, por_pagina },
      [
        { column: 'p.mes_ano', order: 'desc' },
        { column: 'c.nome_sat', order: 'asc' },
        { column: 'p.id', order: 'asc' },
      ]
    );
    return { total, pagina, por_pagina, itens: linhas.map(item) };
  },

  lerFiltrosAprovacoes,

  /**
   * Fila de aprovação, do vencimento mais próximo ao mais distante, com a origem, as tentativas de
   * obter a fatura e o valor dos três meses anteriores do mesmo cliente para comparação.
   */
  async aprovacoes({ pagina, por_pagina, ...filtros }: FiltrosAprovacoes): Promise<Pagina<ItemAprovacao>> {
    const { total, linhas } = await paginaDaJuncao(
      strapi,
      filtrarAprovacoes,
      filtros,
      { pagina, por_pagina },
      [
        { column: 'p.data_vencimento', order: 'asc' },
        { column: 'p.id', order: 'asc' },
      ]
    );
    const clientes = [...new Set(linhas.map((l) => l.cliente_id as number))];
    // Valores anteriores dos clientes e tentativas dos processos da página: duas agregações diretas
    // nas tabelas de ligação (o Query Engine juntaria com DISTINCT para filtrar pela relação).
    const t = tabelas(strapi);
    const k = strapi.db.connection;
    const [anteriores, tentativasPorProcesso] = (await Promise.all([
      clientes.length
        ? k(`${t.processos} as p`)
            .join(`${t.processoCliente.name} as pc`, `pc.${t.processoCliente.joinColumn.name}`, 'p.id')
            .whereIn(`pc.${t.processoCliente.inverseJoinColumn.name}`, clientes)
            .whereNotNull('p.valor_fatura')
            .select(
              `pc.${t.processoCliente.inverseJoinColumn.name} as cliente_id`,
              'p.mes_ano',
              'p.valor_fatura'
            )
            .orderBy('p.mes_ano', 'desc')
        : [],
      linhas.length
        ? k(`${t.execucoes} as e`)
            .join(`${t.execucaoProcesso.name} as ep`, `ep.${t.execucaoProcesso.joinColumn.name}`, 'e.id')
            .whereIn(
              `ep.${t.execucaoProcesso.inverseJoinColumn.name}`,
              linhas.map((l) => l.id as number)
            )
            .whereIn('e.tipo_execucao', [TipoExecucao.DOWNLOAD_FATURA, TipoExecucao.UPLOAD_MANUAL])
            .select(`ep.${t.execucaoProcesso.inverseJoinColumn.name} as processo_id`)
            .count({ total: '*' })
            .groupBy(`ep.${t.execucaoProcesso.inverseJoinColumn.name}`)
        : [],
    ])) as [Dados[], Dados[]];
    const tentativas = (id: unknown) =>
      Number(tentativasPorProcesso.find((l) => Number(l.processo_id) === Number(id))?.total ?? 0);
    return {
      total,
      pagina,
      por_pagina,
      itens: linhas.map((l) => {
        const valor = numeroOuNulo(l.valor_fatura);
        return {
          processo: l.processo as string,
          mes_ano: l.mes_ano as string,
          data_vencimento: (l.data_vencimento as string | null) ?? null,
          valor_fatura: valor,
          origem: l.upload_manual ? OrigemFatura.UPLOAD_MANUAL : OrigemFatura.RPA,
          sha256_fatura: l.hash_fatura as string,
          conferencia_fiscal: lerJson<ConferenciaFiscal>(l.conferencia_fiscal),
          tentativas: tentativas(l.id),
          cliente: {
            documentId: l.cliente as string,
            nome_sat: l.nome_sat as string,
            razao_social: l.razao_social as string,
          },
          operadora: { codigo: l.codigo as string, nome: l.operadora as string },
          ...comparacao(
            valor,
            anteriores
              .filter(
                (a) =>
                  Number(a.cliente_id) === Number(l.cliente_id) &&
                  (a.mes_ano as string) < (l.mes_ano as string)
              )
              .slice(0, 3)
              .map((a) => ({ mes_ano: a.mes_ano as string, valor_fatura: Number(a.valor_fatura) }))
          ),
        };
      }),
    };
  },
});
