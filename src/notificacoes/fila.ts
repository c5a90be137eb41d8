import { Queue, Worker } from 'bullmq';
import type { Core } from '@strapi/strapi';
import { FILA_NOTIFICACOES, StatusNotificacao, UID } from '@orquestrador-rpa/contrato';
import { configuracao } from '../configuracao';
import { opcoesDeConexao } from '../filas/produtor';
import { iniciarTarefaPeriodica } from '../filas/tarefa-periodica';
import { processarNotificacao } from './envio';

/**
 * Fila das notificações. O banco é a caixa de saída: o job leva só o documentId e a tentativa
 * (`jobId` = `<documentId>-<reenvios>-<tentativa>`, então publicar de novo não duplica), e o envio só
 * acontece para quem ganhar o compare-and-set da linha. Com o Redis vazio ou fora, o
 * reconciliador publica de novo o que está PENDENTE; o que ficou ENVIANDO além da trava vai a
 * CONFERIR (pode ter saído: nada se reenvia sozinho).
 */
interface TrabalhoNotificacao {
  id: string;
}

interface Publicacao {
  documentId: string;
  tentativa: number;
  /** Reenvios manuais já feitos: cada reenvio é uma nova série de jobs. */
  reenvios?: number;
  esperaMs?: number;
}

let fila: Queue<TrabalhoNotificacao> | null = null;
let consumidor: Worker<TrabalhoNotificacao> | null = null;
let pararRelogio: (() => void) | null = null;
/** Depois de `pararNotificacoes` nada abre conexão nova (o que chegar fica PENDENTE no banco). */
let desligada = true;

const obterFila = (): Queue<TrabalhoNotificacao> => {
  const { urlRedis, prefixo } = configuracao().filas;
  if (!fila) {
    fila = new Queue<TrabalhoNotificacao>(FILA_NOTIFICACOES, {
      connection: opcoesDeConexao(urlRedis),
      prefix: prefixo,
    });
    fila.on('error', () => undefined);
  }
  return fila;
};

/** Com o Redis fora, o `close` do BullMQ espera a reconexão para sempre: fecha com prazo e, vencido, derruba as conexões. */
const fecharComPrazo = async (recurso: Queue | Worker | null, ms = 5000): Promise<void> => {
  if (!recurso) return;
  let relogio: NodeJS.Timeout | undefined;
  const prazo = new Promise<'prazo'>((resolver) => {
    relogio = setTimeout(() => resolver('prazo'), ms);
  });
  // Worker com força: o envio em curso não se perde (a linha fica ENVIANDO e o reconciliador decide).
  const fechar = recurso instanceof Worker ? recurso.close(true) : recurso.close();
  const fim = await Promise.race([
    fechar.then(
      () => 'fechado' as const,
      () => 'fechado' as const
    ),
    prazo,
  ]);
  clearTimeout(relogio);
  // Sem esperar: com o Redis fora, até o disconnect pode ficar pendente; as conexões são encerradas já.
  if (fim === 'prazo') void recurso.disconnect().catch(() => undefined);
};

const descartarFila = async (): Promise<void> => {
  const antiga = fila;
  fila = null;
  await fecharComPrazo(antiga);
};

/** Publica os jobs; com o Redis fora, devolve false (as linhas seguem PENDENTE e o reconciliador tenta depois). */
export const publicarNotificacoes = async (
  strapi: Core.Strapi,
  lista: readonly Publicacao[]
): Promise<boolean> => {
  if (!lista.length) return true;
  if (desligada) return false;
  try {
    await Promise.race([
      obterFila().addBulk(
        lista.map((item) => ({
          name: 'enviar',
          data: { id: item.documentId },
          opts: {
            jobId: `${item.documentId}-${item.reenvios ?? 0}-${item.tentativa}`,
            delay: item.esperaMs ?? 0,
            removeOnComplete: { age: 3600 },
            removeOnFail: { age: 24 * 3600 },
          },
        }))
      ),
      new Promise((_, rejeitar) =>
        setTimeout(() => rejeitar(new Error('Redis não respondeu em 5 s.')), 5000).unref()
      ),
    ]);
    return true;
  } catch (erro) {
    strapi.log.warn(
      `Fila de notificações indisponível (${(erro as Error).message}); ${lista.length} notificação(ões) ficam pendentes no banco.`
    );
    await descartarFila();
    return false;
  }
};

