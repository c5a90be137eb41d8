import { AsyncResource } from 'async_hooks';
import IORedis from 'ioredis';
import cron, { type ScheduledTask } from 'node-cron';
import type { Core } from '@strapi/strapi';
import { UID } from '@orquestrador-rpa/contrato';
import { configuracao } from '../configuracao';
import { iniciarTarefaPeriodica } from '../filas/tarefa-periodica';
import { ESCRITAS } from '../regras/middlewares/somente-sistema';
import { ultimoProgramado } from './calendario';
import { reivindicarEExecutar, type Agendamento } from './disparos';

/**
 * Agendador: cada agendamento ativo vira uma tarefa do node-cron (fuso próprio, sem sobreposição)
 * em cada Strapi no ar. O banco decide quem executa (uma linha única por instante programado), então
 * dois ou mais servidores disparam cada instante uma vez. Mudanças chegam pelo Redis (aviso a cada
 * escrita) e pela releitura periódica; na subida, o disparo perdido é recuperado ou ignorado
 * conforme a política do agendamento.
 */
interface Programada {
  assinatura: string;
  tarefa: ScheduledTask;
}

const programadas = new Map<string, Programada>();
let assinante: IORedis | null = null;
let publicador: IORedis | null = null;
let pararRelogio: (() => void) | null = null;
let fila: Promise<void> = Promise.resolve();
let ligado = false;
/** Disparos em curso nesta instância: o desligamento espera por eles (nada fica pela metade). */
const emCurso = new Set<Promise<unknown>>();

const acompanhar = <T>(promessa: Promise<T>): Promise<T> => {
  emCurso.add(promessa);
  void promessa.finally(() => emCurso.delete(promessa)).catch(() => undefined);
  return promessa;
};

/** Disparo EM_ANDAMENTO há mais que isto foi interrompido (servidor caiu no meio). */
const INTERROMPIDO_APOS_MS = 6 * 3600 * 1000;

const canal = (): string => `${configuracao().filas.prefixo}:agendamentos`;

/** Margem para não tomar como "perdido" o instante que o node-cron está disparando agora. */
const MARGEM_MS = 2000;

const buscarAtivos = async (strapi: Core.Strapi): Promise<Agendamento[]> =>
  (await strapi.db.query(UID.AGENDAMENTO).findMany({ where: { status_ativo: true } })) as Agendamento[];

const disparar = async (strapi: Core.Strapi, documentId: string, data: Date): Promise<void> => {
  if (!ligado) return;
  // Relido na hora: pausado ou apagado há um instante não dispara.
  const agendamento = (await strapi.db
    .query(UID.AGENDAMENTO)
    .findOne({ where: { documentId, status_ativo: true } })) as Agendamento | null;
  if (!agendamento) return;
  const instante = new Date(Math.floor(data.getTime() / 1000) * 1000);
  await acompanhar(reivindicarEExecutar(strapi, agendamento, instante, 'PROGRAMADO'));
};

/** O último instante programado ainda sem disparo (tudo fora do ar): executa uma vez ou registra como ignorado. */
const recuperarPerdido = async (strapi: Core.Strapi, agendamento: Agendamento): Promise<void> => {
  const agora = Date.now();
  const ultimo = ultimoProgramado(
    agendamento.cron_expressao,
    agendamento.fuso_horario,
    new Date(agora - MARGEM_MS)
  );
  const referencia = Math.max(
    ...[agendamento.ultima_execucao, agendamento.createdAt, agendamento.updatedAt]
      .filter((d): d is string => !!d)
      .map((d) => new Date(d).getTime())
  );
  if (ultimo.getTime() <= referencia) return;
  const ignorar =
    agendamento.politica_atraso === 'IGNORAR'
      ? 'Disparo perdido com o sistema fora do ar: ignorado pela política do agendamento.'
      : null;
  await acompanhar(reivindicarEExecutar(strapi, agendamento, ultimo, 'RECUPERADO', ignorar));
};

