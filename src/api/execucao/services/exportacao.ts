import { PassThrough, type Readable } from 'stream';
import type { Core } from '@strapi/strapi';
import { exigirSemErros, type ErroDeCampo } from '../../../regras/erros';
import { UID_EXECUCAO } from '../../../workflow/consultas';
import { BOM, linhaCsv } from '../../../workflow/csv';
import { lerData } from '../../../workflow/dados-fatura';
import { detalheExecucao } from '../../../workflow/execucoes';

type Dados = Record<string, unknown>;

const PAGINA = 500;
const STATUS = ['PENDENTE', 'EXECUTANDO', 'CONCLUIDO', 'FALHOU', 'TENTANDO_NOVAMENTE', 'INTERROMPIDA'];
const TIPOS = ['DOWNLOAD_FATURA', 'UPLOAD_SAT', 'UPLOAD_MANUAL'];

export const COLUNAS_EXPORTACAO = [
  'execucao', 'processo', 'mes_ano', 'cliente', 'razao_social', 'cnpj', 'operadora', 'tipo_execucao', 'status_execucao',
  'numero_tentativa', 'classe_rpa_utilizada', 'criado_em', 'data_inicio', 'data_fim', 'usuario', 'ip_origem', 'user_agent',
  'mensagem_log', 'parametros_entrada', 'resultado_saida', 'detalhes_erro', 'url_arquivo',
] as const;

export interface FiltrosExportacao {
  formato: 'csv' | 'json';
  where: Dados;
}

const texto = (valor: unknown): string | undefined => (typeof valor === 'string' && valor.trim() !== '' ? valor.trim() : undefined);

/** Valida a consulta (`formato`, `processo`, `cliente`, `operadora`, `status`, `tipo`, `de`, `ate`). */
export const lerFiltros = (consulta: Dados): FiltrosExportacao => {
  const problemas: ErroDeCampo[] = [];
  const formato = (texto(consulta.formato) ?? 'csv').toLowerCase();
  if (formato !== 'csv' && formato !== 'json') problemas.push({ campo: 'formato', mensagem: `Formato "${formato}" inválido: use csv ou json.` });
  const where: Dados[] = [];
  const processo = texto(consulta.processo);
  const cliente = texto(consulta.cliente);
  const operadora = texto(consulta.operadora);
  if (processo) where.push({ processo: { documentId: processo } });
  if (cliente) where.push({ processo: { cliente: { documentId: cliente } } });
  if (operadora) where.push({ processo: { cliente: { operadora: { $or: [{ documentId: operadora }, { codigo: operadora.toUpperCase() }] } } } });
  const status = texto(consulta.status)?.toUpperCase();
  if (status && !STATUS.includes(status)) problemas.push({ campo: 'status', mensagem: `Status "${status}" inválido: use ${STATUS.join(', ')}.` });
  else if (status) where.push({ status_execucao: status });
  const tipo = texto(consulta.tipo)?.toUpperCase();
  if (tipo && !TIPOS.includes(tipo)) problemas.push({ campo: 'tipo', mensagem: `Tipo "${tipo}" inválido: use ${TIPOS.join(', ')}.` });
  else if (tipo) where.push({ tipo_execucao: tipo });
  for (const [campo, operador, ajuste] of [['de', '$gte', 0], ['ate', '$lt', 1]] as const) {
    const bruto = texto(consulta[campo]);
    if (!bruto) continue;
    const dia = lerData(bruto);
    if (!dia) {
      problemas.push({ campo, mensagem: `Data "${bruto}" inválida em "${campo}": use AAAA-MM-DD ou DD/MM/AAAA.` });
      continue;
    }
    const limite = new Date(`${dia}T00:00:00-03:00`);
    limite.setUTCDate(limite.getUTCDate() + ajuste);
    where.push({ createdAt: { [operador]: limite } });
  }
  exigirSemErros(problemas);
  return { formato: formato as 'csv' | 'json', where: where.length ? { $and: where } : {} };
};

const linhaExportacao = (execucao: Dados): Dados => {
  const processo = (execucao.processo ?? {}) as Dados;
  const cliente = (processo.cliente ?? {}) as Dados;
  const operadora = (cliente.operadora ?? {}) as Dados;
  const usuario = execucao.executado_por_usuario as Dados | null;
  const { documentId, ...detalhe } = detalheExecucao(execucao);
  return {
    ...detalhe,
    execucao: documentId,
    processo: processo.documentId ?? null,
    mes_ano: processo.mes_ano ?? null,
    cliente: cliente.documentId ?? null,
    razao_social: cliente.razao_social ?? null,
    cnpj: cliente.cnpj ?? null,
    operadora: operadora.codigo ?? null,
    criado_em: execucao.createdAt,
    usuario: usuario?.email ?? null,
    ip_origem: execucao.ip_origem ?? null,
    user_agent: execucao.user_agent ?? null,
  };
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Páginas por chave (id crescente): memória constante, qualquer volume. */
  async function* paginas(where: Dados): AsyncGenerator<Dados[]> {
    let ultimo = 0;
    for (;;) {
      const pagina = (await strapi.db.query(UID_EXECUCAO).findMany({
        where: { $and: [where, { id: { $gt: ultimo } }] },
        orderBy: { id: 'asc' },
        limit: PAGINA,
        populate: {
          processo: { select: ['documentId', 'mes_ano'], populate: { cliente: { select: ['documentId', 'razao_social', 'cnpj'], populate: { operadora: { select: ['codigo'] } } } } },
          executado_por_usuario: { select: ['email'] },
        },
      })) as Dados[];
      if (pagina.length === 0) return;
      yield pagina.map(linhaExportacao);
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
