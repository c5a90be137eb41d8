import { useIntl } from 'react-intl';
import type { EstadoProcesso } from '@orquestrador-rpa/contrato';
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

export const moeda = (valor: number | null): string =>
  valor === null ? '—' : valor.toLocaleString('pt-BR', { style: 'currency', currency: 'BRL' });
export const dataBr = (iso: string | null): string =>
  iso ? iso.slice(0, 10).split('-').reverse().join('/') : '—';
