import type { Core } from '@strapi/strapi';
import { UID_EXECUCAO } from '../workflow/consultas';
import { obterProdutor, fecharProdutor, type TipoExecucaoEnfileiravel } from './produtor';

/**
 * Despachante (outbox): execuções PENDENTE ainda não publicadas viram jobs. Roda logo depois de
 * cada aprovação, na subida do Strapi e periodicamente — assim uma aprovação feita com o Redis
 * fora é enfileirada quando ele voltar.
 */
export interface ExecucaoPendente {
  id: number;
  documentId: string;
  tipo_execucao: TipoExecucaoEnfileiravel;
  processo: { documentId: string };
}

/** Publica uma execução e marca `data_enfileiramento`; devolve se conseguiu. */
export const enfileirarExecucao = async (strapi: Core.Strapi, execucao: ExecucaoPendente): Promise<boolean> => {
  const publicada = await obterProdutor(strapi).enfileirar({
    id_execucao: execucao.documentId,
    id_processo: execucao.processo.documentId,
    tipo_execucao: execucao.tipo_execucao,
  });
  if (publicada) {
    await strapi.db.query(UID_EXECUCAO).updateMany({
      where: { id: execucao.id, data_enfileiramento: { $null: true } },
      data: { data_enfileiramento: new Date() },
    });
  }
  return publicada;
};

export const despacharPendentes = async (strapi: Core.Strapi, lote = 200): Promise<{ enfileiradas: number; pendentes: number }> => {
  const pendentes = (await strapi.db.query(UID_EXECUCAO).findMany({
    where: { status_execucao: 'PENDENTE', data_enfileiramento: { $null: true }, tipo_execucao: { $in: ['DOWNLOAD_FATURA', 'UPLOAD_SAT'] } },
    select: ['id', 'documentId', 'tipo_execucao'],
    populate: { processo: { select: ['documentId'] } },
    orderBy: { id: 'asc' },
    limit: lote,
  })) as ExecucaoPendente[];
  let enfileiradas = 0;
  for (const execucao of pendentes) {
    if (!execucao.processo) continue;
    if (!(await enfileirarExecucao(strapi, execucao))) break;
    enfileiradas += 1;
  }
  return { enfileiradas, pendentes: pendentes.length - enfileiradas };
};

let relogio: NodeJS.Timeout | null = null;

export const iniciarDespachante = (strapi: Core.Strapi): void => {
  const intervalo = Number(process.env.FILAS_INTERVALO_DESPACHO_MS ?? 10000);
  let emCurso = false;
  const ciclo = async () => {
    if (emCurso) return;
    emCurso = true;
    try {
      await despacharPendentes(strapi);
    } catch (erro) {
      strapi.log.error(`Despachante de execuções falhou: ${(erro as Error).message}`);
    } finally {
      emCurso = false;
    }
  };
  void ciclo();
  if (intervalo > 0) {
    relogio = setInterval(ciclo, intervalo);
    relogio.unref();
  }
};

export const pararDespachante = async (): Promise<void> => {
  if (relogio) clearInterval(relogio);
  relogio = null;
  await fecharProdutor();
};