const reprogramar = async (strapi: Core.Strapi): Promise<void> => {
  await strapi.db.query(UID.DISPARO_AGENDAMENTO).updateMany({
    where: { status: 'EM_ANDAMENTO', inicio: { $lt: new Date(Date.now() - INTERROMPIDO_APOS_MS) } },
    data: {
      status: 'ERRO',
      erro: 'Interrompido: o servidor parou durante a execução. Confira o resultado e use "Executar agora" se preciso.',
    },
  });
  const ativos = await buscarAtivos(strapi);
  const vistos = new Set<string>();
  for (const agendamento of ativos) {
    vistos.add(agendamento.documentId);
    const assinatura = `${agendamento.cron_expressao}|${agendamento.fuso_horario}`;
    const atual = programadas.get(agendamento.documentId);
    if (atual?.assinatura !== assinatura) {
      await atual?.tarefa.destroy();
      const tarefa = cron.schedule(
        agendamento.cron_expressao,
        (contexto) => disparar(strapi, agendamento.documentId, contexto.date),
        { timezone: agendamento.fuso_horario, noOverlap: true, name: agendamento.documentId, unref: true }
      );
      tarefa.on('execution:failed', (contexto) => {
        strapi.log.error(
          `Agendamento ${agendamento.nome_agendamento}: ${contexto.execution?.error?.message ?? ''}`
        );
      });
      programadas.set(agendamento.documentId, { assinatura, tarefa });
    }
    // Um agendamento com problema não impede a recuperação dos outros.
    await recuperarPerdido(strapi, agendamento).catch((erro: Error) => {
      strapi.log.error(`Agendamento ${agendamento.nome_agendamento}: ${erro.message}`);
    });
  }
  for (const [documentId, { tarefa }] of programadas) {
    if (vistos.has(documentId)) continue;
    await tarefa.destroy();
    programadas.delete(documentId);
  }
};

/** Relê o banco e reprograma (em série: avisos e relógio não se atropelam). */
export const recarregarAgendamentos = (strapi: Core.Strapi): Promise<void> => {
  fila = fila
    .then(() => (ligado ? reprogramar(strapi) : undefined))
    .catch((erro: Error) => {
      strapi.log.error(`Agendador: ${erro.message}`);
    });
  return fila;
};

type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

/**
 * Executa `acao` no contexto assíncrono da subida, sem a transação da requisição que avisou: a
 * recarga herdaria a transação pelo AsyncLocalStorage do Strapi, e um disparo já reivindicado
 * (violação de unicidade) abortaria a transação inteira no PostgreSQL, desfazendo a gravação.
 */
let foraDaRequisicao: (acao: () => void) => void = (acao) => acao();

/** Depois que a gravação de um agendamento é confirmada (qualquer porta), avisa todas as instâncias pelo Redis e recarrega esta. */
export const avisarMudancaDeAgendamentos =
  (strapi: Core.Strapi): Middleware =>
  async (contexto, next) => {
    if (contexto.uid !== UID.AGENDAMENTO || !ESCRITAS.has(contexto.action)) return next();
    return strapi.db.transaction(async ({ onCommit }) => {
      const resultado = await next();
      // Só depois do commit: antes dele as outras conexões (e instâncias) ainda leem o valor antigo.
      onCommit(() =>
        foraDaRequisicao(() => {
          void recarregarAgendamentos(strapi);
          publicador?.publish(canal(), 'recarregar').catch(() => undefined);
        })
      );
      return resultado;
    });
  };

export const iniciarAgendador = async (strapi: Core.Strapi): Promise<void> => {
  const config = configuracao();
  const opcoes = { maxRetriesPerRequest: 1, connectionName: 'orquestrador:agendamentos' };
  // Toda instância avisa as outras quando um agendamento muda, mesmo a que não dispara.
  publicador = new IORedis(config.filas.urlRedis, { ...opcoes, enableOfflineQueue: false });
  publicador.on('error', () => undefined);
  foraDaRequisicao = AsyncResource.bind((acao: () => void) => acao());
  if (!config.agendamentos.ligados) return;
  ligado = true;
  assinante = new IORedis(config.filas.urlRedis, opcoes);
  assinante.on('error', () => undefined);
  assinante.on('message', () => void recarregarAgendamentos(strapi));
  // Assinado antes de a subida terminar: um aviso logo depois não se perde (sem Redis, a releitura cobre).
  await assinante.subscribe(canal()).catch((erro: Error) => {
    strapi.log.warn(`Agendador sem aviso pelo Redis (${erro.message}); vale a releitura periódica.`);
  });
  await recarregarAgendamentos(strapi);
  pararRelogio = iniciarTarefaPeriodica(
    config.agendamentos.intervaloRecargaMs,
    () => recarregarAgendamentos(strapi),
    () => undefined
  );
};

export const pararAgendador = async (): Promise<void> => {
  ligado = false;
  pararRelogio?.();
  pararRelogio = null;
  for (const { tarefa } of programadas.values()) await tarefa.destroy();
  await fila;
  await Promise.allSettled([...emCurso]);
  programadas.clear();
  assinante?.disconnect();
  publicador?.disconnect();
  assinante = null;
  publicador = null;
};
