import fs from 'fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import createHttpError from 'http-errors';
import { erroConflito } from '../../../regras/erros';
import { UID_PROCESSO } from '../../../regras/processo';
import { guardarCaptura, guardarFatura } from '../../../workflow/armazenamento-fatura';
import { processoOuErro, UID_EXECUCAO } from '../../../workflow/consultas';
import { acaoPermitida, type EstadoProcesso } from '../../../workflow/estados';
import { ACOES_ROBO, STATUS_FINAIS, type TipoRobo } from '../../../workflow/robo';
import { montarParametros } from '../../../workflow/parametros-robo';
import { transicionar, transicionarSePermitido } from '../../../workflow/transicao';
import { validarPdf } from '../../../workflow/validacao-pdf';
import { parametrosSemSenha } from '../../../../worker-rpa/src/contrato/parametros';
import { TipoErro } from '../../../../worker-rpa/src/contrato/tipos';
import { lerResultado, type ResultadoRecebido } from './resultado-robo';

type Dados = Record<string, unknown>;

export interface ArquivoEnviado {
  filepath: string;
  size: number;
}

/**
 * O lado do Strapi na conversa com os workers: `iniciar` (marca EXECUTANDO, avança o processo e
 * devolve os parâmetros do robô) e `concluir` (grava o resultado, a fatura baixada e as capturas, e
 * avança o processo). Idempotentes pelo id da execução: repetir não muda nada.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const execucaoOuErro = async (documentId: string): Promise<Dados> => {
    const execucao = (await strapi.db.query(UID_EXECUCAO).findOne({ where: { documentId }, populate: { processo: { select: ['id', 'documentId', 'mes_ano'] } } })) as Dados | null;
    if (!execucao) throw new errors.NotFoundError(`Execução ${documentId} não encontrada.`);
    if (!((execucao.tipo_execucao as string) in ACOES_ROBO)) throw createHttpError(422, `A execução ${documentId} (${String(execucao.tipo_execucao)}) não é feita por robô.`);
    return execucao;
  };
  const processoDe = (execucao: Dados) => execucao.processo as { id: number; documentId: string; mes_ano: string };

  /** Grava o estado final da execução uma vez só (compare-and-set) e, se gravou, avança o processo. */
  const finalizar = (execucao: Dados, dados: Dados, transicao: () => Promise<unknown>) =>
    strapi.db.transaction(async () => {
      const { count } = await strapi.db.query(UID_EXECUCAO).updateMany({ where: { id: execucao.id, status_execucao: { $notIn: STATUS_FINAIS } }, data: dados });
      if (count === 1) await transicao();
    });

  /** Download: valida e guarda o PDF; devolve os campos do processo ou o motivo da recusa. */
  const guardarBaixada = async (execucao: Dados, resultado: ResultadoRecebido, fatura?: ArquivoEnviado): Promise<Dados | string> => {
    if (!fatura) return 'O robô não enviou o PDF da fatura.';
    let pdf;
    try {
      pdf = await validarPdf(await fs.promises.readFile(fatura.filepath));
    } catch (erro) {
      return `PDF baixado recusado: ${(erro as Error).message}`;
    }
    const { documentId, mes_ano } = processoDe(execucao);
    const outro = (await strapi.db.query(UID_PROCESSO).findOne({ where: { hash_fatura: pdf.sha256, documentId: { $ne: documentId } }, select: ['documentId'] })) as Dados | null;
    if (outro) return `O PDF baixado já é a fatura do processo ${String(outro.documentId)}.`;
    const arquivo = await guardarFatura(strapi, fatura.filepath, `${documentId}_${mes_ano}`, pdf.tamanho);
    const dados = resultado.dados_extraidos;
    return {
      data_vencimento: typeof dados.data_vencimento === 'string' ? dados.data_vencimento : null,
      ...(typeof dados.valor_fatura === 'number' ? { valor_fatura: dados.valor_fatura } : {}),
      caminho_s3_fatura: arquivo.url, hash_fatura: pdf.sha256, id_arquivo_fatura: arquivo.id, upload_manual: false, url_fatura: null,
    };
  };

  return {
    async iniciar(documentId: string, tentativa: number) {
      const execucao = await execucaoOuErro(documentId);
      if (STATUS_FINAIS.includes(execucao.status_execucao as string)) {
        throw erroConflito(`A execução ${documentId} já terminou (${String(execucao.status_execucao)}).`, { finalizada: true });
      }
      const tipo = execucao.tipo_execucao as TipoRobo;
      const acoes = ACOES_ROBO[tipo];
      const processo = await processoOuErro(strapi, processoDe(execucao).documentId);
      const parametros = montarParametros(processo, tipo);
      return strapi.db.transaction(async () => {
        const status = processo.status_processo as EstadoProcesso;
        if (status !== acoes.emAndamento) {
          if (!acaoPermitida(acoes.iniciar, status)) {
            throw erroConflito(`O processo está em ${status}: a execução ${documentId} não tem mais o que fazer.`, { finalizada: false, status_processo: status });
          }
          await transicionar(strapi, { documentId: processo.documentId as string, acao: acoes.iniciar, detalhes: { execucao: documentId, tentativa } });
        }
        // Numeração contínua por processo e tipo, contando também as re-tentativas das execuções anteriores.
        const anterior = (await strapi.db.query(UID_EXECUCAO).findOne({
          where: { processo: { id: processo.id }, tipo_execucao: tipo, id: { $lt: execucao.id } },
          select: ['numero_tentativa'],
          orderBy: { numero_tentativa: 'desc' },
        })) as { numero_tentativa: number | null } | null;
        const numero = (anterior?.numero_tentativa ?? 0) + tentativa;
        await strapi.db.query(UID_EXECUCAO).update({
          where: { id: execucao.id },
          data: {
            status_execucao: 'EXECUTANDO', numero_tentativa: numero, data_inicio: execucao.data_inicio ?? new Date(),
            classe_rpa_utilizada: tipo === 'UPLOAD_SAT' ? 'SAT' : parametros.operadora_codigo, parametros_entrada: parametrosSemSenha(parametros),
          },
        });
        return { execucao: documentId, tipo_execucao: tipo, numero_tentativa: numero, parametros };
      });
    },

    /** O arquivo do PDF aprovado, para o robô do SAT anexar. */
    async arquivoDaFatura(documentId: string): Promise<number> {
      const processo = await processoOuErro(strapi, processoDe(await execucaoOuErro(documentId)).documentId);
      if (!processo.id_arquivo_fatura) throw new errors.NotFoundError('O processo não tem fatura.');
      return processo.id_arquivo_fatura as number;
    },

    async concluir(documentId: string, corpo: Dados, arquivos: { fatura?: ArquivoEnviado; capturas: ArquivoEnviado[] }) {
      const execucao = await execucaoOuErro(documentId);
      if (STATUS_FINAIS.includes(execucao.status_execucao as string)) return { execucao: documentId, status_execucao: execucao.status_execucao, ja_processada: true };
      const resultado = lerResultado(corpo.resultado);
      const tipo = execucao.tipo_execucao as TipoRobo;
      const processo = processoDe(execucao).documentId;
      const base = { resultado_saida: { ...resultado, logs_execucao: undefined }, mensagem_log: resultado.logs_execucao.join('\n') || resultado.mensagem, data_fim: new Date() };

      let recusa: string | null = null;
      if (resultado.sucesso) {
        const campos = tipo === 'DOWNLOAD_FATURA' ? await guardarBaixada(execucao, resultado, arquivos.fatura) : { enviado_para_sat: true, data_envio_sat: new Date() };
        if (typeof campos !== 'string') {
          await finalizar(execucao, { ...base, status_execucao: 'CONCLUIDO', url_arquivo_s3: (campos.caminho_s3_fatura as string | undefined) ?? null, detalhes_erro: null }, () =>
            transicionar(strapi, { documentId: processo, acao: ACOES_ROBO[tipo].concluir, campos, motivo: resultado.mensagem, detalhes: { execucao: documentId } })
          );
          return { execucao: documentId, status_execucao: 'CONCLUIDO' };
        }
        recusa = campos;
      }
      const capturas = await Promise.all(arquivos.capturas.map((c, i) => guardarCaptura(strapi, c.filepath, `${documentId}_${Date.now()}_${i}`, c.size)));
      const tipoErro = recusa ? TipoErro.NEGOCIO : resultado.tipo_erro;
      const mensagem = recusa ?? resultado.mensagem;
      const detalhes_erro = { tipo_erro: tipoErro, mensagem, capturas: capturas.map((c) => c.url), ...resultado.dados_especificos };
      if (!recusa && (corpo.tentara_novamente === true || corpo.tentara_novamente === 'true')) {
        await strapi.db.query(UID_EXECUCAO).updateMany({
          where: { id: execucao.id, status_execucao: { $notIn: STATUS_FINAIS } },
          data: { ...base, data_fim: null, status_execucao: 'TENTANDO_NOVAMENTE', detalhes_erro },
        });
        return { execucao: documentId, status_execucao: 'TENTANDO_NOVAMENTE' };
      }
      // O processo pode já ter saído do andamento (ex.: upload manual de contingência): aí a falha só fica na execução.
      await finalizar(execucao, { ...base, status_execucao: 'FALHOU', detalhes_erro }, () =>
        transicionarSePermitido(strapi, { documentId: processo, acao: ACOES_ROBO[tipo].falhar, motivo: mensagem, detalhes: { execucao: documentId, tipo_erro: tipoErro } })
      );
      return { execucao: documentId, status_execucao: 'FALHOU', tipo_erro: tipoErro, mensagem };
    },
  };
};
