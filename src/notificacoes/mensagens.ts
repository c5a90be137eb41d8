import { ROTULOS_EVENTO, type ConferenciaFiscal, type EventoNotificacao } from '@orquestrador-rpa/contrato';
import { configuracao } from '../configuracao';

/** Marcador trocado pelo link assinado só na hora do envio (o link nunca fica gravado no banco). */
export const MARCADOR_LINK_DECISAO = '{{link-de-decisao}}';

export interface DadosProcesso {
  id: number;
  documentId: string;
  mes_ano: string;
  status_processo?: string;
  valor_fatura?: number | string | null;
  data_vencimento?: string | null;
  hash_fatura?: string | null;
  id_arquivo_fatura?: number | null;
  observacoes?: string | null;
  conferencia_fiscal?: ConferenciaFiscal | null;
  cliente?: { razao_social?: string; cnpj?: string; operadora?: { nome?: string } | null } | null;
}

/**
 * O que a conferência fiscal achou nesta fatura, uma linha por achado (nada quando não há achados
 * ou quando a conferência é de outro PDF): quem decide pelo link vê o mesmo que no painel.
 */
export const linhasDaConferencia = (p: DadosProcesso): string[] => {
  const conferencia = p.conferencia_fiscal;
  if (!conferencia || conferencia.sha256 !== p.hash_fatura) return [];
  if (conferencia.situacao === 'NAO_LIDA')
    return [`Conferência fiscal: fatura não lida (${conferencia.motivo ?? 'sem motivo'}).`];
  return conferencia.achados.map(
    (a) =>
      `Conferência fiscal (${a.severidade === 'bloqueante' ? 'bloqueante: aprovar exige justificativa' : 'aviso'}): ${a.mensagem}`
  );
};

export interface TextoNotificacao {
  assunto: string;
  texto: string;
}

const moeda = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

const competencia = (mesAno: string): string => mesAno.split('-').reverse().join('/');
const data = (iso: string | null | undefined): string =>
  iso ? iso.slice(0, 10).split('-').reverse().join('/') : 'não informado';
const valor = (bruto: number | string | null | undefined): string =>
  bruto === null || bruto === undefined || bruto === '' ? 'não informado' : moeda.format(Number(bruto));

/** Link da análise do processo no painel. */
export const linkDoProcesso = (documentId: string): string =>
  `${configuracao().notificacoes.urlPublica}/admin/plugins/orquestrador-rpa/processos/${documentId}`;

const COMPLEMENTO: Partial<Record<EventoNotificacao, (p: DadosProcesso) => string>> = {
  AGUARDANDO_APROVACAO: (p) =>
    [
      ...linhasDaConferencia(p),
      `Aprovar ou rejeitar direto pelo link (confirmação em uma página): ${MARCADOR_LINK_DECISAO}`,
    ].join('\n'),
  REJEITADA: (p) => `Motivo: ${p.observacoes ?? 'não informado'}.`,
  FALHA_DOWNLOAD: () =>
    'O robô desistiu depois das re-tentativas: faça o upload manual ou reabra o processo.',
  FALHA_ENVIO_SAT: () => 'O envio ao SAT falhou: confira a execução e reenvie pelo painel.',
  CONFERIR_SAT: () =>
    'O envio ao SAT foi interrompido depois do clique final: confira no SAT se a fatura entrou.',
  VENCIMENTO_PROXIMO: () =>
    `A fatura vence em breve e ainda não foi aprovada. Decidir pelo link: ${MARCADOR_LINK_DECISAO}`,
};

/** Texto de uma notificação sobre um processo: cliente, operadora, competência, valor, vencimento e link. */
export const textoDoProcesso = (evento: EventoNotificacao, processo: DadosProcesso): TextoNotificacao => {
  const cliente = processo.cliente ?? {};
  const operadora = cliente.operadora?.nome ?? 'operadora não informada';
  const rotulo = ROTULOS_EVENTO[evento];
  const linhas = [
    `${rotulo}.`,
    '',
    `Cliente: ${cliente.razao_social ?? 'não informado'}${cliente.cnpj ? ` (CNPJ ${cliente.cnpj})` : ''}`,
    `Operadora: ${operadora}`,
    `Competência: ${competencia(processo.mes_ano)}`,
    `Valor: ${valor(processo.valor_fatura)}`,
    `Vencimento: ${data(processo.data_vencimento)}`,
    '',
    COMPLEMENTO[evento]?.(processo) ?? '',
    `Análise no painel: ${linkDoProcesso(processo.documentId)}`,
  ].filter((linha, i, todas) => linha !== '' || todas[i - 1] !== '');
  return {
    assunto: `${rotulo}: ${cliente.razao_social ?? 'cliente'} — ${operadora} ${competencia(processo.mes_ano)}`,
    texto: linhas.join('\n'),
  };
};

export interface ContagemResumo {
  aguardando: number;
  falhas: number;
  enviadas: number;
  conferir: number;
}

/** Resumo diário: quantas aguardam aprovação, falharam, estão a conferir e foram enviadas ao SAT. */
export const textoDoResumo = (dia: string, contagem: ContagemResumo): TextoNotificacao => ({
  assunto: `Resumo do dia ${data(dia)}: ${contagem.aguardando} fatura(s) aguardando aprovação`,
  texto: [
    `Resumo do dia ${data(dia)}.`,
    '',
    `Aguardando aprovação: ${contagem.aguardando}`,
    `Com falha (download ou SAT): ${contagem.falhas}`,
    `A conferir no SAT: ${contagem.conferir}`,
    `Enviadas ao SAT hoje: ${contagem.enviadas}`,
    '',
    `Painel: ${configuracao().notificacoes.urlPublica}/admin/plugins/orquestrador-rpa`,
  ].join('\n'),
});
