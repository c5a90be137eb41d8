import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi, PREFIXO_FILAS, TOKEN_ROBO_TESTE } from './ajudantes/strapi';
import { criarLoginNoPainel, SENHA_PAINEL_TESTE } from './ajudantes/autenticacao';
import { CNPJS_VALIDOS, criarOperadora, dadosCliente } from './ajudantes/dados';
import { comCabecalho, enviarFatura, type Pessoa } from './ajudantes/painel';
import { gerarPdfFatura } from './ajudantes/pdf';
import { URL_REDIS_TESTE } from './ajudantes/filas';
import { esperar, WorkerFilho } from './ajudantes/worker';
import { NavegadorRPA } from '../worker-rpa/src/navegador/navegador-rpa';
import { iniciarPortalSat } from '../worker-rpa/portais-simulados/sat';

/**
 * Ponta a ponta num Chromium real contra o admin compilado: o Aprovador vê no dashboard os números
 * da API, abre a fatura com a prévia do PDF e aprova; o Operador não tem o botão de aprovar, filtra
 * os processos e faz o upload manual arrastando o PDF; o Aprovador acompanha ao vivo o robô do SAT
 * (worker real, portal simulado) enviando a fatura aprovada.
 * As telas vão para .tmp/telas/ (ignorada: `npm test` não muda arquivo versionado); `npm run telas`
 * roda este teste gravando em docs/imagens/, as telas que o README mostra.
 */
type Registro = Record<string, any>;
const RAIZ = path.join(__dirname, '..');
const IMAGENS = path.resolve(RAIZ, process.env.TELAS_E2E_PASTA ?? path.join('.tmp', 'telas'));

let strapi: Core.Strapi;
let url: string;
let aprovador: { email: string; jwt: string };
let operador: { email: string; jwt: string };
let operadorApi: Pessoa;
const processos: string[] = [];
let semFatura: string;
let sat: Awaited<ReturnType<typeof iniciarPortalSat>>;
let worker: WorkerFilho | null = null;

const entrar = async (email: string): Promise<NavegadorRPA> => {
  const nav = await NavegadorRPA.abrir({ esperaPadraoMs: 30_000, visualizarPdf: true });
  await nav.driver.manage().window().setRect({ width: 1400, height: 1000 });
  await nav.ir(`${url}/admin/auth/login`);
  await nav.digitar("//input[@name='email']", email);
  await nav.digitar("//input[@name='password']", SENHA_PAINEL_TESTE);
  await nav.clicar("//button[@type='submit']");
  await nav.driver.wait(
    async () => !(await nav.driver.getCurrentUrl()).includes('/auth/login'),
    30_000,
    'O login no admin não terminou.'
  );
  return nav;
};
/** Texto como está no DOM (o design system põe alguns rótulos em maiúsculas só no CSS). */
const conteudo = async (nav: NavegadorRPA, xpath: string) =>
  ((await (await nav.elemento(xpath)).getAttribute('textContent')) ?? '').trim();
const textos = async (nav: NavegadorRPA, xpath: string) =>
  Promise.all(
    (await nav.elementos(xpath)).map(async (el) => ((await el.getAttribute('textContent')) ?? '').trim())
  );
const processoDoBanco = (documentId: string): Promise<Registro> =>
  strapi.db.query('api::processo.processo').findOne({ where: { documentId } });

const foto = async (nav: NavegadorRPA, nome: string) => {
  fs.mkdirSync(IMAGENS, { recursive: true });
  fs.writeFileSync(
    path.join(IMAGENS, `${nome}.png`),
    Buffer.from(await nav.driver.takeScreenshot(), 'base64')
  );
};

