import type { Core } from '@strapi/strapi';
import { paginar, processosComCliente, tabelas } from './consultas-sql';
import { data, mesAno, paginacao, texto, type Consulta, type Paginacao } from './filtros';

type Linha = Record<string, unknown>;

export interface FiltrosAprovacao extends Paginacao {
  operadora?: string;
  cliente?: string;
  mes_ano?: string;
  vencimento_ate?: string;
}

export const lerFiltrosAprovacao = (consulta: Consulta): FiltrosAprovacao => ({
  operadora: texto(consulta, 'operadora'),
  cliente: texto(consulta, 'cliente'),
  mes_ano: mesAno(consulta),
  vencimento_ate: data(consulta, 'vencimento_ate'),
  ...paginacao(consulta),
});

/**
 * Fila de aprovação: processos em AGUARDANDO_APROVACAO, do vencimento mais próximo ao mais
 * distante, com a origem (robô ou upload manual), as tentativas e o valor dos meses anteriores
 * do mesmo cliente para comparação.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async listar(filtros: FiltrosAprovacao) {
    const knex = strapi.db.connection;
    const consulta = () => {
      const q = processosComCliente(strapi, knex).where('p.status_processo', 'AGUARDANDO_APROVACAO');
      if (filtros.operadora) q.where('o.codigo', filtros.operadora.toUpperCase());
      if (filtros.cliente) q.where('c.document_id', filtros.cliente);
      if (filtros.mes_ano) q.where('p.mes_ano', filtros.mes_ano);
      if (filtros.vencimento_ate) q.where('p.data_vencimento', '<=', filtros.vencimento_ate);
      return q;
    };
    const { linhas, ...pagina } = await paginar(consulta, filtros, (q) => q
      .select('p.id', 'p.document_id as processo', 'p.mes_ano', 'p.data_vencimento', 'p.valor_fatura', 'p.upload_manual', 'p.hash_fatura', 'c.id as cliente_id',
        'c.document_id as cliente', 'c.nome_sat', 'c.razao_social', 'o.codigo as operadora_codigo', 'o.nome as operadora')
      .orderByRaw('p.data_vencimento is null, p.data_vencimento asc, p.id asc'));
    const historico = await this.valoresAnteriores(linhas);
    const tentativas = await this.tentativas(linhas.map((l) => l.id as number));
    return {
      ...pagina,
      itens: linhas.map((l) => ({
        processo: l.processo, mes_ano: l.mes_ano, data_vencimento: l.data_vencimento, valor_fatura: l.valor_fatura === null ? null : Number(l.valor_fatura),
        origem: l.upload_manual ? 'UPLOAD_MANUAL' : 'RPA', sha256_fatura: l.hash_fatura, tentativas: tentativas.get(l.id as number) ?? 0,
        cliente: { documentId: l.cliente, nome_sat: l.nome_sat, razao_social: l.razao_social },
        operadora: { codigo: l.operadora_codigo, nome: l.operadora },
        valores_anteriores: (historico.get(l.cliente_id as number) ?? []).filter((h) => h.mes_ano < (l.mes_ano as string)).slice(0, 3),
      })),
    };
  },

  /** Valor das faturas dos meses anteriores dos clientes da página (uma consulta). */
  async valoresAnteriores(linhas: Linha[]): Promise<Map<number, Array<{ mes_ano: string; valor_fatura: number }>>> {
    const porCliente = new Map<number, Array<{ mes_ano: string; valor_fatura: number }>>();
    const ids = [...new Set(linhas.map((l) => l.cliente_id as number))];
    if (!ids.length) return porCliente;
    const anteriores = (await processosComCliente(strapi, strapi.db.connection).whereIn('c.id', ids).whereNotNull('p.valor_fatura')
      .select('c.id as cliente_id', 'p.mes_ano', 'p.valor_fatura').orderBy('p.mes_ano', 'desc')) as Linha[];
    for (const a of anteriores) {
      const lista = porCliente.get(a.cliente_id as number) ?? [];
      lista.push({ mes_ano: a.mes_ano as string, valor_fatura: Number(a.valor_fatura) });
      porCliente.set(a.cliente_id as number, lista);
    }
    return porCliente;
  },

  /** Execuções de obtenção da fatura (downloads e uploads manuais) por processo. */
  async tentativas(processos: number[]): Promise<Map<number, number>> {
    if (!processos.length) return new Map();
    const t = tabelas(strapi);
    const linhas = (await strapi.db.connection(`${t.execucoes} as e`)
      .join(`${t.execucaoProcesso.name} as ep`, `ep.${t.execucaoProcesso.joinColumn.name}`, 'e.id')
      .whereIn(`ep.${t.execucaoProcesso.inverseJoinColumn.name}`, processos)
      .whereIn('e.tipo_execucao', ['DOWNLOAD_FATURA', 'UPLOAD_MANUAL'])
      .select(`ep.${t.execucaoProcesso.inverseJoinColumn.name} as processo`)
      .count({ total: '*' })
      .groupBy(`ep.${t.execucaoProcesso.inverseJoinColumn.name}`)) as Linha[];
    return new Map(linhas.map((l) => [Number(l.processo), Number(l.total)]));
  },
});
