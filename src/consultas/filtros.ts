import {
  type EstadoProcesso,
  ESTADOS_PROCESSO,
  fimDoDia,
  inicioDoDia,
  lerData,
  OrigemFatura,
  ORIGENS_FATURA,
  REGEX_COMPETENCIA,
  STATUS_EXECUCAO,
  TIPOS_EXECUCAO,
  type StatusExecucao,
  type TipoExecucao,
  CANAIS_NOTIFICACAO,
  EVENTOS_NOTIFICACAO,
  STATUS_NOTIFICACAO,
  type CanalNotificacao,
  type EventoNotificacao,
  type StatusNotificacao,
  SITUACOES_CONFERENCIA,
  type SituacaoConferencia,
} from '@orquestrador-rpa/contrato';
import type { Knex } from 'knex';
import { yup } from '@strapi/utils';
import { validarEsquema } from '../regras/erros';

/**
 * Filtros das listas de processos e de execuções: um esquema por recurso, o mesmo para a lista do
 * painel, a exportação e a API. Um significado por campo e um fuso (o da operação) para as datas.
 */
type Dados = Record<string, unknown>;

const texto = () =>
  yup
    .string()
    .trim()
    .transform((v: string) => v || undefined);
const lista = <T extends string>(campo: string, valores: readonly T[]) =>
  texto()
    .transform((v: string | undefined) => v?.toUpperCase())
    .test(
      'lista',
      (v) => `${campo} "${String(v.value)}" inválido: use ${valores.join(', ')}.`,
      (v) => v === undefined || valores.includes(v as T)
    );
const data = (campo: string) =>
  texto()
    .test(
      'data',
      (v) => `${campo} "${String(v.value)}" inválido: use AAAA-MM-DD ou DD/MM/AAAA.`,
      (v) => v === undefined || lerData(v) !== null
    )
    .transform((v: string | undefined) => (v === undefined ? v : (lerData(v) ?? v)));
const paginacao = {
  pagina: yup
    .number()
    .transform((v: number) => (Number.isFinite(v) && v >= 1 ? Math.floor(v) : 1))
    .default(1),
  por_pagina: yup
    .number()
    .transform((v: number) => (Number.isFinite(v) ? Math.min(100, Math.max(1, Math.floor(v))) : 25))
    .default(25),
};

export interface Paginacao {
  pagina: number;
  por_pagina: number;
}

export interface FiltrosExecucoes extends Paginacao {
  /** documentId do processo. */
  processo?: string;
  /** documentId do cliente, ou parte do nome no SAT, da razão social ou do CNPJ. */
  cliente?: string;
  /** Código (ou documentId) da operadora. */
  operadora?: string;
  status?: StatusExecucao;
  tipo?: TipoExecucao;
  /** Dia inicial e final (inclusive) da criação, no fuso da operação. */
  de?: string;
  ate?: string;
}

export interface FiltrosProcessos extends Paginacao {
  mes_ano?: string;
  status?: EstadoProcesso;
  operadora?: string;
  cliente?: string;
  origem?: OrigemFatura;
}

const esquemaExecucoes = yup.object({
  processo: texto(),
  cliente: texto(),
  operadora: texto(),
  status: lista('status', STATUS_EXECUCAO),
  tipo: lista('tipo', TIPOS_EXECUCAO),
  de: data('de'),
  ate: data('ate').test('periodo', 'Período inválido.', function (ate) {
    const de = lerData(this.parent.de);
    const fim = lerData(ate);
    return (
      !de ||
      !fim ||
      de <= fim ||
      this.createError({ message: `Período inválido: "de" (${de}) é depois de "ate" (${fim}).` })
    );
  }),
  ...paginacao,
});

const esquemaProcessos = yup.object({
  mes_ano: texto().test(
    'competencia',
    (v) => `mes_ano "${String(v.value)}" inválido: use AAAA-MM.`,
    (v) => v === undefined || REGEX_COMPETENCIA.test(v)
  ),
  status: lista('status', ESTADOS_PROCESSO),
  operadora: texto(),
  cliente: texto(),
  origem: lista('origem', ORIGENS_FATURA),
  ...paginacao,
});

export interface FiltrosAprovacoes extends Paginacao {
  operadora?: string;
  cliente?: string;
  mes_ano?: string;
  /** Só faturas que vencem até este dia. */
  vencimento_ate?: string;
  /** Situação da conferência fiscal (COM_ACHADOS, SEM_ACHADOS, NAO_LIDA…). */
  conferencia?: SituacaoConferencia;
}

const esquemaAprovacoes = yup.object({
  operadora: texto(),
  cliente: texto(),
  mes_ano: esquemaProcessos.fields.mes_ano,
  vencimento_ate: data('vencimento_ate'),
  conferencia: lista('conferencia', SITUACOES_CONFERENCIA),
  ...paginacao,
});

export const lerFiltrosAprovacoes = (consulta: Dados): Promise<FiltrosAprovacoes> =>
  validarEsquema<FiltrosAprovacoes>(esquemaAprovacoes, consulta);
export const lerFiltrosExecucoes = (consulta: Dados): Promise<FiltrosExecucoes> =>
  validarEsquema<FiltrosExecucoes>(esquemaExecucoes, consulta);
export const lerFiltrosProcessos = (consulta: Dados): Promise<FiltrosProcessos> =>
  validarEsquema<FiltrosProcessos>(esquemaProcessos, consulta);