beforeAll(async () => {
  // O admin compilado (Vite) é servido pelo próprio Strapi do teste.
  execFileSync(
    process.execPath,
    [path.join(RAIZ, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'],
    { cwd: RAIZ, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } }
  );
  sat = await iniciarPortalSat({
    usuario: 'robo.sat',
    senha: 'Sat#Senha1',
    clientes: [0, 1, 2].map((i) => ({ id: i + 1, nome: `CLIENTE PAINEL ${i}` })),
    filiais: ['DOURADOS - MS', 'CUIABÁ - MT'],
  }); // sem filial parecida com CAMPO GRANDE-MS: o envio sai com aviso
  strapi = await iniciarStrapi(
    { SAT_URL: `${sat.url}/`, SAT_USUARIO: 'robo.sat', SAT_SENHA: 'Sat#Senha1' },
    true
  );
  await new Promise<void>((r) => strapi.server.httpServer.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(strapi.server.httpServer.address() as AddressInfo).port}`;
  aprovador = await criarLoginNoPainel(strapi, 'APROVADOR');
  operador = await criarLoginNoPainel(strapi, 'OPERADOR');
  operadorApi = comCabecalho(strapi, operador.jwt);
  const operadora = await criarOperadora(strapi, {
    nome: 'OPERADORA MANUAL',
    codigo: 'MAN',
    possui_rpa: false,
  });
  for (const i of [0, 1]) {
    await strapi.documents('api::cliente.cliente').create({
      data: dadosCliente(operadora.documentId, {
        cnpj: CNPJS_VALIDOS[i],
        nome_sat: `CLIENTE PAINEL ${i}`,
        filtro: `p${i}`,
      }) as never,
    });
  }
  await strapi.service('api::processo.geracao-mensal').gerar();
  for (const processo of (await strapi.db
    .query('api::processo.processo')
    .findMany({ orderBy: { id: 'asc' } })) as Registro[]) {
    await enviarFatura(operadorApi, processo.documentId, await gerarPdfFatura()).expect(201);
    processos.push(processo.documentId);
  }
  // Um terceiro cliente fica sem fatura: o Operador faz o upload pela tela.
  await strapi.documents('api::cliente.cliente').create({
    data: dadosCliente(operadora.documentId, {
      cnpj: CNPJS_VALIDOS[2],
      nome_sat: 'CLIENTE PAINEL 2',
      filtro: 'p2',
    }) as never,
  });
  await strapi.service('api::processo.geracao-mensal').gerar();
  semFatura = (
    (await strapi.db
      .query('api::processo.processo')
      .findMany({ orderBy: { id: 'desc' }, limit: 1 })) as Registro[]
  )[0]!.documentId;
}, 300_000);
afterAll(async () => {
  worker?.matar();
  await encerrarStrapi();
  await sat?.fechar();
});

test('Aprovador: dashboard com os números da API, prévia do PDF no modal e aprovação pela tela', async () => {
  const api = (await comCabecalho(strapi, aprovador.jwt).get('/orquestrador-rpa/dashboard').expect(200)).body
    .data;
  const nav = await entrar(aprovador.email);
  try {
    await nav.ir(`${url}/admin/plugins/orquestrador-rpa`);
    await nav.driver.wait(
      async () => (await nav.texto("//*[@data-testid='cartao-total']")) === String(api.total_processos),
      30_000
    );
    expect(await nav.texto("//*[@data-testid='cartao-aprovacao']")).toBe(
      String(api.por_status.AGUARDANDO_APROVACAO)
    );
    expect(api.por_status.AGUARDANDO_APROVACAO).toBe(2);
    expect(await textos(nav, "//*[@data-testid='pendente-cliente']")).toEqual(
      api.pendentes_por_cliente.map((p: Registro) => `${p.cliente}${p.total}`)
    );
    await nav.elemento("//*[contains(@class, 'recharts-bar-rectangle')]", 'visivel');
    // Ações rápidas só do que o papel permite: o Aprovador aprova, não faz upload nem gera processos.
    expect(await nav.existe("//a[contains(., 'Aprovar faturas')]", 1_000)).toBe(true);
    expect(
      await nav.existe(
        "//a[contains(., 'Upload manual')] | //button[contains(., 'Gerar processos do mês')]",
        300
      )
    ).toBe(false);
    await foto(nav, 'painel-dashboard');

    await nav.clicar("//a[@data-testid='nav-aprovacoes']");
    await nav.clicar(`//tr[@data-testid='aprovacao-${processos[0]}']//button[@data-testid='analisar']`);
    const previa = await nav.elemento("//iframe[@data-testid='previa-pdf']", 'visivel');
    const src = await previa.getAttribute('src');
    expect(src).toMatch(/^blob:/);
    // A prévia veio da rota autenticada da fatura, respondida com 200 (Resource Timing do navegador).
    const pedidos = await nav.driver.executeScript<Array<{ name: string; responseStatus: number }>>(
      "return performance.getEntriesByType('resource').map((e) => ({ name: e.name, responseStatus: e.responseStatus }));"
    );
    expect(pedidos).toContainEqual({
      name: `${url}/orquestrador-rpa/processos/${processos[0]}/fatura`,
      responseStatus: 200,
    });
    await nav.driver.sleep(2000); // o visualizador de PDF do Chromium desenha a página
    await foto(nav, 'painel-aprovacao');
    await nav.clicar("//button[@data-testid='aprovar']");
    await nav.driver.wait(
      async () => (await nav.elementos(`//tr[@data-testid='aprovacao-${processos[0]}']`)).length === 0,
      30_000
    );
    const processo = await strapi.db
      .query('api::processo.processo')
      .findOne({ where: { documentId: processos[0] }, populate: ['aprovado_por_usuario'] });
    expect(processo.status_processo).toBe('APROVADA');
    expect(processo.aprovado_por_usuario.email).toBe(aprovador.email);
  } finally {
    await nav.fechar();
  }
});

