import fs from 'fs';
import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { retratoDaPessoa } from '../../../workflow/identidades';
import { errors } from '@strapi/utils';
import createHttpError from 'http-errors';
import { guardarArquivo, removerArquivo, type ArquivoPrivado } from '../../../arquivos/armazenamento';
import {
  camposDaConferencia,
  conferirArquivoRecebido,
  preencherPelaConferencia,
} from '../../../conferencia/conferir-fatura';
import { erroConflito } from '../../../regras/erros';
import { processoOuErro } from '../../../workflow/consultas';
import { fechamento } from '../../../workflow/robo';
import { montarParametros } from '../../../workflow/parametros-robo';
import { transicionar, transicionarSePermitido } from '../../../workflow/transicao';
import { validarPdfDoArquivo } from '../../../workflow/validacao-pdf';
import { lerResultado, type ResultadoRecebido } from './resultado-robo';
import {
  acaoPermitida,
  ACOES_ROBO,
  codigoDoPortal,
  ehStatusExecucaoFinal,
  type EstadoProcesso,
  nomeFaturaLegado,
  parametrosSemSenha,
  STATUS_EXECUCAO_FINAIS,
  StatusExecucao,
  TipoErro,
  TipoExecucao,
  type TipoExecucaoRobo,
  UID,
} from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;

export interface ArquivoEnviado {
  filepath: string;
  size: number;
}

/** Captura de tela aceita do worker: PNG de até 5 MB (nada além disso vira arquivo guardado). */
const LIMITE_CAPTURA = 5 * 1024 * 1024;
const ASSINATURA_PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