/** Cliente por documentId ou parte do nome no SAT, da razão social ou do CNPJ (sem diferenciar maiúsculas). */
const condicaoCliente = (termo: string): Dados => ({
  $or: [
    { documentId: termo },
    { nome_sat: { $containsi: termo } },
    { razao_social: { $containsi: termo } },
    { cnpj: { $containsi: termo } },
  ],
});
const condicaoOperadora = (termo: string): Dados => ({
  $or: [{ codigo: termo.toUpperCase() }, { documentId: termo }],
});

/** Condições do Query Engine para as execuções: as mesmas na lista do painel e na exportação. */
export const condicoesExecucoes = (f: Omit<FiltrosExecucoes, keyof Paginacao>): Dados => {
  const e: Dados[] = [];
  if (f.processo) e.push({ processo: { documentId: f.processo } });
  if (f.cliente) e.push({ processo: { cliente: condicaoCliente(f.cliente) } });
  if (f.operadora) e.push({ processo: { cliente: { operadora: condicaoOperadora(f.operadora) } } });
  if (f.status) e.push({ status_execucao: f.status });
  if (f.tipo) e.push({ tipo_execucao: f.tipo });
  if (f.de) e.push({ createdAt: { $gte: inicioDoDia(f.de) } });
  if (f.ate) e.push({ createdAt: { $lte: fimDoDia(f.ate) } });
  return e.length ? { $and: e } : {};
};

/**
 * Parte do texto sem diferenciar maiúsculas, como o `$containsi` do Strapi (LOWER dos dois lados no
 * banco, então o SQLite compara acentos do mesmo jeito), com `%`, `_` e `\\` literais.
 */
const contem = (coluna: string, termo: string): [string, string[]] => [
  `lower(${coluna}) like lower(?) escape '\\'`,
  [`%${termo.replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
];

/**
 * Os filtros dos processos em SQL sobre a junção p (processo) → c (cliente) → o (operadora): lista do
 * painel e da API e fila de aprovação. Mesmos significados das condições das execuções: cliente por
 * documentId ou parte do nome no SAT, da razão social ou do CNPJ; operadora por código ou documentId.
 */
export const filtrarProcessos = (
  q: Knex.QueryBuilder,
  f: Omit<FiltrosProcessos, keyof Paginacao>
): Knex.QueryBuilder => {
  if (f.mes_ano) q.where('p.mes_ano', f.mes_ano);
  if (f.status) q.where('p.status_processo', f.status);
  const { operadora, cliente } = f;
  if (operadora)
    q.where((w) => w.where('o.codigo', operadora.toUpperCase()).orWhere('o.document_id', operadora));
  if (cliente)
    q.where((w) => {
      w.where('c.document_id', cliente);
      for (const coluna of ['c.nome_sat', 'c.razao_social', 'c.cnpj'])
        w.orWhereRaw(...contem(coluna, cliente));
    });
  if (f.origem === OrigemFatura.UPLOAD_MANUAL) q.where('p.upload_manual', true);
  if (f.origem === OrigemFatura.RPA) q.where('p.upload_manual', false).whereNotNull('p.hash_fatura');
  return q;
};

/** Origem da fatura de um processo (null enquanto não há fatura). */
export const origemDoProcesso = (p: {
  upload_manual?: unknown;
  hash_fatura?: unknown;
}): OrigemFatura | null =>
  p.upload_manual ? OrigemFatura.UPLOAD_MANUAL : p.hash_fatura ? OrigemFatura.RPA : null;

/** Fila de aprovação: processos aguardando aprovação com os mesmos filtros de cliente e operadora dos processos. */
export const filtrarAprovacoes = (
  q: Knex.QueryBuilder,
  { vencimento_ate, conferencia, ...f }: Omit<FiltrosAprovacoes, keyof Paginacao>
): Knex.QueryBuilder => {
  filtrarProcessos(q, { ...f, status: 'AGUARDANDO_APROVACAO' });
  if (vencimento_ate) q.where('p.data_vencimento', '<=', vencimento_ate);
  if (conferencia) q.where('p.situacao_conferencia', conferencia);
  return q;
};

export interface FiltrosNotificacoes extends Paginacao {
  status?: StatusNotificacao;
  canal?: CanalNotificacao;
  evento?: EventoNotificacao;
  /** documentId do processo. */
  processo?: string;
}

const esquemaNotificacoes = yup.object({
  status: lista('status', STATUS_NOTIFICACAO),
  canal: lista('canal', CANAIS_NOTIFICACAO),
  evento: lista('evento', EVENTOS_NOTIFICACAO),
  processo: texto(),
  ...paginacao,
});

export const lerFiltrosNotificacoes = (consulta: Dados): Promise<FiltrosNotificacoes> =>
  validarEsquema<FiltrosNotificacoes>(esquemaNotificacoes, consulta);

/** Condições do Query Engine para a caixa de saída das notificações. */
export const condicoesNotificacoes = (f: Omit<FiltrosNotificacoes, keyof Paginacao>): Dados => {
  const e: Dados[] = [];
  if (f.status) e.push({ status_envio: f.status });
  if (f.canal) e.push({ tipo_notificacao: f.canal });
  if (f.evento) e.push({ evento: f.evento });
  if (f.processo) e.push({ processo: { documentId: f.processo } });
  return e.length ? { $and: e } : {};
};
