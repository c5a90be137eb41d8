import { PassThrough, type Readable } from 'stream';
import type { Core } from '@strapi/strapi';
import { erroValidacao } from '../../../regras/erros';
import { condicoesExecucoes, lerFiltrosExecucoes } from '../../../consultas/filtros';
import { BOM, linhaCsv } from '@orquestrador-rpa/contrato';
import { detalheExecucao } from '../../../workflow/execucoes';
import { UID } from '@orquestrador-rpa/contrato';
import { tabelas } from '../../../plugins/orquestrador-rpa/server/src/services/consultas-sql';

type Dados = Record<string, unknown>;

const PAGINA = 1000;

export const COLUNAS_EXPORTACAO = [
  'execucao',
  'processo',
  'mes_ano',
  'cliente',
  'razao_social',
  'cnpj',
  'operadora',
  'tipo_execucao',
  'status_execucao',
  'numero_tentativa',
  'classe_rpa_utilizada',
  'criado_em',
  'data_inicio',
  'data_fim',
  'usuario',
  'ip_origem',
  'user_agent',
  'mensagem_log',
  'parametros_entrada',
  'resultado_saida',
  'detalhes_erro',
  'url_arquivo',
] as const;

export interface FiltrosExportacao {
  formato: 'csv' | 'json';
  where: Dados;
}

/**
 * Valida a consulta: `formato` (csv ou json) e os filtros das execuções — os mesmos da lista do
 * painel (`src/consultas/filtros.ts`), então o arquivo traz exatamente as linhas da tela.
 */
export const lerFiltros = async (consulta: Dados): Promise<FiltrosExportacao> => {
  const formato = (
    typeof consulta.formato === 'string' && consulta.formato.trim() ? consulta.formato.trim() : 'csv'
  ).toLowerCase();
  if (formato !== 'csv' && formato !== 'json')
    throw erroValidacao(`Formato "${formato}" inválido: use csv ou json.`, [
      { campo: 'formato', mensagem: 'Use csv ou json.' },
    ]);
  const { pagina: _p, por_pagina: _pp, ...filtros } = await lerFiltrosExecucoes(consulta);
  return { formato, where: condicoesExecucoes(filtros) };
};

/** O que a exportação mostra de fora da execução: processo, cliente, operadora e quem pediu. */
interface Relacoes {
  processo: string | null;
  mes_ano: string | null;
  cliente: string | null;
  razao_social: string | null;
  cnpj: string | null;
  operadora: string | null;
  usuario: string | null;
}

const linhaExportacao = (execucao: Dados, relacoes: Relacoes | undefined): Dados => {
  const { documentId, ...detalhe } = detalheExecucao(execucao);
  return {
    ...detalhe,
    ...relacoes,
    execucao: documentId,
    criado_em: execucao.createdAt,
    ip_origem: execucao.ip_origem ?? null,
    user_agent: execucao.user_agent ?? null,
  };
};

interface Ligacao {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * Processo, cliente, operadora e e-mail de quem pediu, de uma página inteira numa consulta só
   * (o populate aninhado do Query Engine fazia quatro por página).
   */
  const relacoesDaPagina = async (ids: number[]): Promise<Map<number, Relacoes>> => {
    const t = tabelas(strapi);
    const execucao = strapi.db.metadata.get(UID.EXECUCAO) as unknown as {
      attributes: { executado_por_usuario: { joinTable: Ligacao } };
    };
    const eu = execucao.attributes.executado_por_usuario.joinTable;
    const usuarios = (strapi.db.metadata.get(UID.USUARIO) as unknown as { tableName: string }).tableName;
    const linhas = (await strapi.db
      .connection(`${t.execucoes} as e`)
      .leftJoin(`${t.execucaoProcesso.name} as ep`, `ep.${t.execucaoProcesso.joinColumn.name}`, 'e.id')
      .leftJoin(`${t.processos} as p`, 'p.id', `ep.${t.execucaoProcesso.inverseJoinColumn.name}`)
      .leftJoin(`${t.processoCliente.name} as pc`, `pc.${t.processoCliente.joinColumn.name}`, 'p.id')
      .leftJoin(`${t.clientes} as c`, 'c.id', `pc.${t.processoCliente.inverseJoinColumn.name}`)
      .leftJoin(`${t.clienteOperadora.name} as co`, `co.${t.clienteOperadora.joinColumn.name}`, 'c.id')
      .leftJoin(`${t.operadoras} as o`, 'o.id', `co.${t.clienteOperadora.inverseJoinColumn.name}`)
      .leftJoin(`${eu.name} as eu`, `eu.${eu.joinColumn.name}`, 'e.id')
      .leftJoin(`${usuarios} as u`, 'u.id', `eu.${eu.inverseJoinColumn.name}`)
      .whereIn('e.id', ids)
      .select(
        'e.id as id',
        'p.document_id as processo',
        'p.mes_ano as mes_ano',
        'c.document_id as cliente',
        'c.razao_social as razao_social',
        'c.cnpj as cnpj',
        'o.codigo as operadora',
        'u.email as usuario'
      )) as Array<Relacoes & { id: number }>;
    return new Map(linhas.map(({ id, ...relacoes }) => [Number(id), relacoes]));
  };

  /** Páginas por chave (id crescente): memória constante, qualquer volume. */
  async function* paginas(where: Dados): AsyncGenerator<Dados[]> {
    let ultimo = 0;
    for (;;) {
      const pagina = (await strapi.db.query(UID.EXECUCAO).findMany({
        where: { $and: [where, { id: { $gt: ultimo } }] },
        orderBy: { id: 'asc' },
        limit: PAGINA,
      })) as Dados[];
      if (pagina.length === 0) return;
      const relacoes = await relacoesDaPagina(pagina.map((e) => e.id as number));
      yield pagina.map((e) => linhaExportacao(e, relacoes.get(e.id as number)));
      ultimo = pagina[pagina.length - 1]!.id as number;
      if (pagina.length < PAGINA) return;
    }
  }

  return {
    lerFiltros,

    /** Fluxo CSV (`;`, BOM) ou JSON (array) das execuções filtradas, escrito com contrapressão. */
    exportar(filtros: FiltrosExportacao): Readable {
      const saida = new PassThrough();
      const escrever = async (pedaco: string) => {
        if (!saida.write(pedaco)) await new Promise((resolver) => saida.once('drain', resolver));
      };
      (async () => {
        let primeiro = true;
        await escrever(filtros.formato === 'csv' ? BOM + linhaCsv(COLUNAS_EXPORTACAO) : '[');
        for await (const pagina of paginas(filtros.where)) {
          for (const linha of pagina) {
            if (filtros.formato === 'csv') await escrever(linhaCsv(COLUNAS_EXPORTACAO.map((c) => linha[c])));
            else await escrever(`${primeiro ? '' : ','}\n${JSON.stringify(linha)}`);
            primeiro = false;
          }
        }
        if (filtros.formato === 'json') await escrever('\n]\n');
        saida.end();
      })().catch((erro: Error) => {
        strapi.log.error(`Exportação de execuções interrompida: ${erro.message}`);
        saida.destroy(erro);
      });
      return saida;
    },
  };
};
