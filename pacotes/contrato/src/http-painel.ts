import type { ConferenciaFiscal } from './fiscal/conferencia.js';
import type { OrigemFatura, StatusExecucao, TipoExecucao } from './execucao.js';
import type { AcaoPainel, EstadoProcesso } from './processo.js';
import type { AcaoRbac } from './rbac.js';
import type { RoboDaOperadora } from './robo.js';
import { ID_PLUGIN } from './uids.js';

/**
 * HTTP do painel (`/orquestrador-rpa/...`, rotas de admin): caminho, ação RBAC exigida, filtros e
 * respostas tipadas — o servidor do plugin e as páginas do admin usam as mesmas definições.
 */
export interface RotaPainel {
  metodo: 'GET' | 'POST';
  caminho: string;
  acao: AcaoRbac;
  /** Exportações e trilhas leem muito do banco: limite por pessoa e por minuto. */
  limitada?: boolean;
}

export const ROTAS_PAINEL = {
  resumo: { metodo: 'GET', caminho: '/resumo', acao: 'ver-painel' },
  dashboard: { metodo: 'GET', caminho: '/dashboard', acao: 'ver-painel' },
  aprovacoes: { metodo: 'GET', caminho: '/aprovacoes', acao: 'ver-painel' },
  processos: { metodo: 'GET', caminho: '/processos', acao: 'ver-painel' },
  execucoes: { metodo: 'GET', caminho: '/execucoes', acao: 'ver-painel' },
  captura: { metodo: 'GET', caminho: '/execucoes/:id/capturas/:indice', acao: 'ver-painel' },
  conciliacao: { metodo: 'GET', caminho: '/conciliacao', acao: 'ver-painel' },
  series: { metodo: 'GET', caminho: '/series', acao: 'ver-painel' },
  exportarConciliacao: {
    metodo: 'GET',
    caminho: '/conciliacao/exportar',
    acao: 'ver-painel',
    limitada: true,
  },
  gerarMensais: { metodo: 'POST', caminho: '/processos/gerar-mensais', acao: 'gerenciar-processos' },
  executarDownloads: { metodo: 'POST', caminho: '/processos/executar-downloads', acao: 'executar-robo' },
  executarDownload: { metodo: 'POST', caminho: '/processos/:id/executar-download', acao: 'executar-robo' },
  aprovar: { metodo: 'POST', caminho: '/processos/:id/aprovar', acao: 'aprovar' },
  rejeitar: { metodo: 'POST', caminho: '/processos/:id/rejeitar', acao: 'aprovar' },
  reconferir: { metodo: 'POST', caminho: '/processos/:id/reconferir', acao: 'aprovar' },
  reabrir: { metodo: 'POST', caminho: '/processos/:id/reabrir', acao: 'gerenciar-processos' },
  reenviarSat: { metodo: 'POST', caminho: '/processos/:id/reenviar-sat', acao: 'executar-robo' },
  confirmarEnvioSat: { metodo: 'POST', caminho: '/processos/:id/confirmar-envio-sat', acao: 'executar-robo' },
  uploadManual: { metodo: 'POST', caminho: '/processos/:id/upload-manual', acao: 'upload-manual' },
  importarClientes: { metodo: 'POST', caminho: '/clientes/importar', acao: 'importar-clientes' },
  fatura: { metodo: 'GET', caminho: '/processos/:id/fatura', acao: 'ver-painel' },
  rastreabilidade: {
    metodo: 'GET',
    caminho: '/processos/:id/rastreabilidade',
    acao: 'ver-painel',
    limitada: true,
  },
  exportarExecucoes: { metodo: 'GET', caminho: '/execucoes/exportar', acao: 'ver-painel', limitada: true },
  notificacoes: { metodo: 'GET', caminho: '/notificacoes', acao: 'gerenciar-notificacoes' },
  canaisNotificacao: { metodo: 'GET', caminho: '/notificacoes/canais', acao: 'gerenciar-notificacoes' },
  testarCanal: { metodo: 'POST', caminho: '/notificacoes/testar', acao: 'gerenciar-notificacoes' },
  agendamentos: { metodo: 'GET', caminho: '/agendamentos', acao: 'gerenciar-agendamentos' },
  previaAgendamento: { metodo: 'GET', caminho: '/agendamentos/previa', acao: 'gerenciar-agendamentos' },
  disparosAgendamento: {
    metodo: 'GET',
    caminho: '/agendamentos/:id/disparos',
    acao: 'gerenciar-agendamentos',
  },
  ativarAgendamento: { metodo: 'POST', caminho: '/agendamentos/:id/ativo', acao: 'gerenciar-agendamentos' },
  executarAgendamento: {
    metodo: 'POST',
    caminho: '/agendamentos/:id/executar',
    acao: 'executar-agendamento',
  },
  reenviarNotificacao: {
    metodo: 'POST',
    caminho: '/notificacoes/:id/reenviar',
    acao: 'gerenciar-notificacoes',
  },
  carencias: { metodo: 'GET', caminho: '/seguranca/carencias', acao: 'confirmar-contas' },
  confirmarConta: { metodo: 'POST', caminho: '/seguranca/carencias/:id/confirmar', acao: 'confirmar-contas' },
} as const satisfies Record<string, RotaPainel>;
export type NomeRotaPainel = keyof typeof ROTAS_PAINEL;

