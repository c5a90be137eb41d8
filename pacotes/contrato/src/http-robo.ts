import type { StatusExecucao, TipoExecucaoRobo } from './execucao.js';
import type { TipoErro } from './robo.js';

/**
 * HTTP entre o worker e o Strapi (`/api/robo/execucoes/:id/<acao>`): caminhos, cabeçalhos e
 * corpos tipados dos dois lados. Autenticação: `Authorization: Bearer <ROBO_TOKEN>` e
 * `X-Token-Execucao` (o token assinado só para o job).
 */
export const CABECALHO_TOKEN_EXECUCAO = 'X-Token-Execucao';
export const CABECALHO_WORKER = 'X-Worker';

export const ACOES_ROBO_HTTP = ['iniciar', 'fatura', 'ponto-sem-retorno', 'concluir'] as const;
export type AcaoRoboHttp = (typeof ACOES_ROBO_HTTP)[number];

/** Caminho de uma ação do worker (sem o prefixo `/api`, como nas rotas do Strapi). */
export const caminhoRobo = (acao: AcaoRoboHttp, idExecucao = ':id'): string =>
  `/robo/execucoes/${idExecucao === ':id' ? idExecucao : encodeURIComponent(idExecucao)}/${acao}`;

/** `POST iniciar` */
export interface PedidoIniciar {
  tentativa: number;
}
export interface RespostaIniciar {
  execucao: string;
  tipo_execucao: TipoExecucaoRobo;
  numero_tentativa: number;
  /** `ParametrosEntradaPadrao` sem congelar (o worker o valida com `criarParametros`). */
  parametros: Record<string, unknown>;
}

/** `POST ponto-sem-retorno` */
export interface RespostaPontoSemRetorno {
  execucao: string;
  ponto_sem_retorno: string;
}

/**
 * `POST concluir` (multipart): `resultado` (JSON do `ResultadoSaidaPadrao`), `tentara_novamente`
 * ("true"/"false"), `fatura` (PDF, no sucesso do download) e `capturas` (PNGs).
 */
export const CAMPOS_CONCLUSAO = {
  RESULTADO: 'resultado',
  TENTARA_NOVAMENTE: 'tentara_novamente',
  FATURA: 'fatura',
  CAPTURAS: 'capturas',
} as const;
export interface RespostaConcluir {
  execucao: string;
  status_execucao: Exclude<StatusExecucao, 'PENDENTE' | 'EXECUTANDO'>;
  tipo_erro?: TipoErro;
  mensagem?: string;
  ja_processada?: boolean;
  /** Falhou depois do ponto sem retorno: não re-tentar, uma pessoa confere. */
  conferir?: boolean;
}

/** Envelope das respostas do Strapi. */
export interface RespostaDados<T> {
  data: T;
}
