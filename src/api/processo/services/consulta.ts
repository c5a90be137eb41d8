import type { Core } from '@strapi/strapi';
import {
  acoesDoPainel,
  type EstadoProcesso,
  type ItemAprovacao,
  type ItemProcesso,
  operadoraRecebePorEmail,
  OrigemFatura,
  type Pagina,
  TipoExecucao,
  UID,
  variacaoDoValor,
} from '@orquestrador-rpa/contrato';
import { configuracao } from '../../../configuracao';
import {
  condicoesAprovacoes,
  condicoesProcessos,
  lerFiltrosAprovacoes,
  lerFiltrosProcessos,
  origemDoProcesso,
  type FiltrosAprovacoes,
  type FiltrosProcessos,
} from '../../../consultas/filtros';

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

const item = (p: Dados): ItemProcesso => {
  const cliente = (p.cliente ?? {}) as Dados;
  const operadora = (cliente.operadora ?? {}) as Dados;
  const status = p.status_processo as EstadoProcesso;
  return {
    processo: p.documentId as string,
    mes_ano: p.mes_ano as string,
    status_processo: status,
    data_vencimento: (p.data_vencimento as string | null) ?? null,
    valor_fatura: p.valor_fatura === null || p.valor_fatura === undefined ? null : Number(p.valor_fatura),
    origem: origemDoProcesso(p),
    cliente: {
      documentId: cliente.documentId as string,
      nome_sat: cliente.nome_sat as string,
      cnpj: cliente.cnpj as string,
    },
    operadora: {
      codigo: operadora.codigo as string,
      nome: operadora.nome as string,
      possui_rpa: Boolean(operadora.possui_rpa),
    },
    acoes: acoesDoPainel(
      status,
      Boolean(operadora.possui_rpa) && !operadoraRecebePorEmail(String(operadora.codigo ?? ''))
    ),
  };
};

/**
 * Lista paginada dos processos (painel e API) pelo Query Engine. Cada linha traz as ações que o
 * estado permite, calculadas pela máquina de estados do contrato.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  lerFiltros: lerFiltrosProcessos,

  async listar({ pagina, por_pagina, ...filtros }: FiltrosProcessos): Promise<Pagina<ItemProcesso>> {
    const { results, pagination } = await strapi.db.query(UID.PROCESSO).findPage({
      where: condicoesProcessos(filtros),
      orderBy: [{ mes_ano: 'desc' }, { cliente: { nome_sat: 'asc' } }, { id: 'asc' }],
      page: pagina,
      pageSize: por_pagina,
      select: [
        'documentId',
        'mes_ano',
        'status_processo',
        'data_vencimento',
        'valor_fatura',
        'upload_manual',
        'hash_fatura',
      ],
      populate: {
        cliente: {
          select: ['documentId', 'nome_sat', 'cnpj'],
          populate: { operadora: { select: ['codigo', 'nome', 'possui_rpa'] } },
        },
      },
    });
    return { total: pagination.total, pagina, por_pagina, itens: (results as Dados[]).map(item) };
  },

  lerFiltrosAprovacoes,

  /**
   * Fila de aprovação, do vencimento mais próximo ao mais distante, com a origem, as tentativas de
   * obter a fatura e o valor dos três meses anteriores do mesmo cliente para comparação.
   */
  async aprovacoes({ pagina, por_pagina, ...filtros }: FiltrosAprovacoes): Promise<Pagina<ItemAprovacao>> {
    const { results, pagination } = await strapi.db.query(UID.PROCESSO).findPage({
      where: condicoesAprovacoes(filtros),
      orderBy: [{ data_vencimento: 'asc' }, { id: 'asc' }],
      page: pagina,
      pageSize: por_pagina,
      select: [
        'id',
        'documentId',
        'mes_ano',
        'data_vencimento',
        'valor_fatura',
        'upload_manual',
        'hash_fatura',
      ],
      populate: {
        cliente: {
          select: ['id', 'documentId', 'nome_sat', 'razao_social'],
          populate: { operadora: { select: ['codigo', 'nome'] } },
        },
      },
    });
    const linhas = results as Dados[];
    const clientes = [...new Set(linhas.map((l) => (l.cliente as Dados).id as number))];
    const anteriores = clientes.length
      ? ((await strapi.db.query(UID.PROCESSO).findMany({
          where: { cliente: { id: { $in: clientes } }, valor_fatura: { $notNull: true } },
          select: ['mes_ano', 'valor_fatura'],
          populate: { cliente: { select: ['id'] } },
          orderBy: { mes_ano: 'desc' },
        })) as Dados[])
      : [];
    const execucoes = linhas.length
      ? ((await strapi.db.query(UID.EXECUCAO).findMany({
          where: {
            processo: { id: { $in: linhas.map((l) => l.id) } },
            tipo_execucao: { $in: [TipoExecucao.DOWNLOAD_FATURA, TipoExecucao.UPLOAD_MANUAL] },
          },
          select: ['id'],
          populate: { processo: { select: ['id'] } },
        })) as Dados[])
      : [];
    const tentativas = (id: unknown) =>
      execucoes.filter((e) => (e.processo as Dados | null)?.id === id).length;
    return {
      total: pagination.total,
      pagina,
      por_pagina,
      itens: linhas.map((l) => {
        const cliente = l.cliente as Dados;
        const operadora = (cliente.operadora ?? {}) as Dados;
        return {
          processo: l.documentId as string,
          mes_ano: l.mes_ano as string,
          data_vencimento: (l.data_vencimento as string | null) ?? null,
          valor_fatura: l.valor_fatura === null ? null : Number(l.valor_fatura),
          origem: l.upload_manual ? OrigemFatura.UPLOAD_MANUAL : OrigemFatura.RPA,
          sha256_fatura: l.hash_fatura as string,
          tentativas: tentativas(l.id),
          cliente: {
            documentId: cliente.documentId as string,
            nome_sat: cliente.nome_sat as string,
            razao_social: cliente.razao_social as string,
          },
          operadora: { codigo: operadora.codigo as string, nome: operadora.nome as string },
          ...comparacao(
            l.valor_fatura === null ? null : Number(l.valor_fatura),
            anteriores
              .filter(
                (a) =>
                  (a.cliente as Dados | null)?.id === cliente.id &&
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