/** Caminho de uma rota do painel com os parâmetros preenchidos (`:id`, `:indice`). */
export const caminhoPainel = (
  rota: NomeRotaPainel,
  parametros: Record<string, string | number> = {}
): string =>
  ROTAS_PAINEL[rota].caminho.replace(/:(\w+)/g, (_, nome: string) =>
    encodeURIComponent(String(parametros[nome] ?? `:${nome}`))
  );

/** URL de admin de uma rota do painel (`/orquestrador-rpa/...`), como o `useFetchClient` do admin a pede. */
export const urlPainel = (rota: NomeRotaPainel, parametros: Record<string, string | number> = {}): string =>
  `/${ID_PLUGIN}${caminhoPainel(rota, parametros)}`;

/** Campos de filtro de cada lista (o mesmo significado na lista e na exportação). */
export const FILTROS_PROCESSOS = ['mes_ano', 'status', 'operadora', 'cliente', 'origem'] as const;
export const FILTROS_EXECUCOES = ['processo', 'cliente', 'operadora', 'status', 'tipo', 'de', 'ate'] as const;
export type FiltrosProcessosConsulta = Partial<Record<(typeof FILTROS_PROCESSOS)[number], string>>;
export const FILTROS_NOTIFICACOES = ['status', 'canal', 'evento', 'processo'] as const;
export type FiltrosNotificacoesConsulta = Partial<Record<(typeof FILTROS_NOTIFICACOES)[number], string>>;
export type FiltrosExecucoesConsulta = Partial<Record<(typeof FILTROS_EXECUCOES)[number], string>>;

export interface Pagina<T> {
  total: number;
  pagina: number;
  por_pagina: number;
  itens: T[];
}

export interface ItemProcesso {
  processo: string;
  mes_ano: string;
  status_processo: EstadoProcesso;
  data_vencimento: string | null;
  valor_fatura: number | null;
  origem: OrigemFatura | null;
  cliente: { documentId: string; nome_sat: string; cnpj: string };
  operadora: { codigo: string; nome: string; possui_rpa: boolean };
  acoes: AcaoPainel[];
}

export interface ItemExecucao {
  execucao: string;
  tipo_execucao: TipoExecucao;
  status_execucao: StatusExecucao;
  numero_tentativa: number;
  classe_rpa_utilizada: string | null;
  criada_em: string;
  data_inicio: string | null;
  data_fim: string | null;
  duracao_segundos: number | null;
  processo: { documentId: string; mes_ano: string; status_processo: EstadoProcesso };
  cliente: { nome_sat: string };
  operadora: { codigo: string; nome: string };
}

export interface ItemAprovacao {
  processo: string;
  mes_ano: string;
  data_vencimento: string | null;
  valor_fatura: number | null;
  origem: OrigemFatura;
  sha256_fatura: string;
  tentativas: number;
  cliente: { documentId: string; nome_sat: string; razao_social: string };
  operadora: { codigo: string; nome: string };
  valores_anteriores: Array<{ mes_ano: string; valor_fatura: number }>;
  /** Média dos valores anteriores (até 3 meses) e a variação do valor atual contra ela, em %. */
  media_anterior: number | null;
  variacao_percentual: number | null;
  /** A variação passa do limiar configurado (`ALERTA_VARIACAO_VALOR_PERCENTUAL`). */
  alerta_valor: boolean;
  /** O que o documento diz contra o processo (null: fatura anterior à conferência fiscal). */
  conferencia_fiscal: ConferenciaFiscal | null;
}

/** Variação (em %, uma casa) do valor contra a média dos anteriores; null sem base de comparação. */
export const variacaoDoValor = (
  valor: number | null,
  anteriores: readonly number[]
): { media: number | null; variacao: number | null } => {
  if (!anteriores.length) return { media: null, variacao: null };
  const media = Math.round((anteriores.reduce((s, v) => s + v, 0) / anteriores.length) * 100) / 100;
  if (valor === null || media === 0) return { media, variacao: null };
  return { media, variacao: Math.round(((valor - media) / media) * 1000) / 10 };
};

