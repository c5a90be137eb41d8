import { Queue } from 'bullmq';
import type { Core } from '@strapi/strapi';

/**
 * Produtor das filas BullMQ. Redis é só transporte: a execução já está no banco antes de virar job,
 * o `jobId` é o documentId da execução (enfileirar duas vezes não duplica) e, com o Redis fora,
 * a chamada falha rápido (sem fila offline) e o despachante tenta de novo depois.
 */
export const FILAS = {
  DOWNLOAD_FATURA: 'download-faturas',
  UPLOAD_SAT: 'envio-sat',
} as const;

export type TipoExecucaoEnfileiravel = keyof typeof FILAS;

export interface TrabalhoExecucao {
  id_execucao: string;
  id_processo: string;
  tipo_execucao: TipoExecucaoEnfileiravel;
}

const LIMITE_MS = 3000;

const comLimite = <T>(promessa: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolver, rejeitar) => {
    const relogio = setTimeout(() => rejeitar(new Error(`Redis não respondeu em ${ms} ms.`)), ms);
    promessa.then(
      (valor) => (clearTimeout(relogio), resolver(valor)),
      (erro) => (clearTimeout(relogio), rejeitar(erro))
    );
  });

const opcoesDeConexao = (url: string) => {
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
    const nome = FILAS[trabalho.tipo_execucao];
    try {
      await comLimite(
        this.fila(nome).add(trabalho.tipo_execucao, trabalho, {
          jobId: trabalho.id_execucao,
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        }),
        LIMITE_MS
      );
      return true;
    } catch (erro) {
      this.avisar(`Fila ${nome} indisponível (${(erro as Error).message}); a execução ${trabalho.id_execucao} fica pendente no banco.`);
      await this.descartar(nome);
      return false;
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

export const URL_REDIS_PADRAO = 'redis://127.0.0.1:6379';

export const obterProdutor = (strapi: Core.Strapi): ProdutorFilas => {
  produtor ??= new ProdutorFilas(process.env.REDIS_URL || URL_REDIS_PADRAO, process.env.FILAS_PREFIXO || 'orquestrador', (m) => strapi.log.warn(m));
  return produtor;
};

export const fecharProdutor = async (): Promise<void> => {
  await produtor?.fechar();
  produtor = null;
};
