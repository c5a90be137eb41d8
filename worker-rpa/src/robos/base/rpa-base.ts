import { error as errosSelenium } from 'selenium-webdriver';
import { lerConfiguracaoRobos } from '../../configuracao';
import { comLimite, NavegadorRPA, type OpcoesNavegador } from '../../navegador/navegador-rpa';
import {
  criarResultado,
  type DadosResultado,
  ErroRPA,
  type ParametrosEntradaPadrao,
  resultadoDeErro,
  type ResultadoSaidaPadrao,
  StatusResultadoRobo,
  TipoErro,
  TipoExecucao,
  type TipoExecucaoRobo,
} from '@orquestrador-rpa/contrato';

/** O que o robô devolve quando dá certo; o RPABase completa tempos, logs e status. */
export interface SucessoRobo {
  mensagem: string;
  arquivo_baixado?: string | null;
  dados_extraidos?: Record<string, unknown>;
  dados_especificos?: Record<string, unknown>;
}

export interface ContextoExecucao {
  tentativa?: number;
  /** Limite de tempo total do robô; estourado → navegador fechado e resultado TIMEOUT. */
  limiteMs?: number;
  /** Cada linha de log também sai por aqui (painel ao vivo). */
  aoRegistrar?: (linha: string) => void;
  navegador?: Omit<OpcoesNavegador, 'registrar'>;
  /** Cancelamento cooperativo (ex.: desligamento do worker). */
  sinal?: AbortSignal;
  /**
   * Marca durável antes de um clique que não se desfaz (ex.: "cadastrar" no SAT); se falhar, o
   * robô não clica. Rodando sozinho (`npm run robo`), não há o que marcar.
   */
  pontoSemRetorno?: () => Promise<void>;
}

/** O que a execução oferece ao robô além do navegador. */
export interface RecursosRobo {
  log: (linha: string) => void;
  pontoSemRetorno: () => Promise<void>;
}

/** Padrões de páginas de erro de servidor: falha passageira do portal, não seletor quebrado. */
const PAGINA_DE_ERRO =
  /HTTP ERROR 5\d\d|Internal Server Error|Service Unavailable|Bad Gateway|Gateway Time-?out/i;
const ERRO_DE_REDE =
  /ERR_CONNECTION_REFUSED|ERR_NAME_NOT_RESOLVED|ERR_CONNECTION_RESET|ERR_INTERNET_DISCONNECTED|ERR_ADDRESS_UNREACHABLE|ERR_CONNECTION_TIMED_OUT/;

/**
 * Base de todos os robôs: abre o Chromium, mede o tempo, registra os logs, classifica a falha,
 * tira screenshot em toda falha e fecha o navegador sempre (inclusive em timeout).
 * Um robô implementa só `baixarFatura` e/ou `enviarAoSat`.
 */
export abstract class RPABase {
  abstract readonly codigo: string;

  protected baixarFatura(
    _nav: NavegadorRPA,
    _p: ParametrosEntradaPadrao,
    _log: (linha: string) => void,
    _recursos: RecursosRobo
  ): Promise<SucessoRobo> {
    throw new ErroRPA(TipoErro.NEGOCIO, `O robô ${this.codigo} não faz download de faturas.`);
  }

  protected enviarAoSat(
    _nav: NavegadorRPA,
    _p: ParametrosEntradaPadrao,
    _log: (linha: string) => void,
    _recursos: RecursosRobo
  ): Promise<SucessoRobo> {
    throw new ErroRPA(TipoErro.NEGOCIO, `O robô ${this.codigo} não faz envio ao SAT.`);
  }

  executarDownload(
    parametros: ParametrosEntradaPadrao,
    contexto: ContextoExecucao = {}
  ): Promise<ResultadoSaidaPadrao> {
    return this.executar(TipoExecucao.DOWNLOAD_FATURA, parametros, contexto);
  }

  executarUploadSat(
    parametros: ParametrosEntradaPadrao,
    contexto: ContextoExecucao = {}
  ): Promise<ResultadoSaidaPadrao> {
    return this.executar(TipoExecucao.UPLOAD_SAT, parametros, contexto);
  }

