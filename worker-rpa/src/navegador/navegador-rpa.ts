import { createHash, randomBytes } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Builder, By, Key, until, error as erros, type WebDriver, type WebElement } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome';
import { maisParecida } from './similaridade';
import { esperarSemProcessos, matarProcessosCom } from './processos-chromium';
import { conferirNavegadorInstalado } from './programas';
import { ErroRPA, motivoUrlRecusada, type PoliticaPortal, TipoErro } from '@orquestrador-rpa/contrato';
import { lerConfiguracaoRobos } from '../configuracao';

/**
 * Chromium real controlado pelo selenium-webdriver, com a semântica dos utilitários do legado:
 * espera padrão de 30 s, clique com recurso a JavaScript, digitação com re-tentativas, seleção por
 * similaridade ≥ 0,6, troca de janela/iframe e "elemento existe?" em 5 s. Cada execução tem pasta
 * própria (perfil, downloads, capturas); `fechar()` sempre encerra o navegador e não deixa órfãos.
 */
export type Condicao = 'presente' | 'visivel' | 'clicavel';

export interface OpcoesNavegador {
  /** Pasta desta execução; criada se não existir (padrão: temporária única). */
  pastaTrabalho?: string;
  esperaPadraoMs?: number;
  comJanela?: boolean;
  /** Mostra PDFs no visualizador do Chromium em vez de baixá-los (testes do painel). */
  visualizarPdf?: boolean;
  registrar?: (mensagem: string) => void;
  /** Onde o robô pode navegar, digitar a senha e capturar a tela (sem política: testes do painel). */
  politica?: PoliticaPortal & { dominios: readonly string[] };
  /** Argumentos a mais do Chromium (ex.: `--host-resolver-rules` nos testes da política de portais). */
  argumentosExtras?: readonly string[];
  /** `eager`: a navegação volta quando o DOM está pronto, sem esperar imagens (o `Browser(True)` do legado). */
  carregamento?: 'normal' | 'eager';
}

/**
 * Ambiente do ChromeDriver e do Chromium: só o necessário para rodar (nenhum segredo do worker
 * chega ao navegador nem aos processos que ele abrir).
 */
const ambienteDoNavegador = (pastaTrabalho: string, comJanela: boolean): Record<string, string> => {
  // TMPDIR fica o do sistema: o Chromium cria sockets nele, e caminho de socket Unix passa de 107 caracteres fácil.
  const herdadas = [
    'PATH',
    'LANG',
    'LC_ALL',
    'TZ',
    'TMPDIR',
    'FONTCONFIG_PATH',
    ...(comJanela ? ['DISPLAY', 'WAYLAND_DISPLAY', 'XAUTHORITY'] : []),
  ];
  const ambiente: Record<string, string> = { HOME: pastaTrabalho };
  for (const nome of herdadas) if (process.env[nome]) ambiente[nome] = process.env[nome]!;
  return ambiente;
};

export interface ArquivoBaixado {
  caminho: string;
  sha256: string;
  tamanho: number;
}

export const ESPERA_EXISTE_MS = 5_000;

const pausa = (ms: number) => new Promise((resolver) => setTimeout(resolver, ms));

export const comLimite = async <T>(promessa: Promise<T>, ms: number): Promise<T | undefined> => {
  let relogio: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promessa,
      new Promise<undefined>((resolver) => (relogio = setTimeout(() => resolver(undefined), ms))),
    ]);
  } finally {
    clearTimeout(relogio);
  }
};

export class NavegadorRPA {
  private fechado = false;

  private constructor(
    readonly driver: WebDriver,
    readonly pastaTrabalho: string,
    readonly pastaDownloads: string,
    private readonly perfil: string,
    readonly esperaPadraoMs: number,
    private readonly registrar: (mensagem: string) => void,
    private readonly politica?: OpcoesNavegador['politica']
  ) {}

