import type { Core } from '@strapi/strapi';
import { tabelas } from '../plugins/orquestrador-rpa/server/src/services/consultas-sql';

/** O que a lista e a exportação das execuções mostram de fora da execução. */
export interface RelacoesExecucao {
  processo: string | null;
  mes_ano: string | null;
  status_processo: string | null;
  cliente: string | null;
  nome_sat: string | null;
  razao_social: string | null;
  cnpj: string | null;
  operadora: string | null;
  operadora_nome: string | null;
  usuario: string | null;
}

/**
 * Processo, cliente, operadora e e-mail de quem pediu de várias execuções numa consulta só: o
 * populate aninhado do Query Engine faz uma consulta por nível, uma depois da outra.
 */
export const relacoesDasExecucoes = async (
  strapi: Core.Strapi,
  ids: number[]
): Promise<Map<number, RelacoesExecucao>> => {
  if (ids.length === 0) return new Map();
  const t = tabelas(strapi);
  const eu = t.execucaoUsuario;
  const linhas = (await strapi.db
    .connection(`${t.execucoes} as e`)
    .leftJoin(`${t.execucaoProcesso.name} as ep`, `ep.${t.execucaoProcesso.joinColumn.name}`, 'e.id')
    .leftJoin(`${t.processos} as p`, 'p.id', `ep.${t.execucaoProcesso.inverseJoinColumn.name}`)
    .leftJoin(`${t.processoCliente.name} as pc`, `pc.${t.processoCliente.joinColumn.name}`, 'p.id')
    .leftJoin(`${t.clientes} as c`, 'c.id', `pc.${t.processoCliente.inverseJoinColumn.name}`)
    .leftJoin(`${t.clienteOperadora.name} as co`, `co.${t.clienteOperadora.joinColumn.name}`, 'c.id')
    .leftJoin(`${t.operadoras} as o`, 'o.id', `co.${t.clienteOperadora.inverseJoinColumn.name}`)
    .leftJoin(`${eu.name} as eu`, `eu.${eu.joinColumn.name}`, 'e.id')
    .leftJoin(`${t.usuarios} as u`, 'u.id', `eu.${eu.inverseJoinColumn.name}`)
    .whereIn('e.id', ids)
    .select(
      'e.id as id',
      'p.document_id as processo',
      'p.mes_ano as mes_ano',
      'p.status_processo as status_processo',
      'c.document_id as cliente',
      'c.nome_sat as nome_sat',
      'c.razao_social as razao_social',
      'c.cnpj as cnpj',
      'o.codigo as operadora',
      'o.nome as operadora_nome',
      'u.email as usuario'
    )) as Array<RelacoesExecucao & { id: number }>;
  return new Map(linhas.map(({ id, ...relacoes }) => [Number(id), relacoes]));
};