/** Onde o cliente está no mês: o que falta para a fatura chegar ao SAT e por quê. */
export const PendenciaConciliacao = {
  SEM_PROCESSO: 'SEM_PROCESSO',
  AGUARDANDO_UPLOAD: 'AGUARDANDO_UPLOAD',
  AGUARDANDO_ROBO: 'AGUARDANDO_ROBO',
  AGUARDANDO_EMAIL: 'AGUARDANDO_EMAIL',
  FALHA_DOWNLOAD: 'FALHA_DOWNLOAD',
  AGUARDANDO_APROVACAO: 'AGUARDANDO_APROVACAO',
  REJEITADA: 'REJEITADA',
  AGUARDANDO_ENVIO_SAT: 'AGUARDANDO_ENVIO_SAT',
  FALHA_ENVIO_SAT: 'FALHA_ENVIO_SAT',
  CONFERIR_SAT: 'CONFERIR_SAT',
} as const;
export type PendenciaConciliacao = (typeof PendenciaConciliacao)[keyof typeof PendenciaConciliacao];

export interface TotaisConciliacao {
  /** Clientes ativos (mais os inativos que têm processo no mês). */
  esperado: number;
  /** Com fatura: baixada pelo robô, recebida por e-mail ou por upload manual. */
  recebido: number;
  aprovado: number;
  enviado: number;
}

export interface OperadoraConciliacao extends TotaisConciliacao {
  codigo: string;
  nome: string;
}

export interface PendenteConciliacao {
  operadora: string;
  cliente: { documentId: string; nome_sat: string; cnpj: string };
  processo: string | null;
  status_processo: EstadoProcesso | null;
  pendencia: PendenciaConciliacao;
  /** O porquê em português (ex.: "Falha de login no portal", "Aguardando aprovação há 3 dia(s)"). */
  motivo: string;
  data_vencimento: string | null;
}

export interface ConciliacaoMes {
  mes_ano: string;
  totais: TotaisConciliacao;
  operadoras: OperadoraConciliacao[];
  pendentes: PendenteConciliacao[];
}

/** Séries mensais dos relatórios (por competência do processo), agregadas no banco. */
export interface SeriesPainel {
  /** Competências da janela, da mais antiga à `ate`. */
  meses: string[];
  /** Processos com fatura (PDF) por competência. */
  faturas_por_mes: Array<{ mes_ano: string; total: number }>;
  valor_por_operadora: Array<{ mes_ano: string; operadora: string; valor: number }>;
  /** Horas, em média, entre a fatura chegar (download, e-mail ou upload) e ser aprovada. */
  tempo_ate_aprovacao: Array<{ mes_ano: string; horas: number }>;
  /** Downloads dos robôs: concluídos sobre concluídos + falhas, em %. */
  sucesso_dos_robos: Array<{ mes_ano: string; operadora: string; taxa: number; execucoes: number }>;
}

/** Relatório da importação de clientes (prévia com `?simular=true` ou a gravação). */
export interface RelatorioImportacaoClientes {
  simulacao: boolean;
  criados: number;
  atualizados: number;
  inalterados: number;
  erros: Array<{ linha: number; coluna: string; mensagem: string }>;
}

export interface SaudeOperadora {
  codigo: string;
  operadora: string;
  /** O robô que o código tem (fonte: `OPERADORAS_COM_ROBO`/`OPERADORAS_POR_EMAIL`). */
  robo: RoboDaOperadora;
  /** O cadastro liga o robô (`possui_rpa`); robô existente e desligado = upload manual. */
  possui_rpa: boolean;
  execucoes: number;
  sucesso: number;
  taxa_sucesso: number | null;
  duracao_media_segundos: number | null;
  ultimo_erro: { tipo_erro: string | null; mensagem: string | null; data: string } | null;
}

export interface DadosDashboard {
  mes_ano: string;
  total_processos: number;
  por_status: Partial<Record<EstadoProcesso, number>>;
  pendentes_por_operadora: Array<{ operadora: string; total: number }>;
  pendentes_por_cliente: Array<{ cliente: string; total: number }>;
  execucoes: { sucesso: number; falha: number };
  atividades_recentes: Array<{
    acao: string;
    processo: string;
    quem: string;
    data_hora: string;
    status_para: EstadoProcesso | null;
  }>;
  saude_operadoras: SaudeOperadora[];
  /** Faturas ainda não enviadas ao SAT (de qualquer competência) pelo vencimento, a partir de hoje. */
  prazos: PrazosFaturas;
}

export interface PrazosFaturas {
  hoje: string;
  vencidas: number;
  vencem_em_3_dias: number;
  vencem_em_7_dias: number;
}

export interface ResumoCadastro {
  operadoras: number;
  operadorasAtivas: number;
  operadorasComRpa: number;
  clientes: number;
  clientesAtivos: number;
}