test('Operador: vê a fila e a prévia, mas não tem o botão de aprovar', async () => {
  const nav = await entrar(operador.email);
  try {
    await nav.ir(`${url}/admin/plugins/orquestrador-rpa/aprovacoes`);
    await nav.clicar(`//tr[@data-testid='aprovacao-${processos[1]}']//button[@data-testid='analisar']`);
    await nav.elemento("//iframe[@data-testid='previa-pdf']", 'visivel');
    await nav.driver.sleep(2000);
    expect(await nav.existe("//button[@data-testid='aprovar']", 1_000)).toBe(false);
    expect(await nav.existe("//button[@data-testid='rejeitar']", 300)).toBe(false);
    await foto(nav, 'painel-operador');
  } finally {
    await nav.fechar();
  }
});

test('Operador: processos filtrados, upload manual arrastando o PDF e a página do processo com a linha do tempo', async () => {
  const nav = await entrar(operador.email);
  try {
    await nav.ir(`${url}/admin/plugins/orquestrador-rpa/processos?cliente=painel%202`);
    const linha = `//tr[@data-testid='processo-${semFatura}']`;
    await nav.elemento(linha, 'visivel');
    expect(await nav.elementos('//tbody/tr')).toHaveLength(1);
    expect(await nav.existe(`${linha}//*[@data-testid='acao-executar_download']`, 300)).toBe(false);
    await foto(nav, 'painel-processos');
    await nav.clicar(`${linha}//button[@data-testid='acao-upload_manual']`);
    const area = await nav.elemento("//*[@data-testid='area-soltar']", 'visivel');
    // Arrastar e soltar de verdade: o mesmo DragEvent com DataTransfer que o navegador dispara.
    await nav.driver.executeScript(
      `const [alvo, b64] = arguments;
       const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
       const dados = new DataTransfer();
       dados.items.add(new File([bytes], 'fatura-arrastada.pdf', { type: 'application/pdf' }));
       for (const tipo of ['dragenter', 'dragover', 'drop']) alvo.dispatchEvent(new DragEvent(tipo, { dataTransfer: dados, bubbles: true, cancelable: true }));`,
      area,
      (await gerarPdfFatura()).toString('base64')
    );
    await nav.driver.wait(
      async () => (await area.getText()).includes('fatura-arrastada.pdf'),
      10_000,
      'O PDF solto não apareceu na área.'
    );
    await nav.digitar("(//*[@data-testid='upload-valor']/descendant-or-self::input)[1]", '321,09');
    await nav.digitar("(//*[@data-testid='upload-vencimento']/descendant-or-self::input)[1]", '15/12/2026');
    await foto(nav, 'painel-upload-manual');
    await nav.clicar("//button[@data-testid='enviar-upload']");
    await esperar(
      async () => (await processoDoBanco(semFatura)).status_processo === 'AGUARDANDO_APROVACAO',
      30_000
    );
    expect(await processoDoBanco(semFatura)).toMatchObject({
      upload_manual: true,
      valor_fatura: 321.09,
      data_vencimento: '2026-12-15',
    });
    await nav.driver.wait(
      async () => !(await nav.existe(`${linha}//button[@data-testid='acao-upload_manual']`, 300)),
      10_000
    );

    await nav.clicar(`${linha}//a`);
    await nav.elemento("//*[@data-testid='evento-timeline']", 'visivel');
    expect(await conteudo(nav, "//*[@data-testid='status-processo']")).toBe('Aguardando aprovação');
    expect(
      (await textos(nav, "//*[@data-testid='evento-timeline']")).some(
        (t) =>
          t.includes('registrar upload manual') && t.includes('Aguardando download → Aguardando aprovação')
      )
    ).toBe(true);
    expect(await nav.existe("//*[starts-with(@data-testid, 'execucao-')]")).toBe(true);
    await foto(nav, 'painel-processo');
    // Tema escuro do Strapi: as páginas usam só as cores do design system.
    const corDoQuadro = () =>
      nav.driver.executeScript<string>(
        "return getComputedStyle(document.querySelector('[data-testid=evento-timeline]').parentElement).backgroundColor;"
      );
    const claro = await corDoQuadro();
    await nav.driver.executeScript("localStorage.setItem('STRAPI_THEME', 'dark');");
    await nav.driver.navigate().refresh();
    await nav.elemento("//*[@data-testid='evento-timeline']", 'visivel');
    expect(claro).toBe('rgb(255, 255, 255)');
    expect(await corDoQuadro()).not.toBe(claro);
    await foto(nav, 'painel-processo-escuro');
  } finally {
    await nav.fechar();
  }
});

