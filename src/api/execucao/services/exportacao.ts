import { PassThrough, type Readable } from 'stream';
import type { Core } from '@strapi/strapi';
import { erroValidacao } from '../../../regras/erros';
import { condicoesExecucoes, lerFiltrosExecucoes } from '../../../consultas/filtros';
import { BOM, linhaCsv } from '@orquestrador-rpa/contrato';
import { detalheExecucao } from '../../../workflow/execucoes';
import { UID } from '@orquestrador-rpa/contrato';
import { relacoesDasExecucoes, type RelacoesExecucao } from '../../../consultas/relacoes-execucoes';
import { mascaraAtual } from '../../../regras/middlewares/dados-protegidos';

type Dados = Record<string, unknown>;
type Mascara = ReturnType<typeof mascaraAtual>;

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

/** Uma linha do arquivo, com a máscara do perfil de quem exporta (a mesma da API). */
const linhaExportacao = (execucao: Dados, r: RelacoesExecucao | undefined, mascara: Mascara): Dados => {
  mascara.registros(UID.EXECUCAO, execucao);
  const { documentId, ...detalhe } = detalheExecucao(execucao);
  return {
    ...detalhe,
    processo: r?.processo ?? null,
    mes_ano: r?.mes_ano ?? null,
    cliente: r?.cliente ?? null,
    razao_social: r?.razao_social ?? null,
    cnpj: r?.cnpj ?? null,
    operadora: r?.operadora ?? null,
    usuario: mascara.valor(UID.USUARIO, 'email', r?.usuario),
    execucao: documentId,
    criado_em: execucao.createdAt,
    ip_origem: execucao.ip_origem ?? null,
    user_agent: execucao.user_agent ?? null,
  };
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Páginas por chave (id crescente): memória constante, qualquer volume. */
  async function* paginas(where: Dados, mascara: Mascara): AsyncGenerator<Dados[]> {
    let ultimo = 0;
    for (;;) {
      const pagina = (await strapi.db.query(UID.EXECUCAO).findMany({
        where: { $and: [where, { id: { $gt: ultimo } }] },
        orderBy: { id: 'asc' },
        limit: PAGINA,
      })) as Dados[];
      if (pagina.length === 0) return;
      const relacoes = await relacoesDasExecucoes(
        strapi,
        pagina.map((e) => e.id as number)
      );
      yield pagina.map((e) => linhaExportacao(e, relacoes.get(e.id as number), mascara));
      ultimo = pagina[pagina.length - 1]!.id as number;
      if (pagina.length < PAGINA) return;
    }
  }

  return {
    lerFiltros,

    /** Fluxo CSV (`;`, BOM) ou JSON (array) das execuções filtradas, escrito com contrapressão. */
    exportar(filtros: FiltrosExportacao): Readable {
      const saida = new PassThrough();
      const mascara = mascaraAtual(strapi); // o perfil de quem pediu, lido uma vez (na requisição)
      const escrever = async (pedaco: string) => {
        if (!saida.write(pedaco)) await new Promise((resolver) => saida.once('drain', resolver));
      };
      (async () => {
        let primeiro = true;
        await escrever(filtros.formato === 'csv' ? BOM + linhaCsv(COLUNAS_EXPORTACAO) : '[');
        for await (const pagina of paginas(filtros.where, mascara)) {
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