  static async abrir(opcoes: OpcoesNavegador = {}): Promise<NavegadorRPA> {
    const configuracao = lerConfiguracaoRobos();
    conferirNavegadorInstalado(configuracao);
    const pastaTrabalho =
      opcoes.pastaTrabalho ??
      path.join(os.tmpdir(), 'orquestrador-rpa', `exec-${randomBytes(6).toString('hex')}`);
    const perfil = path.join(pastaTrabalho, 'perfil-chromium');
    const downloads = path.join(pastaTrabalho, 'downloads');
    fs.mkdirSync(perfil, { recursive: true });
    fs.mkdirSync(downloads, { recursive: true });
    const comJanela = opcoes.comJanela ?? configuracao.comJanela;
    const argumentos = [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      '--window-size=1366,900',
      `--user-data-dir=${perfil}`,
      ...(comJanela ? [] : ['--headless=new']),
      ...(opcoes.argumentosExtras ?? []),
    ];
    const opcoesChrome = new chrome.Options();
    opcoesChrome.setChromeBinaryPath(configuracao.chromium);
    opcoesChrome.addArguments(...argumentos);
    if (opcoes.carregamento === 'eager') opcoesChrome.setPageLoadStrategy('eager');
    opcoesChrome.setUserPreferences({
      'download.default_directory': downloads,
      'download.prompt_for_download': false,
      'download.directory_upgrade': true,
      'plugins.always_open_pdf_externally': !opcoes.visualizarPdf,
    });
    // O log do chromedriver fica na pasta da execução: o caminho marca o processo para o encerramento forçado.
    const servico = new chrome.ServiceBuilder(configuracao.chromedriver)
      .loggingTo(path.join(pastaTrabalho, 'chromedriver.log'))
      .setEnvironment(ambienteDoNavegador(pastaTrabalho, comJanela));
    let driver: WebDriver;
    try {
      driver = await new Builder()
        .forBrowser('chrome')
        .setChromeOptions(opcoesChrome)
        .setChromeService(servico)
        .build();
    } catch (erro) {
      matarProcessosCom(pastaTrabalho);
      // O motivo de o Chromium não subir está no log do ChromeDriver: vai para o log da execução.
      const log = path.join(pastaTrabalho, 'chromedriver.log');
      if (fs.existsSync(log))
        opcoes.registrar?.(
          `Chromium não subiu; fim do log do ChromeDriver:\n${fs.readFileSync(log, 'utf8').slice(-1500)}`
        );
      throw erro;
    }
    const espera = opcoes.esperaPadraoMs ?? configuracao.esperaPadraoMs;
    const navegador = new NavegadorRPA(
      driver,
      pastaTrabalho,
      downloads,
      perfil,
      espera,
      opcoes.registrar ?? (() => undefined),
      opcoes.politica
    );
    try {
      await driver
        .manage()
        .setTimeouts({ pageLoad: navegador.esperaPadraoMs * 2, script: navegador.esperaPadraoMs });
      await (
        driver as unknown as { sendDevToolsCommand: (c: string, p: object) => Promise<void> }
      ).sendDevToolsCommand('Browser.setDownloadBehavior', {
        behavior: 'allow',
        downloadPath: downloads,
        eventsEnabled: true,
      });
    } catch (erro) {
      await navegador.fechar();
      throw erro;
    }
    return navegador;
  }

  /** Motivo de a URL estar fora da política do robô (`null`: permitida ou sem política). */
  private recusa(url: string, dominiosConfiados: readonly string[] = []): string | null {
    return this.politica
      ? motivoUrlRecusada(url, this.politica, [...this.politica.dominios, ...dominiosConfiados])
      : null;
  }

  async ir(url: string): Promise<void> {
    const motivo = this.recusa(url);
    if (motivo) throw new ErroRPA(TipoErro.NEGOCIO, `Navegação bloqueada: ${motivo}`);
    this.registrar(`Abrindo ${url}`);
    await this.driver.get(url);
  }

  /** Endereço do documento atual (o do iframe, quando o robô está dentro de um). */
  async urlAtual(): Promise<string> {
    return String(await this.driver.executeScript('return document.location.href;'));
  }

  /** A página atual (ou o iframe atual) está na política? Senão, erro que não se re-tenta. */
  async exigirPaginaPermitida(acao: string): Promise<void> {
    if (!this.politica) return;
    const url = await this.urlAtual();
    const motivo = this.recusa(url);
    if (motivo)
      throw new ErroRPA(
        TipoErro.NEGOCIO,
        `Bloqueado antes de ${acao}: a página atual não é do portal permitido (${motivo})`
      );
  }