test('Aprovador acompanha ao vivo o robô do SAT enviando a fatura aprovada (worker real)', async () => {
  // A fatura aprovada no primeiro teste espera na fila do SAT até o worker ligar.
  expect((await processoDoBanco(processos[0]!)).status_processo).toBe('APROVADA');
  const nav = await entrar(aprovador.email);
  try {
    await nav.ir(`${url}/admin/plugins/orquestrador-rpa/processos/${processos[0]}`);
    await nav.elemento("//*[@data-testid='estado-conexao' and @data-conectado='true']", 'visivel');
    expect(await nav.existe("//*[@data-testid='linha-log']", 500)).toBe(false);
    sat.estado.modo = { lentidaoMs: 300 };
    worker = new WorkerFilho({
      STRAPI_URL: url,
      ROBO_TOKEN: TOKEN_ROBO_TESTE,
      REDIS_URL: URL_REDIS_TESTE,
      FILAS_PREFIXO: PREFIXO_FILAS,
      NAVEGADOR_ESPERA_MS: '5000',
    });
    await worker.ligar();
    await nav.elemento("//*[@data-testid='linha-log']", 'visivel', 60_000);
    await foto(nav, 'painel-logs-ao-vivo');
    // A transição chega pelo Socket.IO e a página se atualiza sozinha.
    await nav.driver.wait(
      async () => (await conteudo(nav, "//*[@data-testid='status-processo']")) === 'Enviado ao SAT',
      90_000,
      `O status não mudou na tela. Worker:\n${worker!.saida.slice(-20).join('\n')}`
    );
    const envio = (await strapi.db.query('api::execucao.execucao').findOne({
      where: { processo: { documentId: processos[0] }, tipo_execucao: 'UPLOAD_SAT' },
    })) as Registro;
    expect(envio.status_execucao).toBe('CONCLUIDO');
    const naTela = await textos(
      nav,
      `//*[@data-testid='logs-${envio.documentId}']//*[@data-testid='linha-log']`
    );
    expect(naTela).toEqual(String(envio.mensagem_log).split('\n'));
    expect(sat.estado.registros).toHaveLength(1);
    // Como o legado, o SAT recebeu a fatura sem filial; o aviso fica visível na execução.
    const aviso = await conteudo(
      nav,
      `//*[@data-testid='execucao-${envio.documentId}']//*[@data-testid='avisos-execucao']`
    );
    expect(aviso).toContain('Não encontrou unidade por similaridade');

    // A página de logs mostra o histórico da execução encerrada (vem do banco).
    await nav.clicar("//a[@data-testid='nav-logs']");
    await nav.clicar("//label[contains(., 'Acompanhar')]/following::*[@role='combobox'][1]");
    await nav.clicar("//*[@role='option'][contains(., 'Processo')]");
    await nav.digitar("(//*[@data-testid='filtro-id-sala']/descendant-or-self::input)[1]", processos[0]!);
    await nav.clicar("//button[@data-testid='aplicar-filtro-logs']");
    await nav.driver.wait(
      async () =>
        (await textos(nav, `//*[@data-testid='logs-${envio.documentId}']//*[@data-testid='linha-log']`))
          .length === naTela.length,
      30_000
    );
    await foto(nav, 'painel-logs');
  } finally {
    await nav.fechar();
  }
});

