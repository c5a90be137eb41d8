import type { Core } from '@strapi/strapi';
import { registrarAuditoria } from '../regras/auditoria';
import { autorAtual } from '../regras/autor';
import { erroConflito } from '../regras/erros';
import { eventosWorkflow } from './eventos';
import { statusDoProcessoOuErro } from './consultas';
import { notificarTransicao } from '../notificacoes/eventos-do-workflow';
import { despacharNotificacoes } from '../notificacoes/fila';
import {
  acaoPermitida,
  type AcaoWorkflow,
  type EstadoProcesso,
  TRANSICOES,
  UID,
} from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;

export interface PedidoTransicao {
  documentId: string;
  acao: AcaoWorkflow;
  /** Colunas escalares gravadas junto com o status, no mesmo UPDATE. */
  campos?: Dados;
  motivo?: string | null;
  /** Informação extra para a auditoria (execução criada, arquivo, contingência...). */
  detalhes?: Dados;
  /**
   * Condições a mais no compare-and-set (ex.: o sha256 da fatura analisada), com a mensagem do 409
   * quando o processo já não as cumpre.
   */
  condicoes?: { onde: Dados; mensagem: string };
}

export interface ResultadoTransicao {
  id: number;
  documentId: string;
  de: EstadoProcesso;
  para: EstadoProcesso;
}

/**
 * Única porta de mudança de status: compare-and-set (`UPDATE … WHERE status = atual`), auditoria
 * e notificações (caixa de saída) na mesma transação, e evento e fila depois do commit. Duas ações concorrentes: uma vence, a outra 409.
 */
export const transicionar = async (
  strapi: Core.Strapi,
  pedido: PedidoTransicao
): Promise<ResultadoTransicao> => (await executar(strapi, pedido, false))!;

/** Como `transicionar`, mas ação fora de hora devolve null em vez de 409 (efeitos de robô que podem chegar tarde). */
export const transicionarSePermitido = (
  strapi: Core.Strapi,
  pedido: PedidoTransicao
): Promise<ResultadoTransicao | null> => executar(strapi, pedido, true);

const executar = async (
  strapi: Core.Strapi,
  pedido: PedidoTransicao,
  ignorarSeNaoPermitida: boolean
): Promise<ResultadoTransicao | null> =>
  await strapi.db.transaction(async ({ onCommit }) => {
    const { acao, documentId } = pedido;
    const transicao = TRANSICOES[acao];
    const atual = await statusDoProcessoOuErro(strapi, documentId);
    const de = atual.status_processo as EstadoProcesso;
    if (!acaoPermitida(acao, de)) {
      if (ignorarSeNaoPermitida) return null;
      throw erroConflito(
        `Ação "${acao}" não permitida: o processo está em ${de} (permitida só a partir de ${transicao.de.join(', ')}).`,
        { processo: documentId, status_atual: de, acao }
      );
    }
    const agora = new Date();
    const { count } = await strapi.db.query(UID.PROCESSO).updateMany({
      where: { documentId, status_processo: de, ...pedido.condicoes?.onde },
      data: { ...pedido.campos, status_processo: transicao.para, updatedAt: agora },
    });
    if (count !== 1 && pedido.condicoes) {
      const releitura =
        (await strapi.db.query(UID.PROCESSO).count({ where: { documentId, status_processo: de } })) === 1;
      if (releitura) throw erroConflito(pedido.condicoes.mensagem, { processo: documentId, acao });
    }
    if (count !== 1) {
      throw erroConflito(
        `O processo mudou de estado enquanto a ação "${acao}" era processada: outra pessoa ou robô agiu antes. Recarregue e tente de novo.`,
        {
          processo: documentId,
          acao,
        }
      );
    }
    const motivo = pedido.motivo ?? null;
    await registrarAuditoria(strapi, {
      acao: `processo.${acao}`,
      entidade: 'processo',
      id_entidade: documentId,
      antes: { status_processo: de },
      depois: { status_processo: transicao.para, motivo, ...pedido.detalhes },
    });
    // Caixa de saída: as mensagens existem se, e só se, a transição existe; a fila só depois do commit.
    const notificacoes = await notificarTransicao(strapi, {
      acao,
      documentId,
      marca: String(agora.getTime()),
    });
    const autor = autorAtual(strapi);
    if (notificacoes.length) onCommit(() => void despacharNotificacoes(strapi, notificacoes));
    onCommit(() =>
      eventosWorkflow.emitir('processo.transicao', {
        processo: documentId,
        acao,
        de,
        para: transicao.para,
        motivo,
        autor,
        data_hora: new Date().toISOString(),
      })
    );
    return { id: atual.id, documentId, de, para: transicao.para };
  });