  /** Digita a senha só se a página (ou o iframe) em que ela vai cair for de um host permitido. */
  async digitarSenha(
    xpath: string,
    senha: string,
    opcoes: { limpar?: boolean; enter?: boolean } = {}
  ): Promise<void> {
    await this.elemento(xpath);
    await this.exigirPaginaPermitida('digitar a senha');
    await this.digitar(xpath, senha, opcoes);
  }

  /** Espera o elemento na condição pedida (padrão: presente) por até `esperaMs`. */
  async elemento(
    xpath: string,
    condicao: Condicao = 'presente',
    esperaMs = this.esperaPadraoMs
  ): Promise<WebElement> {
    const el = await this.driver.wait(
      until.elementLocated(By.xpath(xpath)),
      esperaMs,
      `Elemento não encontrado em ${esperaMs / 1000} s: ${xpath}`
    );
    if (condicao === 'visivel' || condicao === 'clicavel')
      await this.driver.wait(until.elementIsVisible(el), esperaMs, `Elemento não ficou visível: ${xpath}`);
    if (condicao === 'clicavel')
      await this.driver.wait(until.elementIsEnabled(el), esperaMs, `Elemento não ficou habilitado: ${xpath}`);
    return el;
  }

  elementos(xpath: string, contexto?: WebElement): Promise<WebElement[]> {
    return (contexto ?? this.driver).findElements(By.xpath(xpath));
  }

  /** Todos os elementos do XPath, esperando até `esperaMs` aparecer o primeiro (o `located_all` do legado); [] se nenhum. */
  async elementosPresentes(xpath: string, esperaMs = this.esperaPadraoMs): Promise<WebElement[]> {
    return (await this.existe(xpath, esperaMs)) ? this.elementos(xpath) : [];
  }

  /** Espera o elemento sumir ou ficar invisível (ex.: o carregando da Oi); devolve se sumiu a tempo. */
  async esperarSumir(xpath: string, esperaMs = this.esperaPadraoMs): Promise<boolean> {
    try {
      await this.driver.wait(async () => {
        const encontrados = await this.elementos(xpath);
        for (const el of encontrados) if (await el.isDisplayed().catch(() => false)) return false;
        return true;
      }, esperaMs);
      return true;
    } catch (erro) {
      if (erro instanceof erros.TimeoutError) return false;
      throw erro;
    }
  }

  /** O elemento existe (em até 5 s; `visivel` como o `check_for_error(..., "visible")` do legado)? Nunca lança. */
  async existe(
    xpath: string,
    esperaMs = ESPERA_EXISTE_MS,
    condicao: Condicao = 'presente'
  ): Promise<boolean> {
    try {
      await this.elemento(xpath, condicao, esperaMs);
      return true;
    } catch {
      return false;
    }
  }

  /** Clica quando clicável; interceptado, não interagível ou obsoleto → clique por JavaScript. */
  async clicar(xpath: string, esperaMs = this.esperaPadraoMs): Promise<void> {
    const el = await this.elemento(xpath, 'presente', esperaMs);
    await this.driver.executeScript('arguments[0].scrollIntoView({block: "center"});', el);
    try {
      await this.driver.wait(until.elementIsVisible(el), esperaMs);
      await el.click();
    } catch (erro) {
      if (!(
        erro instanceof erros.ElementClickInterceptedError ||
        erro instanceof erros.ElementNotInteractableError ||
        erro instanceof erros.StaleElementReferenceError ||
        erro instanceof erros.TimeoutError
      ))
        throw erro;
      this.registrar(`Clique direto falhou (${(erro as Error).name}); clicando por JavaScript: ${xpath}`);
      const novo = await this.elemento(xpath, 'presente', esperaMs);
      await this.driver.executeScript('arguments[0].click();', novo);
    }
  }

  /**
   * Digita como o `send_text` do legado: sem limpar o campo (só com `limpar: true`), removendo
   * `readonly`, com até `tentativas` re-tentativas; `conferir` exige o valor no campo.
   */
  async digitar(
    xpath: string,
    texto: string,
    opcoes: {
      limpar?: boolean;
      conferir?: boolean;
      tentativas?: number;
      intervaloMs?: number;
      enter?: boolean;
    } = {}
  ): Promise<void> {
    const { limpar = false, conferir = false, tentativas = 15, intervaloMs = 2000, enter = false } = opcoes;
    // Campo inexistente falha de imediato; as re-tentativas são para campo presente que recusa a digitação.
    await this.elemento(xpath);
    let ultimo: unknown;
    for (let tentativa = 1; tentativa <= tentativas; tentativa += 1) {
      try {
        const el = await this.elemento(xpath, 'presente', intervaloMs);
        await this.driver.executeScript('arguments[0].removeAttribute("readonly");', el);
        if (limpar) await el.clear();
        await el.sendKeys(texto);
        if (conferir && (await el.getAttribute('value')) !== texto)
          throw new Error(`O campo não ficou com o valor digitado: ${xpath}`);
        if (enter) await el.sendKeys(Key.ENTER);
        return;
      } catch (erro) {
        ultimo = erro;
        if (tentativa < tentativas) await pausa(intervaloMs);
      }
    }
    throw ultimo;
  }

