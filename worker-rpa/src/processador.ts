import fs from 'fs';
import os from 'os';
import path from 'path';
import { randomBytes } from 'crypto';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type IORedis from 'ioredis';
import { ClienteStrapi, ErroStrapi } from './cliente-strapi';
import type { ConfiguracaoWorker } from './configuracao';
import type { ConcentradorRPA } from './robos/base/concentrador';
import type { SemaforoOperadora } from './semaforo';
import {
  canalLogs,
  criarParametros,
  erroRetentavel,
  type LinhaLogRobo,
  resultadoDeErro,
  StatusExecucao,
  TipoErro,
  TipoExecucao,
  type TrabalhoExecucao,
} from '@orquestrador-rpa/contrato';

/** Pasta base das execuções deste worker (o pid no nome permite limpar as de um worker morto). */
export const PASTA_BASE = path.join(os.tmpdir(), 'orquestrador-rpa');
export const prefixoPastaWorker = (pid = process.pid) => `w${pid}-`;

export interface Dependencias {
  configuracao: ConfiguracaoWorker;
  strapi: ClienteStrapi;
  concentrador: ConcentradorRPA;
  semaforo: SemaforoOperadora;
  publicador: IORedis;
  sinal: AbortSignal;
}

/** O que o job devolve ao BullMQ: concluído, ou ignorado (o Strapi já tinha encerrado a execução). */
export type ResultadoJob =
  { status_execucao: typeof StatusExecucao.CONCLUIDO } | { status_execucao: 'IGNORADO'; ignorado: string };

/**
 * Um job = uma execução: ocupa uma vaga do portal, pede ao Strapi para iniciar, roda o robô pelo
 * concentrador, publica cada linha de log, reporta o resultado e decide: concluído, nova tentativa
 * (erro técnico, com espera exponencial do BullMQ) ou falha definitiva (UnrecoverableError).
 */
export const criarProcessador =
  (dep: Dependencias) =>
  async (job: Job<TrabalhoExecucao>, token?: string): Promise<ResultadoJob> => {
    const { id_execucao, operadora_codigo, tipo_execucao } = job.data;
    const vaga = await dep.semaforo.adquirir(
      operadora_codigo,
      id_execucao,
      dep.configuracao.limitePorOperadora(operadora_codigo)
    );
    if (!vaga) {
      await job.moveToDelayed(Date.now() + dep.configuracao.esperaSemVagaMs, token);
      throw new DelayedError();
    }
    const pasta = path.join(
      PASTA_BASE,
      `${prefixoPastaWorker()}${id_execucao}-${randomBytes(3).toString('hex')}`
    );
    try {
      const tentativa = job.attemptsMade + 1;
      const enviar = tipo_execucao === TipoExecucao.UPLOAD_SAT;
      let inicio;
      let arquivo: string | null = null;
      try {
        inicio = await dep.strapi.iniciar(job.data, tentativa);
        // O PDF aprovado vem antes do robô; sem ele (404, 422) a execução termina com o motivo, sem laço.
        if (enviar) arquivo = await dep.strapi.baixarFatura(job.data, path.join(pasta, 'entrada'));
      } catch (erro) {
        // 409, ou 403 de execução já terminada (o token dela não vale mais): nada a fazer, sem laço.
        if (erro instanceof ErroStrapi && (erro.status === 409 || erro.detalhes.finalizada === true))
          return { status_execucao: 'IGNORADO', ignorado: erro.message };
        if (erro instanceof ErroStrapi) {
          const mensagem = inicio
            ? `Não foi possível obter o PDF aprovado para o envio: ${erro.message}`
            : erro.message;
          await dep.strapi.concluir(
            job.data,
            resultadoDeErro(mensagem, TipoErro.NEGOCIO, { tentativa_numero: tentativa }),
            false
          );
          throw new UnrecoverableError(mensagem);
        }
        throw erro;
      }
      const parametros = criarParametros({ ...inicio.parametros, arquivo_fatura: arquivo });
      const publicar = (linha: string) => {
        const data_hora = new Date().toISOString();
        const emitir = (sequencia: number | null) => {
          const evento: LinhaLogRobo = {
            id_execucao,
            id_processo: job.data.id_processo,
            operadora_codigo,
            tipo_execucao,
            linha,
            data_hora,
            sequencia,
          };
          void dep.publicador
            .publish(canalLogs(dep.configuracao.prefixo), JSON.stringify(evento))
            .catch(() => undefined);
        };
        // `job.log` devolve o tamanho do log: a posição da linha, na ordem em que o Redis a gravou.
        void job.log(linha).then(emitir, () => emitir(null));
      };
      const resultado = await dep.concentrador.executarOperacao(
        enviar ? TipoExecucao.UPLOAD_SAT : TipoExecucao.DOWNLOAD_FATURA,
        parametros,
        {
          tentativa: inicio.numero_tentativa,
          limiteMs: dep.configuracao.limiteJobMs,
          aoRegistrar: publicar,
          navegador: { pastaTrabalho: path.join(pasta, 'robo') },
          sinal: dep.sinal,
          pontoSemRetorno: () => dep.strapi.pontoSemRetorno(job.data),
        }
      );
      const tentara =
        !resultado.sucesso &&
        erroRetentavel(resultado.tipo_erro ?? TipoErro.DESCONHECIDO) &&
        tentativa < (job.opts.attempts ?? 1);
      const resposta = await dep.strapi.concluir(job.data, resultado, tentara);
      if (resposta.status_execucao === StatusExecucao.CONCLUIDO)
        return { status_execucao: StatusExecucao.CONCLUIDO };
      if (resposta.status_execucao === StatusExecucao.TENTANDO_NOVAMENTE)
        throw new Error(`${resultado.tipo_erro}: ${resultado.mensagem}`);
      throw new UnrecoverableError(resposta.mensagem ?? resultado.mensagem);
    } finally {
      await vaga.liberar();
      fs.rmSync(pasta, { recursive: true, force: true });
    }
  };