/**
 * O lado do Strapi na conversa com os workers: `iniciar` (marca EXECUTANDO, avança o processo e
 * devolve os parâmetros do robô), `pontoSemRetorno` (marca durável antes do clique final do SAT) e
 * `concluir` (grava o resultado, a fatura baixada e as capturas, e avança o processo).
 * Idempotentes pelo id da execução: repetir não muda nada, e a corrida perdida não deixa arquivo.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const execucaoOuErro = async (documentId: string): Promise<Dados> => {
    const execucao = (await strapi.db.query(UID.EXECUCAO).findOne({
      where: { documentId },
      populate: { processo: { select: ['id', 'documentId', 'mes_ano'] } },
    })) as Dados | null;
    if (!execucao) throw new errors.NotFoundError(`Execução ${documentId} não encontrada.`);
    if (!((execucao.tipo_execucao as string) in ACOES_ROBO))
      throw createHttpError(
        422,
        `A execução ${documentId} (${String(execucao.tipo_execucao)}) não é feita por robô.`
      );
    return execucao;
  };
  const processoDe = (execucao: Dados) =>
    execucao.processo as { id: number; documentId: string; mes_ano: string };

  /** Grava o estado final da execução uma vez só (compare-and-set) e, se gravou, avança o processo; devolve se gravou. */
  const finalizar = async (
    execucao: Dados,
    dados: Dados,
    transicao: () => Promise<unknown>
  ): Promise<boolean> =>
    await strapi.db.transaction(async (): Promise<boolean> => {
      const { count } = await strapi.db.query(UID.EXECUCAO).updateMany({
        where: { id: execucao.id, status_execucao: { $notIn: [...STATUS_EXECUCAO_FINAIS] } },
        data: dados,
      });
      if (count === 1) await transicao();
      return count === 1;
    });

  /**
   * Depois do ponto sem retorno o robô não roda de novo: a execução é encerrada e o processo vai a
   * "conferir no SAT", que só uma pessoa resolve.
   */
  const encerrarDepoisDoPonto = (
    execucao: Dados,
    motivo: string,
    status: typeof StatusExecucao.FALHOU | typeof StatusExecucao.INTERROMPIDA,
    extras: Dados = {}
  ): Promise<boolean> => {
    const acoes = ACOES_ROBO[execucao.tipo_execucao as TipoExecucaoRobo];
    const detalhes = {
      ...((extras.detalhes_erro as Dados | undefined) ?? {}),
      motivo,
      ponto_sem_retorno: execucao.ponto_sem_retorno,
    };
    return finalizar(
      execucao,
      fechamento(status, { mensagem_log: motivo, data_fim: new Date(), ...extras, detalhes_erro: detalhes }),
      () =>
        transicionarSePermitido(strapi, {
          documentId: processoDe(execucao).documentId,
          acao: acoes.conferir!,
          motivo,
          detalhes: { execucao: execucao.documentId },
        })
    );
  };

  /**
   * Download: valida, confere e guarda o PDF com o nome do legado; devolve os campos do processo, o
   * arquivo e o que a auditoria da transição registra, ou o motivo da recusa.
   */
  const guardarBaixada = async (
    execucao: Dados,
    resultado: ResultadoRecebido,
    fatura?: ArquivoEnviado
  ): Promise<{ campos: Dados; arquivo: ArquivoPrivado; detalhes: Dados } | string> => {
    if (!fatura) return 'O robô não enviou o PDF da fatura.';
    let pdf;
    try {
      pdf = await validarPdfDoArquivo(fatura.filepath);
    } catch (erro) {
      return `PDF baixado recusado: ${(erro as Error).message}`;
    }
    const processo = await processoOuErro(strapi, processoDe(execucao).documentId);
    const outro = (await strapi.db.query(UID.PROCESSO).findOne({
      where: { hash_fatura: pdf.sha256, documentId: { $ne: processo.documentId } },
      select: ['documentId'],
    })) as Dados | null;
    if (outro) return `O PDF baixado já é a fatura do processo ${String(outro.documentId)}.`;
    const dados = resultado.dados_extraidos;
    const lido = {
      sha256: pdf.sha256,
      valor: typeof dados.valor_fatura === 'number' ? dados.valor_fatura : null,
      vencimento: typeof dados.data_vencimento === 'string' ? dados.data_vencimento : null,
    };
    // O que o robô não leu na tela vem do documento (auditado como vindo da conferência).
    const conferencia = await conferirArquivoRecebido(fatura.filepath, processo, lido);
    const { campos: doDocumento, preenchidos } = preencherPelaConferencia(lido, conferencia);
    const vencimento = (doDocumento.data_vencimento as string | undefined) ?? lido.vencimento;
    const nome = nomeFaturaLegado(
      String((processo.cliente as Dados | undefined)?.hash_unico ?? ''),
      vencimento
    );
    const arquivo = await guardarArquivo(strapi, {
      origem: fatura.filepath,
      nome,
      tipo: 'FATURA',
      mime: 'application/pdf',
      tamanho: pdf.tamanho,
      sha256: pdf.sha256,
    });
    return {
      arquivo,
      detalhes: {
        conferencia: conferencia.situacao,
        achados: conferencia.achados.map((a) => a.codigo),
        ...(preenchidos.length ? { preenchido_pela_conferencia: preenchidos } : {}),
      },
      campos: {
        data_vencimento: vencimento,
        ...(lido.valor !== null ? { valor_fatura: lido.valor } : {}),
        ...doDocumento,
        ...camposDaConferencia(conferencia),
        caminho_s3_fatura: arquivo.chave,
        hash_fatura: pdf.sha256,
        id_arquivo_fatura: arquivo.id,
        upload_manual: false,
        url_fatura: null,
        solicitante_fatura: execucao.identidade_solicitante ?? null,
        identidades_solicitante: await retratoDaPessoa(
          strapi,
          (execucao.identidade_solicitante as string | null) ?? null
        ),
      },
    };
  };

  /** Capturas de tela do worker: só PNG dentro do limite viram arquivo privado. */
  const guardarCapturas = async (execucao: Dados, capturas: ArquivoEnviado[]): Promise<ArquivoPrivado[]> => {
    const guardadas: ArquivoPrivado[] = [];
    for (const [indice, captura] of capturas.entries()) {
      if (captura.size <= 0 || captura.size > LIMITE_CAPTURA) continue;
      const conteudo = await fs.promises.readFile(captura.filepath);
      if (!conteudo.subarray(0, 4).equals(ASSINATURA_PNG)) continue;
      guardadas.push(
        await guardarArquivo(strapi, {
          origem: captura.filepath,
          nome: `captura_${String(execucao.documentId)}_${indice + 1}.png`,
          tipo: 'CAPTURA',
          mime: 'image/png',
          tamanho: conteudo.length,
          sha256: createHash('sha256').update(conteudo).digest('hex'),
        })
      );
    }
    return guardadas;
  };

  const descartar = (arquivos: ArquivoPrivado[]) =>
    Promise.all(arquivos.map((a) => removerArquivo(strapi, a).catch(() => undefined)));

  return {
    async iniciar(documentId: string, tentativa: number) {
      const execucao = await execucaoOuErro(documentId);
      if (ehStatusExecucaoFinal(execucao.status_execucao)) {
        throw erroConflito(`A execução ${documentId} já terminou (${String(execucao.status_execucao)}).`, {
          finalizada: true,
        });
      }
      if (execucao.ponto_sem_retorno) {
        await encerrarDepoisDoPonto(
          execucao,
          'O robô foi reiniciado depois do clique final no SAT: a fatura pode ter sido gravada. Confira no SAT antes de reenviar.',
          StatusExecucao.INTERROMPIDA
        );
        throw erroConflito(
          `A execução ${documentId} passou do ponto sem retorno: não roda de novo (conferir no SAT).`,
          { finalizada: true }
        );
      }
      const tipo = execucao.tipo_execucao as TipoExecucaoRobo;
      const acoes = ACOES_ROBO[tipo];
      const processo = await processoOuErro(strapi, processoDe(execucao).documentId);
      const parametros = montarParametros(processo, tipo);
      return strapi.db.transaction(async () => {
        const status = processo.status_processo as EstadoProcesso;
        if (status !== acoes.emAndamento) {
          if (!acaoPermitida(acoes.iniciar, status)) {
            throw erroConflito(
              `O processo está em ${status}: a execução ${documentId} não tem mais o que fazer.`,
              { finalizada: false, status_processo: status }
            );
          }
          await transicionar(strapi, {
            documentId: processo.documentId as string,
            acao: acoes.iniciar,
            detalhes: { execucao: documentId, tentativa },
          });
        }
        // Numeração contínua por processo e tipo, contando também as re-tentativas das execuções anteriores.
        const anterior = (await strapi.db.query(UID.EXECUCAO).findOne({
          where: { processo: { id: processo.id }, tipo_execucao: tipo, id: { $lt: execucao.id } },
          select: ['numero_tentativa'],
          orderBy: { numero_tentativa: 'desc' },
        })) as { numero_tentativa: number | null } | null;
        const numero = (anterior?.numero_tentativa ?? 0) + tentativa;
        await strapi.db.query(UID.EXECUCAO).update({
          where: { id: execucao.id },
          data: {
            status_execucao: StatusExecucao.EXECUTANDO,
            numero_tentativa: numero,
            data_inicio: execucao.data_inicio ?? new Date(),
            classe_rpa_utilizada: codigoDoPortal(tipo, parametros.operadora_codigo),
            parametros_entrada: parametrosSemSenha(parametros),
          },
        });
        return { execucao: documentId, tipo_execucao: tipo, numero_tentativa: numero, parametros };
      });
    },

    /**
     * Marca durável antes do clique final (ex.: "cadastrar" no SAT). Depois dela nenhuma
     * re-tentativa, reconciliação ou reinício roda o robô de novo. Idempotente.
     */
    async pontoSemRetorno(documentId: string) {
      const execucao = await execucaoOuErro(documentId);
      if (!ACOES_ROBO[execucao.tipo_execucao as TipoExecucaoRobo].conferir)
        throw createHttpError(422, `A execução ${documentId} não tem ponto sem retorno.`);
      const { count } = await strapi.db.query(UID.EXECUCAO).updateMany({
        where: {
          id: execucao.id,
          status_execucao: StatusExecucao.EXECUTANDO,
          ponto_sem_retorno: { $null: true },
        },
        data: { ponto_sem_retorno: new Date() },
      });
      const atual = (await strapi.db
        .query(UID.EXECUCAO)
        .findOne({ where: { id: execucao.id }, select: ['status_execucao', 'ponto_sem_retorno'] })) as Dados;
      if (count === 0 && (atual.status_execucao !== StatusExecucao.EXECUTANDO || !atual.ponto_sem_retorno)) {
        throw erroConflito(
          `A execução ${documentId} não está em curso (${String(atual.status_execucao)}): o robô não deve seguir.`,
          { finalizada: true }
        );
      }
      return { execucao: documentId, ponto_sem_retorno: atual.ponto_sem_retorno };
    },

    /** O arquivo do PDF aprovado, para o robô do SAT anexar. */
    async arquivoDaFatura(documentId: string): Promise<number> {
      const processo = await processoOuErro(strapi, processoDe(await execucaoOuErro(documentId)).documentId);
      if (!processo.id_arquivo_fatura) throw new errors.NotFoundError('O processo não tem fatura.');
      return processo.id_arquivo_fatura as number;
    },

    async concluir(
      documentId: string,
      corpo: Dados,
      arquivos: { fatura?: ArquivoEnviado; capturas: ArquivoEnviado[] }
    ) {
      const execucao = await execucaoOuErro(documentId);
      if (ehStatusExecucaoFinal(execucao.status_execucao))
        return { execucao: documentId, status_execucao: execucao.status_execucao, ja_processada: true };
      const resultado = lerResultado(corpo.resultado);
      const tipo = execucao.tipo_execucao as TipoExecucaoRobo;
      const processo = processoDe(execucao).documentId;
      const base = {
        resultado_saida: { ...resultado, logs_execucao: undefined },
        mensagem_log: resultado.logs_execucao.join('\n') || resultado.mensagem,
        data_fim: new Date(),
      };

      let recusa: string | null = null;
      if (resultado.sucesso) {
        const baixada =
          tipo === TipoExecucao.DOWNLOAD_FATURA
            ? await guardarBaixada(execucao, resultado, arquivos.fatura)
            : null;
        if (typeof baixada !== 'string') {
          const campos = baixada ? baixada.campos : { enviado_para_sat: true, data_envio_sat: new Date() };
          let gravou = false;
          try {
            gravou = await finalizar(
              execucao,
              fechamento(StatusExecucao.CONCLUIDO, {
                ...base,
                url_arquivo_s3: baixada?.arquivo.chave ?? null,
                detalhes_erro: null,
              }),
              () =>
                transicionar(strapi, {
                  documentId: processo,
                  acao: ACOES_ROBO[tipo].concluir,
                  campos,
                  motivo: resultado.mensagem,
                  detalhes: { execucao: documentId, ...baixada?.detalhes },
                })
            );
          } finally {
            // Corrida perdida (outro `concluir` chegou antes) ou transação desfeita: o PDF guardado não fica órfão.
            if (!gravou && baixada) await descartar([baixada.arquivo]);
          }
          return gravou
            ? { execucao: documentId, status_execucao: StatusExecucao.CONCLUIDO }
            : { execucao: documentId, status_execucao: StatusExecucao.CONCLUIDO, ja_processada: true };
        }
        recusa = baixada;
      }
      const capturas = await guardarCapturas(execucao, arquivos.capturas);
      const tipoErro = recusa ? TipoErro.NEGOCIO : resultado.tipo_erro;
      const mensagem = recusa ?? resultado.mensagem;
      const detalhes_erro = {
        tipo_erro: tipoErro,
        mensagem,
        capturas: capturas.map((c) => c.chave),
        ...resultado.dados_especificos,
      };
      let gravou = false;
      try {
        if (execucao.ponto_sem_retorno) {
          gravou = await encerrarDepoisDoPonto(
            execucao,
            `Falha depois do clique final no SAT (${mensagem}): confira no SAT antes de reenviar.`,
            StatusExecucao.FALHOU,
            { ...base, detalhes_erro }
          );
          return {
            execucao: documentId,
            status_execucao: StatusExecucao.FALHOU,
            tipo_erro: tipoErro,
            mensagem,
            conferir: true,
          };
        }
        if (!recusa && (corpo.tentara_novamente === true || corpo.tentara_novamente === 'true')) {
          const { count } = await strapi.db.query(UID.EXECUCAO).updateMany({
            where: { id: execucao.id, status_execucao: { $notIn: [...STATUS_EXECUCAO_FINAIS] } },
            data: {
              ...base,
              data_fim: null,
              status_execucao: StatusExecucao.TENTANDO_NOVAMENTE,
              detalhes_erro,
            },
          });
          gravou = count === 1;
          return { execucao: documentId, status_execucao: StatusExecucao.TENTANDO_NOVAMENTE };
        }
        // O processo pode já ter saído do andamento (ex.: upload manual de contingência): aí a falha só fica na execução.
        gravou = await finalizar(
          execucao,
          fechamento(StatusExecucao.FALHOU, { ...base, detalhes_erro }),
          () =>
            transicionarSePermitido(strapi, {
              documentId: processo,
              acao: ACOES_ROBO[tipo].falhar,
              motivo: mensagem,
              detalhes: { execucao: documentId, tipo_erro: tipoErro },
            })
        );
        return {
          execucao: documentId,
          status_execucao: StatusExecucao.FALHOU,
          tipo_erro: tipoErro,
          mensagem,
        };
      } finally {
        if (!gravou) await descartar(capturas);
      }
    },
  };
};
