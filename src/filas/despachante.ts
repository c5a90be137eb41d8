import type { Core } from '@strapi/strapi';
import {
  FILAS,
  obterProdutor,
  fecharProdutor,
  type TipoExecucaoRobo,
  type TrabalhoExecucao,
} from './produtor';
import { iniciarTarefaPeriodica } from './tarefa-periodica';
import { assinarTokenDoJob } from '../seguranca/token-job';
import { codigoDoPortal, StatusExecucao, UID } from '@orquestrador-rpa/contrato';
import { configuracao } from '../configuracao';

/**
 * Despachante (outbox): execuções PENDENTE ainda não publicadas viram jobs. Roda logo depois de
 * cada aprovação, na subida do Strapi e periodicamente — assim uma aprovação feita com o Redis
 * fora é enfileirada quando ele voltar.
 */
export interface ExecucaoPendente {
  id: number;
  documentId: string;
  tipo_execucao: TipoExecucaoRobo;
  processo: { documentId: string; cliente?: { operadora?: { codigo?: string } | null } | null };
}

/** Código usado no limite de sessões por portal: o do SAT para envios, o da operadora para downloads. */
const portalDe = (execucao: ExecucaoPendente): string =>
  codigoDoPortal(execucao.tipo_execucao, execucao.processo.cliente?.operadora?.codigo ?? 'DESCONHECIDA');

const trabalhoDe = (execucao: ExecucaoPendente): TrabalhoExecucao => ({
  id_execucao: execucao.documentId,
  id_processo: execucao.processo.documentId,
  tipo_execucao: execucao.tipo_execucao,
  operadora_codigo: portalDe(execucao),
  token_execucao: assinarTokenDoJob(execucao.documentId),
});

const marcarEnfileiradas = (strapi: Core.Strapi, ids: number[]) =>
  strapi.db.query(UID.EXECUCAO).updateMany({
    where: { id: { $in: ids }, data_enfileiramento: { $null: true } },
    data: { data_enfileiramento: new Date() },
  });

/** Publica uma execução e marca `data_enfileiramento`; devolve se conseguiu. */
export const enfileirarExecucao = async (
  strapi: Core.Strapi,
  execucao: ExecucaoPendente
): Promise<boolean> => {
  const publicada = await obterProdutor(strapi).enfileirar(trabalhoDe(execucao));
  if (publicada) await marcarEnfileiradas(strapi, [execucao.id]);
  return publicada;
};

/** Publica todas as pendentes, em lotes (`addBulk`); para no primeiro lote que o Redis recusar. */
export const despacharPendentes = async (
  strapi: Core.Strapi,
  lote = 500
): Promise<{ enfileiradas: number; pendentes: number }> => {
  const buscar = async () =>
    (
      (await strapi.db.query(UID.EXECUCAO).findMany({
        where: {
          status_execucao: StatusExecucao.PENDENTE,
          data_enfileiramento: { $null: true },
          tipo_execucao: { $in: Object.keys(FILAS) },
        },
        select: ['id', 'documentId', 'tipo_execucao'],
        populate: {
          processo: {
            select: ['documentId'],
            populate: { cliente: { select: ['id'], populate: { operadora: { select: ['codigo'] } } } },
          },
        },
        orderBy: { id: 'asc' },
        limit: lote,
      })) as ExecucaoPendente[]
    ).filter((e) => e.processo);
  let enfileiradas = 0;
  for (let pagina = await buscar(); pagina.length > 0; pagina = await buscar()) {
    const publicados = new Set(await obterProdutor(strapi).enfileirarLote(pagina.map(trabalhoDe)));
    const ids = pagina.filter((e) => publicados.has(e.documentId)).map((e) => e.id);
    if (ids.length) await marcarEnfileiradas(strapi, ids);
    enfileiradas += ids.length;
    if (ids.length < pagina.length) return { enfileiradas, pendentes: pagina.length - ids.length };
  }
  return { enfileiradas, pendentes: 0 };
};

let parar: (() => void) | null = null;

export const iniciarDespachante = (strapi: Core.Strapi): void => {
  parar = iniciarTarefaPeriodica(
    configuracao().filas.intervaloDespachoMs,
    async () => void (await despacharPendentes(strapi)),
    (erro) => strapi.log.error(`Despachante de execuções falhou: ${erro.message}`),
    (ciclos) =>
      strapi.log.info(`Despachante de execuções voltou a rodar depois de ${ciclos} ciclo(s) com falha.`)
  );
};

export const pararDespachante = async (): Promise<void> => {
  parar?.();
  parar = null;
  await fecharProdutor();
};