  /** Envia o caminho de um arquivo a um input (file ou texto). */
  async anexar(xpath: string, caminho: string): Promise<void> {
    const el = await this.elemento(xpath);
    await el.sendKeys(caminho);
  }

  /** Seleciona pelo texto visível exato. */
  async selecionarTexto(xpath: string, texto: string): Promise<void> {
    await this.elemento(xpath);
    const opcoes = await this.elementos(`(${xpath})[1]/option`);
    for (const opcao of opcoes) {
      if ((await opcao.getText()).trim() === texto) {
        await opcao.click();
        return;
      }
    }
    throw new Error(`Opção "${texto}" não existe em ${xpath}.`);
  }

  /** Seleciona a opção mais parecida com `texto` (corte 0,6); devolve o texto escolhido ou null. */
  async selecionarPorSimilaridade(xpath: string, texto: string, corte = 0.6): Promise<string | null> {
    await this.elemento(xpath);
    const opcoes = await this.elementos(`(${xpath})[1]/option`);
    const textos = await Promise.all(opcoes.map((o) => o.getText()));
    const escolha = maisParecida(texto, textos, corte);
    if (!escolha) return null;
    await opcoes[textos.indexOf(escolha.opcao)]!.click();
    this.registrar(
      `Selecionado "${escolha.opcao}" para "${texto}" (similaridade ${escolha.nota.toFixed(2)}).`
    );
    return escolha.opcao;
  }

  async texto(xpath: string, esperaMs = this.esperaPadraoMs): Promise<string> {
    return (await (await this.elemento(xpath, 'presente', esperaMs)).getText()).trim();
  }

  janelaAtual(): Promise<string> {
    return this.driver.getWindowHandle();
  }

  /** Executa `acao` (que abre uma janela/aba), vai para a janela nova e espera carregar; devolve o handle. */
  async irParaJanelaNova(acao: () => Promise<void>, esperaMs = this.esperaPadraoMs): Promise<string> {
    const antes = new Set(await this.driver.getAllWindowHandles());
    await acao();
    const nova = (await this.driver.wait(
      async () => (await this.driver.getAllWindowHandles()).find((h) => !antes.has(h)) ?? null,
      esperaMs,
      'Nenhuma janela nova foi aberta.'
    )) as string;
    await this.driver.switchTo().window(nova);
    await this.esperarCarregar(esperaMs);
    return nova;
  }

  /**
   * Como o `mudar_para_ultima_aba` do legado: executa `acao` e vai para a última janela — a nova,
   * se a ação abriu uma (espera até `esperaNovaMs`), senão a atual, se o clique navegou nela.
   */
  async irParaUltimaJanela(acao: () => Promise<void>, esperaNovaMs = 3_000): Promise<string> {
    const antes = new Set(await this.driver.getAllWindowHandles());
    await acao();
    await this.driver
      .wait(async () => (await this.driver.getAllWindowHandles()).some((h) => !antes.has(h)), esperaNovaMs)
      .catch(() => undefined);
    const todas = await this.driver.getAllWindowHandles();
    const ultima = todas[todas.length - 1]!;
    await this.driver.switchTo().window(ultima);
    await this.esperarCarregar();
    return ultima;
  }

  /**
   * Marcador de conteúdo no lugar do `sleep(5)` do legado antes de capturar um documento: página
   * carregada e o texto do corpo parado por meio segundo (no máximo `limiteMs`, a margem do legado).
   */
  async esperarConteudo(limiteMs = 5_000): Promise<void> {
    const fim = Date.now() + limiteMs;
    await this.esperarCarregar(limiteMs);
    let anterior = -1;
    while (Date.now() < fim) {
      const tamanho = Number(
        await this.driver.executeScript('return document.body ? document.body.innerText.length : 0;')
      );
      if (tamanho > 0 && tamanho === anterior) return;
      anterior = tamanho;
      await pausa(500);
    }
  }

