import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi } from './ajudantes/strapi';
import { criarLoginNoPainel, SENHA_PAINEL_TESTE } from './ajudantes/autenticacao';
import { CNPJS_VALIDOS, criarOperadora, dadosCliente } from './ajudantes/dados';
import { comCabecalho, enviarFatura, type Pessoa } from './ajudantes/painel';
import { gerarPdfFatura } from './ajudantes/pdf';
import { NavegadorRPA } from '../worker-rpa/src/navegador/navegador-rpa';

/**
 * Ponta a ponta num Chromium real contra o admin compilado: o Aprovador vê no dashboard os números
 * da API, abre a fatura com a prévia do PDF e aprova; o Operador não tem o botão de aprovar.
 * As telas ficam em docs/imagens/ (o README as mostra).
 */
type Registro = Record<string, any>;
const RAIZ = path.join(__dirname, '..');
const IMAGENS = path.join(RAIZ, 'docs', 'imagens');

let strapi: Core.Strapi;
let url: string;
let aprovador: { email: string; jwt: string };
let operador: { email: string; jwt: string };
let operadorApi: Pessoa;
const processos: string[] = [];

const entrar = async (email: string): Promise<NavegadorRPA> => {
  const nav = await NavegadorRPA.abrir({ esperaPadraoMs: 30_000, visualizarPdf: true });
  await nav.driver.manage().window().setRect({ width: 1400, height: 1000 });
  await nav.ir(`${url}/admin/auth/login`);
  await nav.digitar("//input[@name='email']", email);
  await nav.digitar("//input[@name='password']", SENHA_PAINEL_TESTE);
  await nav.clicar("//button[@type='submit']");
  await nav.driver.wait(async () => !(await nav.driver.getCurrentUrl()).includes('/auth/login'), 30_000, 'O login no admin não terminou.');
  return nav;
};
const foto = async (nav: NavegadorRPA, nome: string) => {
  fs.mkdirSync(IMAGENS, { recursive: true });
  fs.writeFileSync(path.join(IMAGENS, `${nome}.png`), Buffer.from(await nav.driver.takeScreenshot(), 'base64'));
};

beforeAll(async () => {
  // O admin compilado (Vite) é servido pelo próprio Strapi do teste.
  execFileSync(process.execPath, [path.join(RAIZ, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], { cwd: RAIZ, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  strapi = await iniciarStrapi({}, true);
  await new Promise<void>((r) => strapi.server.httpServer.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(strapi.server.httpServer.address() as AddressInfo).port}`;
  aprovador = await criarLoginNoPainel(strapi, 'APROVADOR');
  operador = await criarLoginNoPainel(strapi, 'OPERADOR');
  operadorApi = comCabecalho(strapi, operador.jwt);
  const operadora = await criarOperadora(strapi, { nome: 'OPERADORA MANUAL', codigo: 'MAN', possui_rpa: false });
  for (const i of [0, 1]) {
    await strapi.documents('api::cliente.cliente').create({ data: dadosCliente(operadora.documentId, { cnpj: CNPJS_VALIDOS[i], nome_sat: `CLIENTE PAINEL ${i}`, filtro: `p${i}` }) as never });
  }
  await strapi.service('api::processo.geracao-mensal').gerar();
  for (const processo of (await strapi.db.query('api::processo.processo').findMany({ orderBy: { id: 'asc' } })) as Registro[]) {
    await enviarFatura(operadorApi, processo.documentId, await gerarPdfFatura()).expect(201);
    processos.push(processo.documentId);
  }
}, 300_000);
afterAll(encerrarStrapi);

test('Aprovador: dashboard com os números da API, prévia do PDF no modal e aprovação pela tela', async () => {
  const api = (await comCabecalho(strapi, aprovador.jwt).get('/orquestrador-rpa/dashboard').expect(200)).body.data;
  const nav = await entrar(aprovador.email);
  try {
    await nav.ir(`${url}/admin/plugins/orquestrador-rpa`);
    await nav.driver.wait(async () => (await nav.texto("//*[@data-testid='cartao-total']")) === String(api.total_processos), 30_000);
    expect(await nav.texto("//*[@data-testid='cartao-aprovacao']")).toBe(String(api.por_status.AGUARDANDO_APROVACAO));
    expect(api.por_status.AGUARDANDO_APROVACAO).toBe(2);
    await nav.elemento("//*[contains(@class, 'recharts-bar-rectangle')]", 'visivel');
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
    expect(pedidos).toContainEqual({ name: `${url}/orquestrador-rpa/processos/${processos[0]}/fatura`, responseStatus: 200 });
    await nav.driver.sleep(2000); // o visualizador de PDF do Chromium desenha a página
    await foto(nav, 'painel-aprovacao');
    await nav.clicar("//button[@data-testid='aprovar']");
    await nav.driver.wait(async () => (await nav.elementos(`//tr[@data-testid='aprovacao-${processos[0]}']`)).length === 0, 30_000);
    const processo = await strapi.db.query('api::processo.processo').findOne({ where: { documentId: processos[0] }, populate: ['aprovado_por_usuario'] });
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
