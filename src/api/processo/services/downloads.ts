import type { Core } from '@strapi/strapi';
import { erroConflito, erroValidacao, ehViolacaoDeUnicidade } from '../../../regras/erros';
import { despacharPendentes } from '../../../filas/despachante';
import { processoOuErro } from '../../../workflow/consultas';
import { criarExecucao } from '../../../workflow/execucoes';
import { exigirRoboDaOperadora } from '../../../regras/operadora';
import {
  acaoPermitida,
  OPERADORAS_COM_ROBO,
  ehCompetencia,
  type EstadoProcesso,
  STATUS_EXECUCAO_ABERTOS,
  StatusExecucao,
  TipoExecucao,
  TRANSICOES,
  UID,
  operadoraRecebePorEmail,
  ROTULOS_TIPO_AGENDAMENTO,
} from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;

/**
 * Dispara os robôs de download: cria a execução DOWNLOAD_FATURA pendente (uma aberta por processo,
 * no máximo — garantido pelo índice único da chave de execução aberta, mesmo com pedidos
 * simultâneos) e a publica na fila. Só processos em AGUARDANDO_DOWNLOAD de operadora com robô.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const temAberta = async (processoId: number) =>
    (await strapi.db.query(UID.EXECUCAO).count({
      where: {
        processo: { id: processoId },
        tipo_execucao: TipoExecucao.DOWNLOAD_FATURA,
        status_execucao: { $in: [...STATUS_EXECUCAO_ABERTOS] },
      },
    })) > 0;

  /** Cria a execução pendente; `null` se outra requisição criou a dela no mesmo instante. */
  const criar = async (processo: Dados) => {
    try {
      return await criarExecucao(strapi, {
        processoId: processo.id as number,
        processoDocumentId: processo.documentId as string,
        tipo: TipoExecucao.DOWNLOAD_FATURA,
        status: StatusExecucao.PENDENTE,
        mensagem: 'Aguardando o robô de download.',
      });
    } catch (erro) {
      if (ehViolacaoDeUnicidade(erro)) return null;
      throw erro;
    }
  };
  const JA_ABERTA = 'Já existe um download deste processo na fila ou em andamento.';

  return {
    async executarUm(documentId: string) {
      const processo = await processoOuErro(strapi, documentId);
      const operadora = ((processo.cliente as Dados | undefined)?.operadora ?? {}) as Dados;
      if (!acaoPermitida('iniciar_download', processo.status_processo as EstadoProcesso))
        throw erroConflito(
          `Download só a partir de ${TRANSICOES.iniciar_download.de.join(' ou ')}; o processo está em ${String(processo.status_processo)}.`
        );
      if (!operadora.possui_rpa)
        throw erroConflito(
          `A operadora ${String(operadora.nome)} não tem robô homologado: use o upload manual.`
        );
      const semRobo = exigirRoboDaOperadora(String(operadora.codigo));
      if (semRobo) throw erroConflito(semRobo);
      if (operadoraRecebePorEmail(String(operadora.codigo)))
        throw erroConflito(
          `A fatura da ${String(operadora.nome)} chega por e-mail: o robô lê a caixa no agendamento "${ROTULOS_TIPO_AGENDAMENTO.LER_EMAIL_AZUTON}", não há download por processo.`
        );
      if (await temAberta(processo.id as number)) throw erroConflito(JA_ABERTA);
      const execucao = await criar(processo);
      if (!execucao) throw erroConflito(JA_ABERTA);
      const { enfileiradas } = await despacharPendentes(strapi);
      return { processo: documentId, execucao: execucao.documentId, enfileirada: enfileiradas > 0 };
    },

    /** Todos os pendentes de uma competência (opcionalmente de uma operadora, pelo código). */
    async executarPendentes(filtros: Dados) {
      const mesAno = filtros.mes_ano;
      if (mesAno !== undefined && !ehCompetencia(mesAno))
        throw erroValidacao(`Competência inválida: "${String(mesAno)}". Use AAAA-MM.`);
      const processos = (await strapi.db.query(UID.PROCESSO).findMany({
        where: {
          status_processo: { $in: [...TRANSICOES.iniciar_download.de] },
          ...(mesAno ? { mes_ano: mesAno } : {}),
          cliente: {
            status_ativo: true,
            operadora: {
              possui_rpa: true,
              status_ativo: true,
              // Só as que têm robô: uma marcada por fora não gera execução que nenhum worker atende.
              codigo: filtros.operadora
                ? { $eq: String(filtros.operadora), $in: [...OPERADORAS_COM_ROBO] }
                : { $in: [...OPERADORAS_COM_ROBO] },
            },
          },
        },
        select: ['id', 'documentId'],
      })) as Dados[];
      let criadas = 0;
      for (const processo of processos) {
        if (await temAberta(processo.id as number)) continue;
        if (await criar(processo)) criadas += 1;
      }
      const { enfileiradas, pendentes } = await despacharPendentes(strapi);
      return { criadas, enfileiradas, pendentes };
    },
  };
};
