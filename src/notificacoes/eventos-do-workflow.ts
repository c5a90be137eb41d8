import type { Core } from '@strapi/strapi';
import { UID, type AcaoWorkflow, type EventoNotificacao } from '@orquestrador-rpa/contrato';
import { textoDoProcesso, type DadosProcesso } from './mensagens';
import { registrarNotificacoes } from './registro';
import { identidadesDaPessoa } from '../workflow/identidades';

/** Transições que avisam alguém, e o evento de cada uma. */
export const EVENTO_DA_TRANSICAO: Partial<Record<AcaoWorkflow, EventoNotificacao>> = {
  concluir_download: 'AGUARDANDO_APROVACAO',
  registrar_upload_manual: 'AGUARDANDO_APROVACAO',
  receber_fatura_email: 'AGUARDANDO_APROVACAO',
  rejeitar: 'REJEITADA',
  concluir_envio_sat: 'ENVIADA_SAT',
  confirmar_envio_sat: 'ENVIADA_SAT',
  falhar_download: 'FALHA_DOWNLOAD',
  falhar_envio_sat: 'FALHA_ENVIO_SAT',
  conferir_envio_sat: 'CONFERIR_SAT',
};

/** Processo com o que as mensagens mostram (cliente, operadora, valores). */
export const lerProcessoParaMensagem = async (
  strapi: Core.Strapi,
  onde: Record<string, unknown>
): Promise<(DadosProcesso & { upload_manual?: boolean; solicitante_fatura?: string | null }) | null> =>
  (await strapi.db.query(UID.PROCESSO).findOne({
    where: onde,
    select: [
      'id',
      'documentId',
      'mes_ano',
      'status_processo',
      'valor_fatura',
      'data_vencimento',
      'hash_fatura',
      'id_arquivo_fatura',
      'observacoes',
      'upload_manual',
      'solicitante_fatura',
      'conferencia_fiscal',
    ],
    populate: {
      cliente: { select: ['razao_social', 'cnpj'], populate: { operadora: { select: ['nome'] } } },
    },
  })) as (DadosProcesso & { upload_manual?: boolean; solicitante_fatura?: string | null }) | null;

/**
 * Grava as notificações de uma transição, na mesma transação dela. `marca` identifica a
 * ocorrência (o instante da transição): a mesma transição registrada de novo não duplica.
 */
export const notificarTransicao = async (
  strapi: Core.Strapi,
  transicao: { acao: AcaoWorkflow; documentId: string; marca: string }
): Promise<string[]> => {
  const evento = EVENTO_DA_TRANSICAO[transicao.acao];
  if (!evento) return [];
  const processo = await lerProcessoParaMensagem(strapi, { documentId: transicao.documentId });
  if (!processo) return [];
  // Rejeição: quem trouxe a fatura também fica sabendo, por qualquer login dele com conta no painel.
  const idsAdmin =
    evento === 'REJEITADA' && processo.solicitante_fatura
      ? [...(await identidadesDaPessoa(strapi, processo.solicitante_fatura))]
          .filter((identidade) => identidade.startsWith('PAINEL:'))
          .map((identidade) => Number(identidade.slice('PAINEL:'.length)))
      : [];
  return registrarNotificacoes(strapi, {
    evento,
    texto: textoDoProcesso(evento, processo),
    marca: transicao.marca,
    processo,
    idsAdmin,
  });
};