  /** Fecha a janela atual e volta para `handle`. */
  async fecharJanelaEVoltar(handle: string): Promise<void> {
    await this.driver.close();
    await this.driver.switchTo().window(handle);
  }

  /** Índice do primeiro XPath que aparecer (ex.: resultado × "nada encontrado"); -1 se nenhum em `esperaMs`. */
  async primeiroQueExistir(xpaths: readonly string[], esperaMs = this.esperaPadraoMs): Promise<number> {
    try {
      // O índice vai num objeto: `driver.wait` trataria o índice 0 como "ainda não".
      const achado = (await this.driver.wait(async () => {
        for (const [indice, xpath] of xpaths.entries())
          if ((await this.elementos(xpath)).length > 0) return { indice };
        return null;
      }, esperaMs)) as { indice: number };
      return achado.indice;
    } catch (erro) {
      if (erro instanceof erros.TimeoutError) return -1;
      throw erro;
    }
  }

  async voltarParaJanela(handle: string): Promise<void> {
    await this.driver.switchTo().window(handle);
  }

  /** Executa `acao` dentro do iframe e volta ao documento principal. */
  async dentroDoIframe<T>(xpath: string, acao: () => Promise<T>): Promise<T> {
    await this.driver.switchTo().frame(await this.elemento(xpath));
    try {
      return await acao();
    } finally {
      await this.driver.switchTo().defaultContent();
    }
  }

  async esperarCarregar(esperaMs = this.esperaPadraoMs): Promise<void> {
    await this.driver.wait(
      async () => (await this.driver.executeScript('return document.readyState')) === 'complete',
      esperaMs,
      'A página não terminou de carregar.'
    );
  }

  html(): Promise<string> {
    return this.driver.getPageSource();
  }

  /** Imprime a página atual em PDF A4 retrato (margens de 1 cm, com fundo) pela impressão do Chromium. */
  async imprimirPdf(destino: string): Promise<string> {
    const imprimir = (this.driver as unknown as { printPage: (o: object) => Promise<string> }).printPage.bind(
      this.driver
    );
    const base64 = await imprimir({
      orientation: 'portrait',
      background: true,
      width: 21,
      height: 29.7,
      top: 1,
      bottom: 1,
      left: 1,
      right: 1,
    });
    fs.mkdirSync(path.dirname(destino), { recursive: true });
    fs.writeFileSync(destino, Buffer.from(base64, 'base64'));
    return destino;
  }

  /** Captura a tela (PNG) na pasta da execução; nunca lança (é usada em caminhos de falha). Fora do portal permitido, não captura. */
  async capturarTela(nome: string): Promise<string | null> {
    try {
      if (this.politica) {
        const url = await comLimite(this.driver.getCurrentUrl(), 5_000);
        const motivo = url ? this.recusa(url) : 'endereço desconhecido';
        if (motivo) {
          this.registrar(`Captura de tela omitida: a página não é do portal permitido (${motivo})`);
          return null;
        }
      }
      const destino = path.join(this.pastaTrabalho, 'capturas', `${nome}.png`);
      fs.mkdirSync(path.dirname(destino), { recursive: true });
      const imagem = await comLimite(this.driver.takeScreenshot(), 5_000);
      if (!imagem) return null;
      fs.writeFileSync(destino, Buffer.from(imagem, 'base64'));
      return destino;
    } catch {
      return null;
    }
  }

