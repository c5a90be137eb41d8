import type { PoliticaPortal } from '@orquestrador-rpa/contrato';

/**
 * Configuração do orquestrador: lida uma vez das variáveis de ambiente por `config/orquestrador.ts`,
 * validada na subida (erro claro em português, com o nome da variável) e consultada por
 * `strapi.config.get('orquestrador')` — nenhum outro módulo lê `process.env`.
 */
export interface ConfiguracaoOrquestrador {
  filas: {
    urlRedis: string;
    prefixo: string;
    tentativas: number;
    esperaInicialMs: number;
    intervaloDespachoMs: number;
  };
  reconciliador: { intervaloMs: number; carenciaMs: number; limiteRecriacoes: number };
  arquivosOrfaos: { intervaloMs: number; idadeMinimaMs: number };
  tempoReal: { eventosPor10s: number; reautenticarMs: number };
  /** `validadeLeituraHoras`: prazo do token de uma leitura da caixa de e-mail (ver `src/seguranca/token-job.ts`). */
  robo: { token: string; portaisLocaisPermitidos: boolean; validadeLeituraHoras: number };
  sat: { url: string | null; usuario: string | null; senha: string | null };
  /** `carenciaHoras`: depois de uma alteração sensível feita por outra pessoa, quanto esperar para aprovar (0 desliga). */
  quatroOlhos: { robo: boolean; janelaDias: number; carenciaHoras: number };
  /** Variação do valor da fatura (em %) contra a média dos 3 meses anteriores que acende o alerta. */
  alertaValorPercentual: number;
  limites: {
    faturaMb: number;
    importacaoMb: number;
    importacaoLinhas: number;
    exportacoesPorMinuto: number;
    importacoesPorMinuto: number;
    populateProfundidade: number;
    /** Pedidos às rotas do link de decisão por IP e por minuto. */
    decisoesPorMinuto: number;
  };
  armazenamento: { pasta: string };
  demonstracao: { urlEmbratel: string | null; urlOi: string | null };
  notificacoes: {
    /** Endereço do painel visto de fora (links nas mensagens). */
    urlPublica: string;
    linkDecisaoHoras: number;
    tentativas: number;
    esperaInicialMs: number;
    /** Este Strapi consome a fila de notificações? (com várias instâncias, todas podem consumir). */
    consumidor: boolean;
    concorrencia: number;
    /** Tempo máximo de uma chamada a um canal. */
    tempoLimiteMs: number;
    /** ENVIANDO há mais que isto (servidor caiu no meio): vai a CONFERIR. */
    travaMs: number;
    intervaloReconciliacaoMs: number;
  };
  agendamentos: {
    /** Este Strapi dispara agendamentos? (com vários, todos podem: cada disparo roda uma vez). */
    ligados: boolean;
    /** Releitura periódica do banco (além do aviso pelo Redis a cada mudança). */
    intervaloRecargaMs: number;
  };
  canais: {
    smtp: {
      host: string | null;
      porta: number;
      usuario: string | null;
      senha: string | null;
      seguro: boolean;
    };
    emailRemetente: string;
    evolution: { url: string | null; chave: string | null; instancia: string | null };
    telegram: { url: string; token: string | null };
    slack: { url: string; token: string | null; webhook: string | null };
  };
}

type Ambiente = Record<string, string | undefined>;

export class ErroConfiguracao extends Error {
  constructor(readonly problemas: readonly string[]) {
    super(`Configuração inválida: ${problemas.join(' ')}`);
    this.name = 'ErroConfiguracao';
  }
}

