import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UID } from '@orquestrador-rpa/contrato';

/**
 * Consultas de agregação do painel direto no banco (knex), sem carregar linhas: nomes de tabelas e
 * de tabelas de ligação vindos dos metadados do Strapi, datas no formato de cada banco.
 */
interface Ligacao {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}
type Metadados = { tableName: string; attributes: Record<string, { joinTable?: Ligacao }> };

export const tabelas = (strapi: Core.Strapi) => {
  const meta = (uid: string) => strapi.db.metadata.get(uid) as unknown as Metadados;
  const [p, c, o, e, u] = [UID.PROCESSO, UID.CLIENTE, UID.OPERADORA, UID.EXECUCAO, UID.USUARIO].map(meta) as [
    Metadados,
    Metadados,
    Metadados,
    Metadados,
    Metadados,
  ];
  return {
    processos: p.tableName,
    processoCliente: p.attributes.cliente!.joinTable!,
    clientes: c.tableName,
    clienteOperadora: c.attributes.operadora!.joinTable!,
    operadoras: o.tableName,
    execucoes: e.tableName,
    execucaoProcesso: e.attributes.processo!.joinTable!,
    execucaoUsuario: e.attributes.executado_por_usuario!.joinTable!,
    usuarios: u.tableName,
  };
};

export const ehPostgres = (strapi: Core.Strapi): boolean => strapi.db.dialect.client === 'postgres';

/** Data como o banco a guarda: `timestamp` no PostgreSQL, milissegundos no SQLite. */
export const valorData = (strapi: Core.Strapi, data: Date): Date | number =>
  ehPostgres(strapi) ? data : data.getTime();

/** Duração em segundos entre duas colunas de data. */
export const duracaoSegundos = (strapi: Core.Strapi, fim: string, inicio: string): string =>
  ehPostgres(strapi) ? `extract(epoch from (${fim} - ${inicio}))` : `((${fim} - ${inicio}) / 1000.0)`;

/** processo p → cliente c → operadora o. */
export const processosComCliente = (strapi: Core.Strapi, knex: Knex) => {
  const t = tabelas(strapi);
  return knex(`${t.processos} as p`)
    .join(`${t.processoCliente.name} as pc`, `pc.${t.processoCliente.joinColumn.name}`, 'p.id')
    .join(`${t.clientes} as c`, 'c.id', `pc.${t.processoCliente.inverseJoinColumn.name}`)
    .join(`${t.clienteOperadora.name} as co`, `co.${t.clienteOperadora.joinColumn.name}`, 'c.id')
    .join(`${t.operadoras} as o`, 'o.id', `co.${t.clienteOperadora.inverseJoinColumn.name}`);
};

/** execução e → processo p → cliente c → operadora o. */
export const execucoesComOperadora = (strapi: Core.Strapi, knex: Knex) => {
  const t = tabelas(strapi);
  return processosComCliente(strapi, knex)
    .join(`${t.execucaoProcesso.name} as ep`, `ep.${t.execucaoProcesso.inverseJoinColumn.name}`, 'p.id')
    .join(`${t.execucoes} as e`, 'e.id', `ep.${t.execucaoProcesso.joinColumn.name}`);
};

/**
 * execução e → operadora o só pelas tabelas de ligação, sem ler processos nem clientes (as chaves
 * estrangeiras com cascata garantem que as ligações apontam para linhas que existem): a saúde por
 * operadora junta centenas de milhares de execuções e não usa nenhuma coluna daquelas duas tabelas.
 */
export const execucoesComOperadoraPelasLigacoes = (strapi: Core.Strapi, knex: Knex) => {
  const t = tabelas(strapi);
  return knex(`${t.execucoes} as e`)
    .join(`${t.execucaoProcesso.name} as ep`, `ep.${t.execucaoProcesso.joinColumn.name}`, 'e.id')
    .join(
      `${t.processoCliente.name} as pc`,
      `pc.${t.processoCliente.joinColumn.name}`,
      `ep.${t.execucaoProcesso.inverseJoinColumn.name}`
    )
    .join(
      `${t.clienteOperadora.name} as co`,
      `co.${t.clienteOperadora.joinColumn.name}`,
      `pc.${t.processoCliente.inverseJoinColumn.name}`
    )
    .join(`${t.operadoras} as o`, 'o.id', `co.${t.clienteOperadora.inverseJoinColumn.name}`);
};

export interface PaginaDeLinhas {
  total: number;
  pagina: number;
  por_pagina: number;
  linhas: Array<Record<string, unknown>>;
}

/**
 * Uma página de uma consulta filtrada: conta o total e busca só as linhas da página, ao mesmo tempo.
 * `selecionar` recebe a consulta e põe colunas e ordem; `contagem`, quando o filtro não depende das
 * tabelas juntadas, conta numa consulta mais barata (só a tabela principal).
 */
export const paginar = async (
  consulta: () => Knex.QueryBuilder,
  { pagina, por_pagina }: { pagina: number; por_pagina: number },
  selecionar: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
  contagem: () => Knex.QueryBuilder = consulta
): Promise<PaginaDeLinhas> => {
  const [[{ total }], linhas] = (await Promise.all([
    contagem().count({ total: '*' }),
    selecionar(consulta())
      .offset((pagina - 1) * por_pagina)
      .limit(por_pagina),
  ])) as [Array<{ total: number | string }>, Array<Record<string, unknown>>];
  return { total: Number(total), pagina, por_pagina, linhas };
};
