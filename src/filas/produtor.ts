import { Queue } from 'bullmq';
import type { Core } from '@strapi/strapi';
import {
  FILA_LEITURA_EMAIL,
  FILAS,
  type TipoExecucaoRobo,
  type TrabalhoExecucao,
  type TrabalhoLeituraEmail,
} from '@orquestrador-rpa/contrato';
import { configuracao } from '../configuracao';

export { FILAS, type TipoExecucaoRobo, type TrabalhoExecucao };

/**
 * Produtor das filas BullMQ. Redis é só transporte: a execução já está no banco antes de virar job,
 * o `jobId` é o documentId da execução (enfileirar duas vezes não duplica) e, com o Redis fora,
 * a chamada falha rápido (sem fila offline) e o despachante tenta de novo depois.
 */
/** Re-tentativas dos erros técnicos (`FILAS_TENTATIVAS`, padrão 3) com espera exponencial (`FILAS_ESPERA_INICIAL_MS`, padrão 30 s). */
export const opcoesDeRetentativa = () => ({
  attempts: configuracao().filas.tentativas,
  backoff: { type: 'exponential' as const, delay: configuracao().filas.esperaInicialMs },
});

const LIMITE_MS = 3000;

const comLimite = <T>(promessa: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolver, rejeitar) => {
    const relogio = setTimeout(() => rejeitar(new Error(`Redis não respondeu em ${ms} ms.`)), ms);
    promessa.then(
      (valor) => (clearTimeout(relogio), resolver(valor)),
      (erro) => (clearTimeout(relogio), rejeitar(erro))
    );
  });

export const opcoesDeConexao = (url: string) => {
  const endereco = new URL(url);
  return {
    host: endereco.hostname,
    port: Number(endereco.port || 6379),
    ...(endereco.username ? { username: decodeURIComponent(endereco.username) } : {}),
    ...(endereco.password ? { password: decodeURIComponent(endereco.password) } : {}),
    ...(endereco.pathname.length > 1 ? { db: Number(endereco.pathname.slice(1)) } : {}),
    ...(endereco.protocol === 'rediss:' ? { tls: {} } : {}),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  };
};

export class ProdutorFilas {
  private readonly filas = new Map<string, Queue>();

  constructor(
    private readonly url: string,
    readonly prefixo: string,
    private readonly avisar: (mensagem: string) => void = () => undefined
  ) {}

  private fila(nome: string): Queue {
    let fila = this.filas.get(nome);
    if (!fila) {
      fila = new Queue(nome, { connection: opcoesDeConexao(this.url), prefix: this.prefixo });
      fila.on('error', () => undefined);
      this.filas.set(nome, fila);
    }
    return fila;
  }

  /** Publica o job; `false` quando o Redis está inalcançável (a execução continua pendente no banco). */
  async enfileirar(trabalho: TrabalhoExecucao): Promise<boolean> {
    return (await this.enfileirarLote([trabalho])).length === 1;
  }

  /**
   * Publica vários jobs de uma vez (`addBulk`, uma ida ao Redis por fila); devolve os ids das
   * execuções publicadas (com o Redis fora, nenhum: as execuções continuam pendentes no banco).
   */
  async enfileirarLote(trabalhos: readonly TrabalhoExecucao[]): Promise<string[]> {
    const publicados: string[] = [];
    for (const nome of new Set(trabalhos.map((t) => FILAS[t.tipo_execucao]))) {
      const daFila = trabalhos.filter((t) => FILAS[t.tipo_execucao] === nome);
      const opcoes = {
        ...opcoesDeRetentativa(),
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      };
      try {
        await comLimite(
          this.fila(nome).addBulk(
            daFila.map((t) => ({ name: t.tipo_execucao, data: t, opts: { ...opcoes, jobId: t.id_execucao } }))
          ),
          LIMITE_MS * 3
        );
        publicados.push(...daFila.map((t) => t.id_execucao));
      } catch (erro) {
        this.avisar(
          `Fila ${nome} indisponível (${(erro as Error).message}); ${daFila.length} execução(ões) ficam pendentes no banco.`
        );
        await this.descartar(nome);
      }
    }
    return publicados;
  }

  /**
   * Publica uma leitura da caixa de e-mail. Sem re-tentativa pelo BullMQ: a próxima leitura
   * agendada pega o que ficou (mensagem não tratada continua na caixa). Lança com o Redis fora.
   */
  async enfileirarLeituraEmail(trabalho: TrabalhoLeituraEmail): Promise<void> {
    try {
      await comLimite(
        this.fila(FILA_LEITURA_EMAIL).add(trabalho.operadora_codigo, trabalho, {
          jobId: trabalho.id_leitura,
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        }),
        LIMITE_MS * 3
      );
    } catch (erro) {
      await this.descartar(FILA_LEITURA_EMAIL);
      throw new Error(`Fila ${FILA_LEITURA_EMAIL} indisponível: ${(erro as Error).message}`);
    }
  }

  /** Estado do job no BullMQ (`waiting`, `active`, `delayed`, `failed`...) ou null se ele não existe; lança com o Redis fora. */
  async estadoDoJob(tipo: TipoExecucaoRobo, idExecucao: string): Promise<string | null> {
    const fila = this.fila(FILAS[tipo]);
    try {
      const job = await comLimite(fila.getJob(idExecucao), LIMITE_MS);
      return job ? await comLimite(job.getState(), LIMITE_MS) : null;
    } catch (erro) {
      await this.descartar(FILAS[tipo]);
      throw erro;
    }
  }

  /** Linhas de log que o worker gravou no job (`job.log`), em ordem; lança com o Redis fora. */
  async linhasDoJob(tipo: TipoExecucaoRobo, idExecucao: string): Promise<string[]> {
    const fila = this.fila(FILAS[tipo]);
    try {
      return (await comLimite(fila.getJobLogs(idExecucao), LIMITE_MS)).logs;
    } catch (erro) {
      await this.descartar(FILAS[tipo]);
      throw erro;
    }
  }

  /** Uma fila criada com o Redis fora não se recupera: descarta e recria na próxima tentativa. */
  private async descartar(nome: string): Promise<void> {
    const fila = this.filas.get(nome);
    this.filas.delete(nome);
    await fila?.close().catch(() => undefined);
  }

  async fechar(): Promise<void> {
    await Promise.all([...this.filas.keys()].map((nome) => this.descartar(nome)));
  }
}

let produtor: ProdutorFilas | null = null;

export const obterProdutor = (strapi: Core.Strapi): ProdutorFilas => {
  produtor ??= new ProdutorFilas(configuracao().filas.urlRedis, configuracao().filas.prefixo, (m) =>
    strapi.log.warn(m)
  );
  return produtor;
};

export const fecharProdutor = async (): Promise<void> => {
  await produtor?.fechar();
  produtor = null;
};