test('Administrador: agendamentos com a prévia das próximas execuções e a caixa de saída das notificações', async () => {
  const administrador = await criarLoginNoPainel(strapi, 'ADMINISTRADOR');
  const nav = await entrar(administrador.email);
  try {
    // Página inicial em português: as chaves que o pt-BR do Strapi 5.54 não traduz vêm de src/admin/traducoes.
    await nav.ir(`${url}/admin`);
    await nav.elemento("//*[contains(text(), 'Bem-vindo ao painel de administração')]", 'visivel');
    await nav.elemento("//*[contains(text(), 'Últimos registros editados')]", 'visivel');
    const inicio = String(await nav.driver.executeScript('return document.body.innerText;'));
    for (const ingles of ['Welcome to your administration panel', 'Last edited entries', 'Hello ', 'Profile'])
      expect({ ingles, naTela: inicio.includes(ingles) }).toEqual({ ingles, naTela: false });
    await nav.ir(`${url}/admin/plugins/orquestrador-rpa/agendamentos`);
    await nav.elemento("//*[contains(text(), 'Processos do mês')]", 'visivel');
    for (const nome of ['Downloads diários', 'Avisos e resumo do dia'])
      expect(
        await nav.existe(`//tr[starts-with(@data-testid, 'agendamento-')][contains(., '${nome}')]`, 5_000)
      ).toBe(true);
    await nav.clicar("//button[contains(., 'Calcular')]");
    await nav.driver.wait(
      async () =>
        (await textos(nav, "//p[contains(text(), '/')]")).filter((t) => /\d{2}\/\d{2}\/\d{4}/.test(t))
          .length >= 5,
      15_000,
      'A prévia das próximas execuções não apareceu.'
    );
    await foto(nav, 'painel-agendamentos');

    await nav.clicar("//a[@data-testid='nav-notificacoes']");
    // Sem SMTP nesta execução: o canal aparece desligado, com o que falta, e as mensagens falham visíveis.
    await nav.elemento("//*[contains(text(), 'Desligado: falta SMTP_HOST')]", 'visivel');
    await nav.driver.wait(
      async () => (await nav.elementos("//tr[starts-with(@data-testid, 'notificacao-')]")).length > 0,
      15_000,
      'A caixa de saída não mostrou nenhuma mensagem.'
    );
    expect(
      await nav.existe(
        "//tr[starts-with(@data-testid, 'notificacao-')][contains(., 'Canal EMAIL desligado: configure SMTP_HOST e reenvie.')]",
        5_000
      )
    ).toBe(true);
    await foto(nav, 'painel-notificacoes');
  } finally {
    await nav.fechar();
  }
});

