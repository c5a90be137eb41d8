import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { paginar, processosComCliente } from './consultas-sql';
import { mesAno, paginacao, termoBusca, texto, umDe, type Consulta, type Paginacao } from './filtros';

export const ORIGENS = ['RPA', 'UPLOAD_MANUAL'] as const;

export interface FiltrosProcessos extends Paginacao {
  mes_ano?: string;
  status?: string;
  operadora?: string;
  cliente?: string;
  origem?: (typeof ORIGENS)[number];
}

/** `status` validado contra o enum do schema do processo. */
export const lerFiltrosProcessos = (consulta: Consulta, status: readonly string[]): FiltrosProcessos => ({
  mes_ano: mesAno(consulta),
  status: umDe(consulta, 'status', status),
  operadora: texto(consulta, 'operadora')?.toUpperCase(),
  cliente: texto(consulta, 'cliente'),
  origem: umDe(consulta, 'origem', ORIGENS),
  ...paginacao(consulta),
});

/** Cliente por nome no SAT, razão social ou CNPJ (parcial, sem diferenciar maiúsculas). */
export const filtrarCliente = (q: Knex.QueryBuilder, termo: string): void => {
  const padrao = termoBusca(termo);
  q.where((ou) => {
    for (const coluna of ['c.nome_sat', 'c.razao_social', 'c.cnpj']) ou.orWhereRaw(`lower(${coluna}) like ? escape '\\'`, [padrao]);
  });
};

interface AcoesWorkflow {
  acoesDoPainel: (estado: string, possuiRpa: boolean) => string[];
}

/**
 * Tabela de processos do painel com filtros avançados. A origem diz de onde veio a fatura (null
 * enquanto não há fatura). Cada linha traz as ações que o estado permite, calculadas pela máquina
 * de estados da aplicação (serviço `api::processo.workflow`).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async listar(filtros: FiltrosProcessos) {
    const consulta = () => {
      const q = processosComCliente(strapi, strapi.db.connection);
      if (filtros.mes_ano) q.where('p.mes_ano', filtros.mes_ano);
      if (filtros.status) q.where('p.status_processo', filtros.status);
      if (filtros.operadora) q.where('o.codigo', filtros.operadora);
      if (filtros.cliente) filtrarCliente(q, filtros.cliente);
      if (filtros.origem === 'UPLOAD_MANUAL') q.where('p.upload_manual', true);
      if (filtros.origem === 'RPA') q.where('p.upload_manual', false).whereNotNull('p.hash_fatura');
      return q;
    };
    const { linhas, ...pagina } = await paginar(consulta, filtros, (q) => q
      .select('p.document_id as processo', 'p.mes_ano', 'p.status_processo', 'p.data_vencimento', 'p.valor_fatura', 'p.upload_manual', 'p.hash_fatura',
        'c.document_id as cliente', 'c.nome_sat', 'c.cnpj', 'o.codigo as operadora_codigo', 'o.nome as operadora', 'o.possui_rpa')
      .orderBy([{ column: 'p.mes_ano', order: 'desc' }, { column: 'c.nome_sat', order: 'asc' }, { column: 'p.id', order: 'asc' }]));
    const workflow = strapi.service('api::processo.workflow') as unknown as AcoesWorkflow;
    return {
      ...pagina,
      itens: linhas.map((l) => ({
        processo: l.processo, mes_ano: l.mes_ano, status_processo: l.status_processo, data_vencimento: l.data_vencimento,
        valor_fatura: l.valor_fatura === null ? null : Number(l.valor_fatura), origem: l.upload_manual ? 'UPLOAD_MANUAL' : l.hash_fatura ? 'RPA' : null,
        cliente: { documentId: l.cliente, nome_sat: l.nome_sat, cnpj: l.cnpj },
        operadora: { codigo: l.operadora_codigo, nome: l.operadora, possui_rpa: Boolean(l.possui_rpa) },
        acoes: workflow.acoesDoPainel(l.status_processo as string, Boolean(l.possui_rpa)),
      })),
    };
  },
});