  private async executar(
    operacao: TipoExecucaoRobo,
    parametros: ParametrosEntradaPadrao,
    contexto: ContextoExecucao
  ): Promise<ResultadoSaidaPadrao> {
    const inicio = new Date();
    const logs: string[] = [];
    const log = (linha: string) => {
      const registro = `[${new Date().toISOString()}] ${linha}`;
      logs.push(registro);
      contexto.aoRegistrar?.(registro);
    };
    const base = (): Partial<DadosResultado> => ({
      tentativa_numero: contexto.tentativa ?? 1,
      timestamp_inicio: inicio.toISOString(),
      timestamp_fim: new Date().toISOString(),
      tempo_execucao_segundos: (Date.now() - inicio.getTime()) / 1000,
      logs_execucao: [...logs],
    });
    log(
      `Robô ${this.codigo}: ${operacao === TipoExecucao.DOWNLOAD_FATURA ? 'download da fatura' : 'envio ao SAT'} do processo ${parametros.id_processo} (${parametros.mes_ano}).`
    );
    let nav: NavegadorRPA | null = null;
    let relogio: NodeJS.Timeout | undefined;
    let aoAbortar: (() => void) | undefined;
    const recursos: RecursosRobo = {
      log,
      pontoSemRetorno: async () => {
        await contexto.pontoSemRetorno?.();
        log('Ponto sem retorno registrado no Strapi: daqui em diante nada se repete sozinho.');
      },
    };
    // O navegador só vai aonde a operadora permite (conferido de novo a cada navegação, senha e captura).
    const politica = {
      permitirLocal: lerConfiguracaoRobos().portaisLocaisPermitidos,
      dominios: [...parametros.dominios_permitidos],
    };
    const abertura = NavegadorRPA.abrir({ ...contexto.navegador, registrar: log, politica });
    const trabalho = (async () => {
      nav = await abertura;
      return operacao === TipoExecucao.DOWNLOAD_FATURA
        ? this.baixarFatura(nav, parametros, log, recursos)
        : this.enviarAoSat(nav, parametros, log, recursos);
    })();
    trabalho.catch(() => undefined); // depois de um limite estourado, o resto do trabalho falha sozinho (navegador fechado)
    try {
      const limites: Promise<never>[] = [];
      if (contexto.limiteMs) {
        limites.push(
          new Promise<never>((_, rejeitar) => {
            relogio = setTimeout(() => {
              rejeitar(
                new ErroRPA(
                  TipoErro.TIMEOUT,
                  `Tempo esgotado: o robô passou de ${Math.round(contexto.limiteMs! / 1000)} s.`
                )
              );
            }, contexto.limiteMs);
          })
        );
      }
      if (contexto.sinal) {
        limites.push(
          new Promise<never>((_, rejeitar) => {
            aoAbortar = () =>
              rejeitar(new ErroRPA(TipoErro.TIMEOUT, 'Execução interrompida (worker encerrando).'));
            if (contexto.sinal!.aborted) aoAbortar();
            else contexto.sinal!.addEventListener('abort', aoAbortar, { once: true });
          })
        );
      }
      const sucesso = await Promise.race([trabalho, ...limites]);
      log(`Concluído: ${sucesso.mensagem}`);
      return criarResultado({
        ...base(),
        ...sucesso,
        sucesso: true,
        status: StatusResultadoRobo.SUCESSO,
        mensagem: sucesso.mensagem,
      });
    } catch (erro) {
      const { tipo, mensagem, detalhes } = await this.classificar(erro, nav);
      log(`Falhou (${tipo}): ${mensagem}`);
      const captura = nav ? await (nav as NavegadorRPA).capturarTela(`falha-${Date.now()}`) : null;
      return resultadoDeErro(mensagem, tipo, {
        ...base(),
        screenshots_debug: captura ? [captura] : [],
        dados_especificos: detalhes,
      });
    } finally {
      clearTimeout(relogio);
      if (aoAbortar) contexto.sinal?.removeEventListener('abort', aoAbortar);
      // Limite estourado com o navegador ainda abrindo (máquina carregada): espera-o abrir para fechá-lo já, sem órfãos.
      const aberto = nav ?? (await abertura.catch(() => null));
      await (aberto as NavegadorRPA | null)?.fechar();
    }
  }

  private async classificar(
    erro: unknown,
    nav: NavegadorRPA | null
  ): Promise<{ tipo: TipoErro; mensagem: string; detalhes: Record<string, unknown> }> {
    if (erro instanceof ErroRPA) return { tipo: erro.tipo, mensagem: erro.message, detalhes: erro.detalhes };
    const mensagem = erro instanceof Error ? erro.message : String(erro);
    if (ERRO_DE_REDE.test(mensagem))
      return {
        tipo: TipoErro.REDE,
        mensagem: `Portal inalcançável: ${mensagem.split('\n')[0]}`,
        detalhes: {},
      };
    const pagina = nav ? ((await comLimite((nav as NavegadorRPA).html(), 5_000).catch(() => '')) ?? '') : '';
    if (PAGINA_DE_ERRO.test(pagina))
      return {
        tipo: TipoErro.PORTAL_FORA,
        mensagem: `O portal respondeu com erro de servidor: ${mensagem.split('\n')[0]}`,
        detalhes: {},
      };
    if (ERRO_DE_REDE.test(pagina))
      return {
        tipo: TipoErro.REDE,
        mensagem: `Portal inalcançável: ${mensagem.split('\n')[0]}`,
        detalhes: {},
      };
    if (erro instanceof errosSelenium.TimeoutError || erro instanceof errosSelenium.NoSuchElementError) {
      return {
        tipo: TipoErro.SELETOR,
        mensagem: `A página do portal não tem o que o robô espera (seletor mudou?): ${mensagem.split('\n')[0]}`,
        detalhes: {},
      };
    }
    return {
      tipo: TipoErro.DESCONHECIDO,
      mensagem: `Erro inesperado: ${mensagem.split('\n')[0]}`,
      detalhes: {},
    };
  }
}