test('Operador: importa a planilha do legado pelo painel, com prévia antes de gravar; o Aprovador nem vê a página e confere a conciliação do mês', async () => {
  const cabecalho =
    'HASH,RAZÃO SOCIAL,NOME SAT,CNPJ,OPERADORA,FILTRO,SERVIÇO,DADOS SAT,UNIDADE / FILTRO SAT,CATEGORIAS / FILTRO SAT,SITE PARA EMISSÃO ,LOGIN ,SENHA,CPF,OBS,STATUS,PATCHDOWNLOAD,ATUALIZA/CRIA';
  const planilha = `${cabecalho}\r\n,Nova Empresa Ltda,NOVA EMPRESA PAINEL,${CNPJS_VALIDOS[3]},OPERADORA MANUAL,p3,Link,Link,CAMPO GRANDE-MS,,,,,,,,,SIM\r\n`;
  const nav = await entrar(operador.email);
  try {
    await nav.ir(`${url}/admin/plugins/orquestrador-rpa`);
    await nav.clicar("//a[@data-testid='nav-importar']");
    const area = await nav.elemento("//*[@data-testid='area-planilha']", 'visivel');
    await nav.driver.executeScript(
      `const [alvo, texto] = arguments;
       const dados = new DataTransfer();
       dados.items.add(new File([texto], 'clientes-do-mes.csv', { type: 'text/csv' }));
       for (const tipo of ['dragenter', 'dragover', 'drop']) alvo.dispatchEvent(new DragEvent(tipo, { dataTransfer: dados, bubbles: true, cancelable: true }));`,
      area,
      planilha
    );
    await nav.driver.wait(async () => (await area.getText()).includes('clientes-do-mes.csv'), 10_000);
    expect(await (await nav.elemento("//button[@data-testid='botao-confirmar']")).isEnabled()).toBe(false);
    await nav.clicar("//button[@data-testid='botao-previa']");
    const resultado = "//*[@data-testid='resultado-importacao']";
    await nav.driver.wait(
      async () => (await conteudo(nav, resultado)).includes('Prévia (nada gravado)'),
      15_000
    );
    expect(await conteudo(nav, resultado)).toContain('1 a criar, 0 a atualizar, 0 inalterado(s), 0 erro(s)');
    const nomeNovo = { where: { nome_sat: 'NOVA EMPRESA PAINEL' } };
    expect(await strapi.db.query('api::cliente.cliente').count(nomeNovo)).toBe(0);
    await foto(nav, 'painel-importar-clientes');
    await nav.clicar("//button[@data-testid='botao-confirmar']");
    await nav.driver.wait(
      async () => (await conteudo(nav, resultado)).includes('Gravado: 1 criado(s)'),
      15_000
    );
    expect(await strapi.db.query('api::cliente.cliente').count(nomeNovo)).toBe(1);
  } finally {
    await nav.fechar();
  }
  const outro = await entrar(aprovador.email);
  try {
    await outro.ir(`${url}/admin/plugins/orquestrador-rpa`);
    await outro.elemento("//a[@data-testid='nav-aprovacoes']", 'visivel');
    expect(await outro.existe("//a[@data-testid='nav-importar']", 500)).toBe(false);
    // A conciliação do mês: o cliente importado agora é esperado e aparece sem processo.
    await outro.clicar("//a[@data-testid='nav-conciliacao']");
    await outro.elemento("//*[@data-testid='conciliacao-operadora-total']", 'visivel');
    const pendentes = await textos(outro, "//*[@data-testid='conciliacao-pendente']");
    expect(pendentes.some((p) => p.includes('NOVA EMPRESA PAINEL') && p.includes('Sem processo em'))).toBe(
      true
    );
    await foto(outro, 'painel-conciliacao');
    // Relatórios: os quatro gráficos (recharts) desenhados com as séries do banco.
    await outro.clicar("//a[@data-testid='nav-relatorios']");
    for (const grafico of ['faturas', 'valor', 'tempo', 'sucesso'])
      await outro.elemento(`//*[@data-testid='grafico-${grafico}']//*[name()='svg']`, 'visivel');
    expect(
      (
        await outro.elementos(
          "//*[@data-testid='grafico-faturas']//*[contains(@class,'recharts-bar-rectangle')]"
        )
      ).length
    ).toBeGreaterThan(0);
    await foto(outro, 'painel-relatorios');
  } finally {
    await outro.fechar();
  }
});

/**
 * Palavras que denunciam texto em inglês na tela (com fronteira de palavra). Fora da lista, de
 * propósito: nomes de produto (Strapi, WhatsApp, Telegram, Slack), siglas e "Status", que o
 * português do Brasil usa como está ("Status do processo").
 */
