import { useIntl } from 'react-intl';
import type {
  EstadoProcesso,
  OrigemFatura,
  SituacaoConferencia,
  StatusExecucao,
  StatusNotificacao,
  TipoExecucao,
} from '@orquestrador-rpa/contrato';
import { ID_PLUGIN } from './pluginId';

/** Textos da interface: chave do plugin com o português como padrão. */
export const useTextos = () => {
  const { formatMessage } = useIntl();
  return (id: string, padrao: string, valores?: Record<string, string | number>) =>
    formatMessage({ id: `${ID_PLUGIN}.${id}`, defaultMessage: padrao }, valores);
};

export const ROTULOS_STATUS: Record<EstadoProcesso, string> = {
  AGUARDANDO_DOWNLOAD: 'Aguardando download',
  DOWNLOAD_EM_ANDAMENTO: 'Download em andamento',
  AGUARDANDO_APROVACAO: 'Aguardando aprovação',
  APROVADA: 'Aprovada',
  ENVIANDO_SAT: 'Enviando ao SAT',
  ENVIADO_SAT: 'Enviado ao SAT',
  FALHA_DOWNLOAD: 'Falha no download',
  FALHA_ENVIO_SAT: 'Falha no envio ao SAT',
  CONFERIR_SAT: 'Conferir no SAT',
  REJEITADA: 'Rejeitada',
};

export const ROTULOS_STATUS_EXECUCAO: Record<StatusExecucao, string> = {
  PENDENTE: 'Pendente',
  EXECUTANDO: 'Executando',
  CONCLUIDO: 'Concluída',
  FALHOU: 'Falhou',
  TENTANDO_NOVAMENTE: 'Tentando de novo',
  INTERROMPIDA: 'Interrompida',
};
export const ROTULOS_TIPO_EXECUCAO: Record<TipoExecucao, string> = {
  DOWNLOAD_FATURA: 'Download da fatura',
  UPLOAD_SAT: 'Envio ao SAT',
  UPLOAD_MANUAL: 'Upload manual',
};
export const ROTULOS_ORIGEM: Record<OrigemFatura, string> = { RPA: 'Robô', UPLOAD_MANUAL: 'Upload manual' };
export const ROTULOS_STATUS_NOTIFICACAO: Record<StatusNotificacao, string> = {
  PENDENTE: 'Pendente',
  ENVIANDO: 'Enviando',
  ENVIADO: 'Enviada',
  FALHOU: 'Falhou',
  CONFERIR: 'Conferir',
};

export const ROTULOS_CONFERENCIA: Record<SituacaoConferencia, string> = {
  SEM_ACHADOS: 'Sem achados',
  COM_ACHADOS: 'Com achados',
  NAO_LIDA: 'Não lida',
  PENDENTE: 'Em conferência',
};

/**
 * Rótulos dos valores do contrato pelo mesmo mecanismo dos textos: a chave é `<grupo>.<VALOR>` e
 * o português acima é o padrão (`npm run textos-do-painel` os põe no pt-BR.json).
 */
const GRUPOS = {
  status: ROTULOS_STATUS,
  statusExecucao: ROTULOS_STATUS_EXECUCAO,
  tipoExecucao: ROTULOS_TIPO_EXECUCAO,
  origem: ROTULOS_ORIGEM,
  statusNotificacao: ROTULOS_STATUS_NOTIFICACAO,
  conferencia: ROTULOS_CONFERENCIA,
} as const;
export type GrupoRotulo = keyof typeof GRUPOS;

/** `rotulo('status', 'AGUARDANDO_APROVACAO')` → "Aguardando aprovação" (ou o do idioma escolhido). */
export const useRotulo = () => {
  const t = useTextos();
  return (grupo: GrupoRotulo, valor: string | null | undefined): string => {
    if (!valor) return '—';
    const padrao = (GRUPOS[grupo] as Record<string, string>)[valor];
    return padrao === undefined ? valor : t(`${grupo}.${valor}`, padrao);
  };
};

/** Rótulo de um status de processo ou de execução (o texto cru se for desconhecido). */
export const useRotuloStatus = () => {
  const rotulo = useRotulo();
  return (status: string | null | undefined): string =>
    status && status in ROTULOS_STATUS_EXECUCAO && !(status in ROTULOS_STATUS)
      ? rotulo('statusExecucao', status)
      : rotulo('status', status);
};

export const moeda = (valor: number | null): string =>
  valor === null ? '—' : valor.toLocaleString('pt-BR', { style: 'currency', currency: 'BRL' });
export const dataBr = (iso: string | null): string =>
  iso ? iso.slice(0, 10).split('-').reverse().join('/') : '—';