/** Lê e valida; junta todos os problemas numa só mensagem. */
export const lerConfiguracaoOrquestrador = (ambiente: Ambiente): ConfiguracaoOrquestrador => {
  const problemas: string[] = [];
  const texto = (nome: string): string | null => ambiente[nome]?.trim() || null;
  /** Número inteiro em [minimo, ∞) com padrão; texto que não é número é erro (nunca NaN silencioso). */
  const inteiro = (nome: string, padrao: number, minimo = 1): number => {
    const bruto = texto(nome);
    if (bruto === null) return padrao;
    const valor = Number(bruto);
    if (!Number.isInteger(valor) || valor < minimo) {
      problemas.push(`${nome} deve ser um número inteiro ≥ ${minimo} (recebido "${bruto}").`);
      return padrao;
    }
    return valor;
  };
  const decimal = (nome: string, padrao: number): number => {
    const bruto = texto(nome);
    if (bruto === null) return padrao;
    const valor = Number(bruto.replace(',', '.'));
    if (!Number.isFinite(valor) || valor <= 0) {
      problemas.push(`${nome} deve ser um número maior que zero (recebido "${bruto}").`);
      return padrao;
    }
    return valor;
  };
  const logico = (nome: string, padrao: boolean): boolean => {
    const bruto = texto(nome)?.toLowerCase();
    if (bruto === undefined || bruto === null) return padrao;
    if (['1', 'true', 'sim', 'yes'].includes(bruto)) return true;
    if (['0', 'false', 'nao', 'não', 'no'].includes(bruto)) return false;
    problemas.push(`${nome} deve ser true ou false (recebido "${bruto}").`);
    return padrao;
  };
  const url = (nome: string): string | null => {
    const bruto = texto(nome);
    if (bruto === null) return null;
    try {
      new URL(bruto);
      return bruto;
    } catch {
      problemas.push(`${nome} não é uma URL (recebido "${bruto}").`);
      return null;
    }
  };

  const configuracao: ConfiguracaoOrquestrador = {
    filas: {
      urlRedis: url('REDIS_URL') ?? 'redis://127.0.0.1:6379',
      prefixo: texto('FILAS_PREFIXO') ?? 'orquestrador',
      tentativas: inteiro('FILAS_TENTATIVAS', 3),
      esperaInicialMs: inteiro('FILAS_ESPERA_INICIAL_MS', 30_000, 0),
      intervaloDespachoMs: inteiro('FILAS_INTERVALO_DESPACHO_MS', 10_000, 0),
    },
    reconciliador: {
      intervaloMs: inteiro('RECONCILIADOR_INTERVALO_MS', 60_000, 0),
      carenciaMs: inteiro('RECONCILIADOR_CARENCIA_MS', 30_000, 0),
      limiteRecriacoes: inteiro('RECONCILIADOR_LIMITE_RECRIACOES', 3),
    },
    arquivosOrfaos: {
      intervaloMs: inteiro('ARQUIVOS_ORFAOS_INTERVALO_MS', 3_600_000, 0),
      // Bem mais que o tempo de um upload ou de um `concluir`: nada em curso é tomado por órfão.
      idadeMinimaMs: inteiro('ARQUIVOS_ORFAOS_IDADE_MS', 3_600_000, 0),
    },
    tempoReal: {
      eventosPor10s: inteiro('TEMPO_REAL_EVENTOS_POR_10S', 40),
      reautenticarMs: inteiro('TEMPO_REAL_REAUTENTICAR_MS', 60_000, 1000),
    },
    robo: {
      token: texto('ROBO_TOKEN') ?? '',
      portaisLocaisPermitidos: logico('PORTAIS_LOCAIS_PERMITIDOS', false),
      validadeLeituraHoras: inteiro('LEITURA_EMAIL_VALIDADE_HORAS', 6),
    },
    sat: { url: url('SAT_URL'), usuario: texto('SAT_USUARIO'), senha: texto('SAT_SENHA') },
    quatroOlhos: {
      robo: logico('QUATRO_OLHOS_ROBO', true),
      janelaDias: inteiro('QUATRO_OLHOS_JANELA_DIAS', 30, 0),
      carenciaHoras: inteiro('QUATRO_OLHOS_CARENCIA_HORAS', 24, 0),
    },
    alertaValorPercentual: decimal('ALERTA_VARIACAO_VALOR_PERCENTUAL', 30),
    limites: {
      faturaMb: decimal('FATURA_TAMANHO_MAXIMO_MB', 20),
      importacaoMb: decimal('IMPORTACAO_TAMANHO_MAXIMO_MB', 5),
      importacaoLinhas: inteiro('IMPORTACAO_LINHAS_MAXIMAS', 20_000),
      exportacoesPorMinuto: inteiro('EXPORTACAO_LIMITE_POR_MINUTO', 10),
      importacoesPorMinuto: inteiro('IMPORTACAO_LIMITE_POR_MINUTO', 10),
      populateProfundidade: inteiro('POPULATE_PROFUNDIDADE_MAXIMA', 3),
      decisoesPorMinuto: inteiro('DECISAO_LIMITE_POR_MINUTO', 60),
    },
    armazenamento: { pasta: texto('ARMAZENAMENTO_PASTA') ?? 'armazenamento-privado' },
    demonstracao: { urlEmbratel: url('DEMO_URL_EMBRATEL'), urlOi: url('DEMO_URL_OI') },
    notificacoes: {
      urlPublica: (url('PAINEL_URL_PUBLICA') ?? 'http://localhost:1337').replace(/\/+$/, ''),
      linkDecisaoHoras: inteiro('NOTIFICACOES_LINK_HORAS', 72),
      tentativas: inteiro('NOTIFICACOES_TENTATIVAS', 5),
      esperaInicialMs: inteiro('NOTIFICACOES_ESPERA_INICIAL_MS', 30_000, 0),
      consumidor: logico('NOTIFICACOES_CONSUMIDOR', true),
      concorrencia: inteiro('NOTIFICACOES_CONCORRENCIA', 4),
      tempoLimiteMs: inteiro('NOTIFICACOES_TEMPO_LIMITE_MS', 20_000, 100),
      travaMs: inteiro('NOTIFICACOES_TRAVA_MS', 120_000, 1000),
      intervaloReconciliacaoMs: inteiro('NOTIFICACOES_INTERVALO_MS', 30_000, 0),
    },
    agendamentos: {
      ligados: logico('AGENDAMENTOS_LIGADOS', true),
      intervaloRecargaMs: inteiro('AGENDAMENTOS_INTERVALO_RECARGA_MS', 60_000, 0),
    },
    canais: {
      smtp: {
        host: texto('SMTP_HOST'),
        porta: inteiro('SMTP_PORTA', 587),
        usuario: texto('SMTP_USUARIO'),
        senha: texto('SMTP_SENHA'),
        seguro: logico('SMTP_SEGURO', false),
      },
      emailRemetente: texto('EMAIL_REMETENTE') ?? 'Orquestrador RPA <nao-responda@orquestrador.local>',
      evolution: {
        url: url('EVOLUTION_API_URL'),
        chave: texto('EVOLUTION_API_KEY'),
        instancia: texto('EVOLUTION_INSTANCIA'),
      },
      telegram: {
        url: url('TELEGRAM_API_URL') ?? 'https://api.telegram.org',
        token: texto('TELEGRAM_BOT_TOKEN'),
      },
      slack: {
        url: url('SLACK_API_URL') ?? 'https://slack.com/api',
        token: texto('SLACK_BOT_TOKEN'),
        webhook: url('SLACK_WEBHOOK_URL'),
      },
    },
  };
  // Um envio ainda em curso não pode parecer interrompido (iria a CONFERIR enquanto sai).
  if (configuracao.notificacoes.travaMs <= configuracao.notificacoes.tempoLimiteMs)
    problemas.push(
      `NOTIFICACOES_TRAVA_MS (${configuracao.notificacoes.travaMs}) deve ser maior que NOTIFICACOES_TEMPO_LIMITE_MS (${configuracao.notificacoes.tempoLimiteMs}).`
    );
  if (problemas.length) throw new ErroConfiguracao(problemas);
  return configuracao;
};

/** A configuração carregada pelo Strapi (global `strapi`: vale em serviços, políticas e middlewares). */
export const configuracao = (): ConfiguracaoOrquestrador =>
  strapi.config.get('orquestrador') as ConfiguracaoOrquestrador;

/** Política de URL de portal do Strapi (a lista de domínios vem de cada operadora). */
export const politicaPortal = (): PoliticaPortal => ({
  permitirLocal: configuracao().robo.portaisLocaisPermitidos,
});
