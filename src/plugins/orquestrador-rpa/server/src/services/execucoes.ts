import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { duracaoSegundos, execucoesComOperadora, paginar, valorData } from './consultas-sql';
import { data, paginacao, texto, umDe, type Consulta, type Paginacao } from './filtros';
import { filtrarCliente } from './processos';

export interface FiltrosExecucoes extends Paginacao {
  processo?: string;
  cliente?: string;
  operadora?: string;
  status?: string;
  tipo?: string;
  de?: string;
  ate?: string;
}

/** `status` e `tipo` validados contra os enums do schema da execução. */
export const lerFiltrosExecucoes = (consulta: Consulta, permitidos: { status: readonly string[]; tipo: readonly string[] }): FiltrosExecucoes => {
  const filtros: FiltrosExecucoes = {
    processo: texto(consulta, 'processo'),
    cliente: texto(consulta, 'cliente'),
    operadora: texto(consulta, 'operadora')?.toUpperCase(),
    status: umDe(consulta, 'status', permitidos.status),
    tipo: umDe(consulta, 'tipo', permitidos.tipo),
    de: data(consulta, 'de'),
    ate: data(consulta, 'ate'),
    ...paginacao(consulta),
  };
  if (filtros.de && filtros.ate && filtros.de > filtros.ate) throw new errors.ValidationError(`Período inválido: "de" (${filtros.de}) é depois de "ate" (${filtros.ate}).`);
  return filtros;
};

/** Dia seguinte (o filtro `ate` inclui o dia inteiro). */
const diaSeguinte = (dia: string): Date => new Date(Date.parse(`${dia}T00:00:00Z`) + 24 * 3600 * 1000);

/** Execuções com filtros por processo, cliente, operadora, status, tipo e período (data de criação). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async listar(filtros: FiltrosExecucoes) {
    const consulta = () => {
      const q = execucoesComOperadora(strapi, strapi.db.connection);
      if (filtros.processo) q.where('p.document_id', filtros.processo);
      if (filtros.cliente) filtrarCliente(q, filtros.cliente);
      if (filtros.operadora) q.where('o.codigo', filtros.operadora);
      if (filtros.status) q.where('e.status_execucao', filtros.status);
      if (filtros.tipo) q.where('e.tipo_execucao', filtros.tipo);
      if (filtros.de) q.where('e.created_at', '>=', valorData(strapi, new Date(`${filtros.de}T00:00:00Z`)));
      if (filtros.ate) q.where('e.created_at', '<', valorData(strapi, diaSeguinte(filtros.ate)));
      return q;
    };
    const { linhas, ...pagina } = await paginar(consulta, filtros, (q) => q
      .select('e.document_id as execucao', 'e.tipo_execucao', 'e.status_execucao', 'e.numero_tentativa', 'e.classe_rpa_utilizada', 'e.created_at',
        'e.data_inicio', 'e.data_fim', 'p.document_id as processo', 'p.mes_ano', 'p.status_processo', 'c.nome_sat', 'o.codigo as operadora_codigo', 'o.nome as operadora')
      .select(strapi.db.connection.raw(`${duracaoSegundos(strapi, 'e.data_fim', 'e.data_inicio')} as duracao_segundos`))
      .orderBy([{ column: 'e.created_at', order: 'desc' }, { column: 'e.id', order: 'desc' }]));
    const iso = (valor: unknown) => (valor === null || valor === undefined ? null : new Date(valor as string | number).toISOString());
    return {
      ...pagina,
      itens: linhas.map((l) => ({
        execucao: l.execucao, tipo_execucao: l.tipo_execucao, status_execucao: l.status_execucao, numero_tentativa: l.numero_tentativa,
        classe_rpa_utilizada: l.classe_rpa_utilizada ?? null, criada_em: iso(l.created_at), data_inicio: iso(l.data_inicio), data_fim: iso(l.data_fim),
        duracao_segundos: l.duracao_segundos === null ? null : Math.round(Number(l.duracao_segundos) * 10) / 10,
        processo: { documentId: l.processo, mes_ano: l.mes_ano, status_processo: l.status_processo },
        cliente: { nome_sat: l.nome_sat },
        operadora: { codigo: l.operadora_codigo, nome: l.operadora },
      })),
    };
  },
});