/** Publica as notificações recém-gravadas (chamado depois do commit da transação que as criou). */
export const despacharNotificacoes = (
  strapi: Core.Strapi,
  documentIds: readonly string[],
  reenvios = 0
): Promise<boolean> =>
  publicarNotificacoes(
    strapi,
    documentIds.map((documentId) => ({ documentId, tentativa: 0, reenvios }))
  );

/**
 * Reconciliação (na subida e periódica): ENVIANDO além da trava → CONFERIR; PENDENTE vencida →
 * publicada de novo (o jobId impede duplicar no Redis; o compare-and-set, no envio).
 */
export const reconciliarNotificacoes = async (
  strapi: Core.Strapi
): Promise<{ publicadas: number; conferir: number }> => {
  const consulta = strapi.db.query(UID.NOTIFICACAO);
  const { travaMs } = configuracao().notificacoes;
  const { count: conferir } = await consulta.updateMany({
    where: {
      status_envio: StatusNotificacao.ENVIANDO,
      envio_iniciado_em: { $lt: new Date(Date.now() - travaMs) },
    },
    data: {
      status_envio: StatusNotificacao.CONFERIR,
      envio_iniciado_em: null,
      mensagem_erro:
        'O servidor parou no meio do envio: a mensagem pode ter saído. Confira com o destinatário e reenvie pelo painel se não chegou.',
    },
  });
  let publicadas = 0;
  for (let ultimoId = 0; ;) {
    const pendentes = (await consulta.findMany({
      where: {
        id: { $gt: ultimoId },
        status_envio: StatusNotificacao.PENDENTE,
        $or: [{ proxima_tentativa: { $null: true } }, { proxima_tentativa: { $lte: new Date() } }],
      },
      select: ['id', 'documentId', 'tentativas_envio', 'reenvios'],
      orderBy: { id: 'asc' },
      limit: 500,
    })) as Array<{ id: number; documentId: string; tentativas_envio: number; reenvios: number | null }>;
    if (!pendentes.length) break;
    const ok = await publicarNotificacoes(
      strapi,
      pendentes.map((p) => ({
        documentId: p.documentId,
        tentativa: p.tentativas_envio,
        reenvios: p.reenvios ?? 0,
      }))
    );
    if (!ok) break;
    publicadas += pendentes.length;
    ultimoId = pendentes[pendentes.length - 1].id;
  }
  return { publicadas, conferir };
};

/** Liga o consumidor (se esta instância consome) e o reconciliador periódico. */
export const iniciarNotificacoes = (strapi: Core.Strapi): void => {
  desligada = false;
  const { urlRedis, prefixo } = configuracao().filas;
  const config = configuracao().notificacoes;
  if (config.consumidor) {
    consumidor = new Worker<TrabalhoNotificacao>(
      FILA_NOTIFICACOES,
      async (job) => {
        const { retentar } = await processarNotificacao(strapi, job.data.id);
        if (retentar) await publicarNotificacoes(strapi, [retentar]);
      },
      {
        connection: { ...opcoesDeConexao(urlRedis), maxRetriesPerRequest: null, enableOfflineQueue: true },
        prefix: prefixo,
        concurrency: config.concorrencia,
        // O envio não se repete pelo BullMQ: a linha no banco decide (travado → CONFERIR).
        maxStalledCount: 0,
        // Espera curta no Redis bloqueante: o desligamento não fica preso a ela.
        drainDelay: 1,
      }
    );
    consumidor.on('error', (erro) => strapi.log.warn(`Consumidor de notificações: ${erro.message}`));
  }
  pararRelogio = iniciarTarefaPeriodica(
    config.intervaloReconciliacaoMs,
    async () => void (await reconciliarNotificacoes(strapi)),
    (erro) => strapi.log.error(`Reconciliação das notificações falhou: ${erro.message}`),
    (ciclos) =>
      strapi.log.info(`Reconciliação das notificações voltou a rodar depois de ${ciclos} ciclo(s) com falha.`)
  );
};

export const pararNotificacoes = async (): Promise<void> => {
  desligada = true;
  pararRelogio?.();
  pararRelogio = null;
  const ativo = consumidor;
  consumidor = null;
  await fecharComPrazo(ativo);
  await descartarFila();
};
