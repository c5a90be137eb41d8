import type { LinhaLogRobo } from './filas.js';
import type { StatusExecucao, TipoExecucao } from './execucao.js';
import type { EstadoProcesso } from './processo.js';

/** Contrato do Socket.IO dos logs ao vivo: caminho, eventos, salas e cargas (servidor e painel). */
export const CAMINHO_SOCKET = '/orquestrador-rpa/socket.io';

/** Eventos que o painel emite (com confirmação) e que o servidor envia. */
export const EVENTOS_PAINEL = { ASSINAR: 'assinar', HISTORICO: 'historico', SAIR: 'sair' } as const;
export const EVENTOS_SERVIDOR = {
  LINHA_LOG: 'linha-log',
  PROCESSO_TRANSICAO: 'processo-transicao',
  SESSAO_ENCERRADA: 'sessao-encerrada',
} as const;

/** Salas: `todas`, `execucao:<documentId>`, `processo:<documentId>`, `cliente:<documentId>` e `operadora:<código>`. */
export const TIPOS_DE_SALA = ['execucao', 'processo', 'cliente', 'operadora'] as const;
export type TipoSala = (typeof TIPOS_DE_SALA)[number];
export const SALA_TODAS = 'todas';
export const nomeSala = (tipo: TipoSala, id: string): string =>
  `${tipo}:${tipo === 'operadora' ? id.toUpperCase() : id}`;

export type LinhaAoVivo = LinhaLogRobo;

export interface LinhaHistorico {
  sequencia: number;
  linha: string;
}

export interface HistoricoExecucao {
  id_execucao: string;
  id_processo: string | null;
  tipo_execucao: TipoExecucao;
  status_execucao: StatusExecucao;
  /** `banco`: execução encerrada (mensagem_log); `fila`: em curso (log do job no Redis, a mesma numeração das linhas ao vivo). */
  origem: 'banco' | 'fila';
  linhas: LinhaHistorico[];
}

/** Resposta de `assinar` e `historico`. */
export type RespostaHistorico = { ok: true; historico: HistoricoExecucao[] } | { ok: false; erro: string };

export interface TransicaoAoVivo {
  processo: string;
  acao: string;
  de: EstadoProcesso;
  para: EstadoProcesso;
  motivo?: string | null;
  data_hora: string;
}

export interface SessaoEncerrada {
  motivo: string;
}