  /**
   * Espera um download terminar: ignora os temporários do Chromium (`.org.chromium…`, `.crdownload`),
   * exige tamanho estável e, para PDF, a assinatura `%PDF-`. Devolve caminho e sha256.
   */
  async esperarDownload(
    opcoes: { limiteMs?: number; extensao?: string; prefixo?: string; desde?: number } = {}
  ): Promise<ArquivoBaixado> {
    const { limiteMs = 90_000, extensao = '.pdf', prefixo = '', desde = 0 } = opcoes;
    const fim = Date.now() + limiteMs;
    let anterior = -1;
    while (Date.now() < fim) {
      // Como o `get_latest_file` do legado: extensão, prefixo e o mais novo; `desde` ignora os de antes da ação.
      const prontos = fs
        .readdirSync(this.pastaDownloads)
        .filter(
          (n) =>
            !n.startsWith('.') &&
            !n.endsWith('.crdownload') &&
            n.toLowerCase().endsWith(extensao) &&
            n.startsWith(prefixo)
        )
        .map((n) => ({ n, quando: fs.statSync(path.join(this.pastaDownloads, n)).mtimeMs }))
        .filter((a) => a.quando >= desde)
        .sort((a, b) => b.quando - a.quando)
        .map((a) => a.n);
      if (prontos.length) {
        const caminho = path.join(this.pastaDownloads, prontos[0]!);
        const tamanho = fs.statSync(caminho).size;
        if (tamanho > 0 && tamanho === anterior) {
          const conteudo = fs.readFileSync(caminho);
          if (extensao === '.pdf' && conteudo.subarray(0, 5).toString('latin1') !== '%PDF-')
            throw new Error(`O arquivo baixado ${prontos[0]} não é um PDF.`);
          return { caminho, sha256: createHash('sha256').update(conteudo).digest('hex'), tamanho };
        }
        anterior = tamanho;
      }
      await pausa(250);
    }
    throw new Error(`Nenhum download ${prefixo}*${extensao} terminou em ${limiteMs / 1000} s.`);
  }

  /**
   * Download HTTP fora do navegador com a sessão dele (cookies do portal, como o `requests.Session`
   * do legado), mais `cabecalhos` (ex.: o Bearer da sessão); exige `%PDF-`. A URL passa pela mesma
   * política da navegação; `dominiosConfiados` acrescenta hosts vindos da configuração do worker
   * (ex.: a API de faturas de um portal, fora do domínio dele). Devolve o arquivo gravado em `destino`.
   */
  async baixarComSessao(
    url: string,
    destino: string,
    cabecalhos: Record<string, string> = {},
    dominiosConfiados: readonly string[] = []
  ): Promise<ArquivoBaixado> {
    const motivo = this.recusa(url, dominiosConfiados);
    if (motivo) throw new ErroRPA(TipoErro.NEGOCIO, `Download bloqueado: ${motivo}`);
    const host = new URL(url).hostname;
    const cookies = (await this.driver.manage().getCookies()).filter(
      (c) => !c.domain || host.endsWith(c.domain.replace(/^\./, ''))
    );
    const resposta = await fetch(url, {
      headers: {
        ...cabecalhos,
        ...(cookies.length ? { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } : {}),
      },
      signal: AbortSignal.timeout(this.esperaPadraoMs * 2),
    });
    const conteudo = Buffer.from(await resposta.arrayBuffer());
    if (!resposta.ok)
      throw new Error(`O portal respondeu HTTP ${resposta.status} ao baixar ${new URL(url).pathname}.`);
    if (conteudo.subarray(0, 5).toString('latin1') !== '%PDF-')
      throw new ErroRPA(
        TipoErro.SELETOR,
        `O portal não devolveu um PDF em ${new URL(url).pathname} (${resposta.headers.get('content-type') ?? 'sem tipo'}).`
      );
    fs.mkdirSync(path.dirname(destino), { recursive: true });
    fs.writeFileSync(destino, conteudo);
    this.registrar(`Baixado ${path.basename(destino)} (${conteudo.length} bytes) com a sessão do navegador.`);
    return {
      caminho: destino,
      sha256: createHash('sha256').update(conteudo).digest('hex'),
      tamanho: conteudo.length,
    };
  }

  /** Fecha o navegador; se o `quit` travar, mata os processos desta execução. Idempotente. */
  async fechar(): Promise<void> {
    if (this.fechado) return;
    this.fechado = true;
    await comLimite(
      this.driver.quit().catch(() => undefined),
      10_000
    );
    // Depois do quit o Chromium leva um instante para sair; o que restar após 3 s é morto.
    if (!(await esperarSemProcessos(this.pastaTrabalho, 3_000))) {
      this.registrar(
        `Encerrados à força ${matarProcessosCom(this.pastaTrabalho)} processo(s) do navegador desta execução.`
      );
      await esperarSemProcessos(this.pastaTrabalho, 3_000);
    }
    fs.rmSync(this.perfil, { recursive: true, force: true });
  }
}
