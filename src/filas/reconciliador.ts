import type { Core } from '@strapi/strapi';
import { fechamento } from '../workflow/robo';
import { criarExecucao } from '../workflow/execucoes';
import { transicionar } from '../workflow/transicao';
import { despacharPendentes } from './despachante';
import { obterProdutor, type TipoExecucaoRobo } from './produtor';
import { iniciarTarefaPeriodica } from './tarefa-periodica';
import {
  acaoPermitida,
  type AcaoWorkflow,
  ACOES_ROBO,
  EstadoProcesso,
  STATUS_EXECUCAO_FINAIS,
  StatusExecucao,
  TipoExecucao,
  UID,
} from '@orquestrador-rpa/contrato';
import { configuracao } from '../configuracao';

type Dados = Record<string, unknown>;

/** Estados em que o job ainda vai (ou está a) rodar. */
const VIVOS = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** Quantas vezes o mesmo processo pode ter o mesmo trabalho interrompido antes de ir a uma pessoa (`RECONCILIADOR_LIMITE_RECRIACOES`, padrão 3). */
const limiteDeRecriacoes = (): number => {
  const valor = configuracao().reconciliador.limiteRecriacoes;
  return Number.isInteger(valor) && valor > 0 ? valor : 3;
};

/**
 * Reconciliador: PostgreSQL é a verdade, Redis é transporte. Execução "em andamento" (publicada,
 * executando ou esperando nova tentativa) cujo job sumiu da fila (Redis apagado, job falhado por
 * worker morto) é encerrada como INTERROMPIDA; o processo volta ao estado anterior e uma nova
 * execução pendente é criada e publicada — nenhum trabalho se perde. Nada em laço: depois do
 * limite de recriações o processo vai à falha (uma pessoa decide), e uma execução que passou do
 * ponto sem retorno (clique final no SAT) nunca é refeita: o processo vai a "conferir no SAT".
 */
export const reconciliar = async (
  strapi: Core.Strapi
): Promise<{ verificadas: number; interrompidas: number }> => {
  const carencia = configuracao().reconciliador.carenciaMs;
  const abertas = (await strapi.db.query(UID.EXECUCAO).findMany({
    where: {
      tipo_execucao: { $in: Object.keys(ACOES_ROBO) },
      updatedAt: { $lt: new Date(Date.now() - carencia) },
      $or: [
        { status_execucao: { $in: [StatusExecucao.EXECUTANDO, StatusExecucao.TENTANDO_NOVAMENTE] } },
        { status_execucao: StatusExecucao.PENDENTE, data_enfileiramento: { $notNull: true } },
      ],
    },
    populate: { processo: { select: ['id', 'documentId'] } },
    limit: 500,
  })) as Dados[];
  let interrompidas = 0;
  for (const execucao of abertas) {
    const tipo = execucao.tipo_execucao as TipoExecucaoRobo;
    const estado = await obterProdutor(strapi).estadoDoJob(tipo, execucao.documentId as string);
    if (estado && VIVOS.has(estado)) continue;
    if (await interromper(strapi, execucao, estado)) interrompidas += 1;
  }
  if (interrompidas > 0) await despacharPendentes(strapi);
  return { verificadas: abertas.length, interrompidas };
};

const interromper = async (strapi: Core.Strapi, execucao: Dados, estado: string | null): Promise<boolean> =>
  await strapi.db.transaction(async (): Promise<boolean> => {
    const tipo = execucao.tipo_execucao as TipoExecucaoRobo;
    const depoisDoPonto = Boolean(execucao.ponto_sem_retorno);
    const motivo =
      `Interrompida: o job ${estado ? `terminou como "${estado}"` : 'sumiu da fila'} sem o resultado chegar ao Strapi (Redis apagado ou worker perdido).` +
      (depoisDoPonto ? ' Passou do clique final no SAT: confira no SAT antes de reenviar.' : '');
    const { count } = await strapi.db.query(UID.EXECUCAO).updateMany({
      where: {
        id: execucao.id,
        status_execucao: { $notIn: [...STATUS_EXECUCAO_FINAIS] },
        updatedAt: execucao.updatedAt,
      },
      data: fechamento(StatusExecucao.INTERROMPIDA, {
        mensagem_log: motivo,
        data_fim: new Date(),
        detalhes_erro: {
          motivo,
          estado_do_job: estado,
          ponto_sem_retorno: execucao.ponto_sem_retorno ?? null,
        },
      }),
    });
    if (count !== 1) return false;
    const processo = execucao.processo as { id: number; documentId: string };
    const atual = (await strapi.db
      .query(UID.PROCESSO)
      .findOne({ where: { id: processo.id }, select: ['status_processo'] })) as Dados;
    const acoes = ACOES_ROBO[tipo];
    let status = atual.status_processo as EstadoProcesso;
    const mover = async (acao: AcaoWorkflow, texto: string) => {
      if (acaoPermitida(acao, status))
        status = (
          await transicionar(strapi, {
            documentId: processo.documentId,
            acao,
            motivo: texto,
            detalhes: { execucao: execucao.documentId },
          })
        ).para;
    };
    if (depoisDoPonto && acoes.conferir) {
      await mover(acoes.conferir, motivo);
      return true;
    }
    const interrompidas = await strapi.db.query(UID.EXECUCAO).count({
      where: {
        processo: { id: processo.id },
        tipo_execucao: tipo,
        status_execucao: StatusExecucao.INTERROMPIDA,
      },
    });
    if (interrompidas >= limiteDeRecriacoes()) {
      await mover(
        acoes.falhar,
        `${motivo} Já são ${interrompidas} interrupções deste trabalho: nenhuma nova tentativa automática (uma pessoa decide).`
      );
      return true;
    }
    if (status === acoes.emAndamento) await mover(acoes.interromper, motivo);
    // Nova tentativa só se o processo ainda espera este trabalho.
    if (
      (tipo === TipoExecucao.DOWNLOAD_FATURA && status === EstadoProcesso.AGUARDANDO_DOWNLOAD) ||
      (tipo === TipoExecucao.UPLOAD_SAT && status === EstadoProcesso.APROVADA)
    ) {
      await criarExecucao(strapi, {
        processoId: processo.id,
        processoDocumentId: processo.documentId,
        tipo,
        status: StatusExecucao.PENDENTE,
        identidadeSolicitante: (execucao.identidade_solicitante as string | null) ?? undefined,
        parametros: (execucao.parametros_entrada as Dados | null) ?? {},
        mensagem: `Nova tentativa depois da execução interrompida ${String(execucao.documentId)}.`,
      });
    }
    return true;
  });

let parar: (() => void) | null = null;

/** Na subida e a cada `RECONCILIADOR_INTERVALO_MS` (padrão 60 s; 0 = só na subida). */
export const iniciarReconciliador = (strapi: Core.Strapi): void => {
  parar = iniciarTarefaPeriodica(
    configuracao().reconciliador.intervaloMs,
    async () => {
      const { interrompidas } = await reconciliar(strapi);
      if (interrompidas)
        strapi.log.warn(
          `Reconciliador: ${interrompidas} execução(ões) sem job na fila foram interrompidas e refeitas.`
        );
    },
    (erro) => strapi.log.warn(`Reconciliador não rodou: ${erro.message}`),
    (ciclos) => strapi.log.info(`Reconciliador voltou a rodar depois de ${ciclos} ciclo(s) com falha.`)
  );
};

export const pararReconciliador = (): void => {
  parar?.();
  parar = null;
};