const INGLES =
  /\b(Welcome|Hello|Create|Edit|Delete|Save|Cancel|Search|Filters?|Settings|Entries|Entry|Profile|Logout|Log out|Content Manager|Collection Types|Single Types|Last edited|Users|Roles|Select|Confirm|Published|Draft|Back|Next|Previous|Loading|Actions?|Name|Email|Password|Created|Updated|Configure the view|Rows per page|No content found|Add new|Duplicate|Folders?|Assets?|Sort|Media Library|Internationalization|Locales?|Providers?|Upgrade|Learn more|Enabled|Disabled|Advanced settings|Email templates)\b/;

test('Administrador: o admin em português de ponta a ponta (início, Content Manager de cada tipo, usuários, papéis e o painel)', async () => {
  const administrador = await criarLoginNoPainel(strapi, 'ADMINISTRADOR');
  const nav = await entrar(administrador.email);
  const ingles: string[] = [];
  const avisosDoStrapi: string[] = [];
  try {
    const tipos = ['operadora', 'cliente', 'processo', 'execucao', 'notificacao', 'agendamento', 'auditoria'];
    const paginas = [
      '/admin',
      ...tipos.map((t) => `/admin/content-manager/collection-types/api::${t}.${t}`),
      '/admin/content-manager/collection-types/api::cliente.cliente/create',
      '/admin/settings/users',
      '/admin/settings/roles',
      '/admin/me',
      // Telas do Strapi e dos plugins dele que o pt-BR do pacote não cobre (src/admin/traducoes).
      '/admin/plugins/upload',
      '/admin/settings/media-library',
      '/admin/settings/application-infos',
      '/admin/settings/api-tokens',
      '/admin/settings/admin-tokens',
      '/admin/settings/transfer-tokens',
      '/admin/settings/webhooks',
      '/admin/settings/list-plugins',
      '/admin/settings/internationalization',
      '/admin/settings/email',
      '/admin/settings/users-permissions/roles',
      '/admin/settings/users-permissions/providers',
      '/admin/settings/users-permissions/email-templates',
      '/admin/settings/users-permissions/advanced-settings',
      // As páginas de compra da edição paga (purchase-*) não existem com FLAG_PROMOTE_EE=false (config/admin.ts).
      '/admin/plugins/content-releases',
      '/admin/plugins/content-type-builder',
      '/admin/plugins/orquestrador-rpa',
      '/admin/plugins/orquestrador-rpa/aprovacoes',
      '/admin/plugins/orquestrador-rpa/processos',
      '/admin/plugins/orquestrador-rpa/execucoes',
      '/admin/plugins/orquestrador-rpa/conciliacao',
      '/admin/plugins/orquestrador-rpa/relatorios',
      '/admin/plugins/orquestrador-rpa/agendamentos',
      '/admin/plugins/orquestrador-rpa/notificacoes',
      '/admin/plugins/orquestrador-rpa/importar-clientes',
      '/admin/plugins/orquestrador-rpa/carencias',
    ];
    for (const pagina of paginas) {
      await nav.ir(`${url}${pagina}`);
      await nav.driver.wait(
        () =>
          nav.driver.executeScript<boolean>(
            "const m = document.querySelector('main'); return !!m && m.innerText.trim().length > 20;"
          ),
        20_000,
        `A página ${pagina} não carregou.`
      );
      await new Promise((r) => setTimeout(r, 1500));
      const texto = await nav.driver.executeScript<string>('return document.body.innerText;');
      // Avisos de novidade do Strapi ficam fora da tela de quem opera (src/admin/avisos-do-strapi.ts).
      if (texto.includes('Conheça a nova Biblioteca de Mídia')) avisosDoStrapi.push(pagina);
      for (const linha of texto
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean))
        if (INGLES.test(linha)) ingles.push(`${pagina}: ${linha}`);
    }
  } finally {
    await nav.fechar();
  }
  expect([...new Set(ingles)]).toEqual([]);
  expect(avisosDoStrapi).toEqual([]);
}, 300_000); // ~40 páginas, cada uma esperada até carregar
