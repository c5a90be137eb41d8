import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import { PDFDocument } from 'pdf-lib';
import { NavegadorRPA } from './navegador-rpa';
import { processosCom } from './processos-chromium';

/** Utilitários do navegador num Chromium real, contra páginas locais feitas para cada caso. */

let servidor: http.Server;
let base: string;
let pdf: Buffer;
let nav: NavegadorRPA;
const linhas: string[] = [];

const PAGINAS: Record<string, string> = {
  '/download': '<a id="baixar" href="/arquivo.pdf">baixar</a> <a id="falso" href="/falso.pdf">falso</a>',
  '/sobreposto':
    '<button id="alvo" onclick="document.title=\'clicado\'">alvo</button>' +
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:rgba(0,0,0,.1)"></div>',
  '/formulario':
    '<input id="ro" readonly value=""><select id="filial"><option>DOURADOS - MS</option><option>CAMPO GRANDE - MS</option></select>' +
    '<iframe id="quadro" src="/interno"></iframe><a id="abrir" href="#" onclick="window.open(\'/interno\', \'_blank\'); return false">abrir</a>',
  '/interno': '<p id="dentro">conteúdo do iframe</p>',
};

beforeAll(async () => {
  const documento = await PDFDocument.create();
  documento.addPage();
  pdf = Buffer.from(await documento.save());
  servidor = http.createServer((req, res) => {
    if (req.url === '/arquivo.pdf' || req.url === '/falso.pdf') {
      const corpo = req.url === '/arquivo.pdf' ? pdf : Buffer.from('MZ não é pdf');
      res
        .writeHead(200, {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="${req.url.slice(1)}"`,
        })
        .end(corpo);
      return;
    }
    res
      .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      .end(`<!DOCTYPE html><html><body>${PAGINAS[req.url ?? ''] ?? ''}</body></html>`);
  });
  await new Promise<void>((r) => servidor.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(servidor.address() as AddressInfo).port}`;
  nav = await NavegadorRPA.abrir({
    pastaTrabalho: fs.mkdtempSync(path.join(os.tmpdir(), 'teste-nav-')),
    esperaPadraoMs: 5_000,
    registrar: (l) => linhas.push(l),
  });
});
afterAll(async () => {
  await nav.fechar();
  await new Promise((r) => servidor.close(r));
  fs.rmSync(nav.pastaTrabalho, { recursive: true, force: true });
});

test('download: espera terminar, confere %PDF- e calcula o sha256', async () => {
  await nav.ir(`${base}/download`);
  await nav.clicar("//a[@id='baixar']");
  const baixado = await nav.esperarDownload({ limiteMs: 15_000 });
  expect(path.basename(baixado.caminho)).toBe('arquivo.pdf');
  expect(baixado.tamanho).toBe(pdf.length);
  expect(fs.readFileSync(baixado.caminho).equals(pdf)).toBe(true);
  fs.rmSync(baixado.caminho);
  await nav.clicar("//a[@id='falso']");
  await expect(nav.esperarDownload({ limiteMs: 15_000 })).rejects.toThrow(
    'O arquivo baixado falso.pdf não é um PDF.'
  );
  fs.rmSync(path.join(nav.pastaDownloads, 'falso.pdf'));
  await expect(nav.esperarDownload({ limiteMs: 600 })).rejects.toThrow(
    'Nenhum download *.pdf terminou em 0.6 s.'
  );
});

test('clique interceptado por uma camada: recorre ao clique por JavaScript', async () => {
  await nav.ir(`${base}/sobreposto`);
  await nav.clicar("//button[@id='alvo']");
  expect(await nav.driver.getTitle()).toBe('clicado');
  expect(linhas.some((l) => l.startsWith('Clique direto falhou (ElementClickInterceptedError)'))).toBe(true);
});

test('digitação em campo somente-leitura, seleção por similaridade, iframe e janela nova', async () => {
  await nav.ir(`${base}/formulario`);
  await nav.digitar("//input[@id='ro']", 'texto', { conferir: true });
  expect(await (await nav.elemento("//input[@id='ro']")).getAttribute('value')).toBe('texto');
  expect(await nav.selecionarPorSimilaridade("//select[@id='filial']", 'campo grande-ms')).toBe(
    'CAMPO GRANDE - MS'
  );
  expect(await nav.selecionarPorSimilaridade("//select[@id='filial']", 'RIO BRANCO-AC')).toBeNull();
  await expect(nav.selecionarTexto("//select[@id='filial']", 'CUIABÁ')).rejects.toThrow(
    'Opção "CUIABÁ" não existe em //select[@id=\'filial\'].'
  );
  expect(await nav.dentroDoIframe("//iframe[@id='quadro']", () => nav.texto("//p[@id='dentro']"))).toBe(
    'conteúdo do iframe'
  );
  expect(await nav.existe("//p[@id='dentro']", 300)).toBe(false);
  const principal = await nav.janelaAtual();
  await nav.irParaJanelaNova(() => nav.clicar("//a[@id='abrir']"));
  expect(await nav.texto("//p[@id='dentro']")).toBe('conteúdo do iframe');
  await nav.fecharJanelaEVoltar(principal);
  expect(await nav.primeiroQueExistir(["//p[@id='nada']", "//select[@id='filial']"])).toBe(1);
  expect(await nav.primeiroQueExistir(["//p[@id='nada']"], 300)).toBe(-1);
});

test('fechar encerra o Chromium da execução e é idempotente', async () => {
  const outro = await NavegadorRPA.abrir({ esperaPadraoMs: 5_000 });
  expect(processosCom(outro.pastaTrabalho).length).toBeGreaterThan(0);
  await outro.fechar();
  await outro.fechar();
  expect(processosCom(outro.pastaTrabalho)).toEqual([]);
  fs.rmSync(outro.pastaTrabalho, { recursive: true, force: true });
});

test('download com prefixo e "mais novo desde": ignora o que já estava na pasta e o de outro prefixo', async () => {
  fs.writeFileSync(path.join(nav.pastaDownloads, 'fatura_antiga.pdf'), pdf);
  fs.writeFileSync(path.join(nav.pastaDownloads, 'outro.pdf'), pdf);
  const desde = Date.now() + 50;
  await new Promise((r) => setTimeout(r, 100));
  await expect(nav.esperarDownload({ limiteMs: 700, prefixo: 'fatura_', desde })).rejects.toThrow(
    'Nenhum download fatura_*.pdf terminou em 0.7 s.'
  );
  fs.writeFileSync(path.join(nav.pastaDownloads, 'fatura_nova.pdf'), pdf);
  expect(
    path.basename((await nav.esperarDownload({ limiteMs: 5_000, prefixo: 'fatura_', desde })).caminho)
  ).toBe('fatura_nova.pdf');
  for (const nome of ['fatura_antiga.pdf', 'outro.pdf', 'fatura_nova.pdf'])
    fs.rmSync(path.join(nav.pastaDownloads, nome));
});

test('download HTTP com a sessão do navegador: exige PDF e HTTP 2xx, e respeita a política de portal', async () => {
  await nav.ir(`${base}/download`);
  const destino = path.join(nav.pastaTrabalho, 'saida', 'sessao.pdf');
  const baixado = await nav.baixarComSessao(`${base}/arquivo.pdf`, destino, { accept: 'application/json' });
  expect(fs.readFileSync(baixado.caminho).equals(pdf)).toBe(true);
  await expect(nav.baixarComSessao(`${base}/falso.pdf`, destino)).rejects.toThrow(
    'O portal não devolveu um PDF em /falso.pdf'
  );
  const restrito = await NavegadorRPA.abrir({
    pastaTrabalho: fs.mkdtempSync(path.join(os.tmpdir(), 'teste-nav-politica-')),
    esperaPadraoMs: 5_000,
    politica: { dominios: ['portal.exemplo.com.br'], permitirLocal: false },
  });
  try {
    await expect(restrito.baixarComSessao(`${base}/arquivo.pdf`, destino)).rejects.toThrow(
      'Download bloqueado'
    );
  } finally {
    await restrito.fechar();
    fs.rmSync(restrito.pastaTrabalho, { recursive: true, force: true });
  }
});

test('lista com espera, sumir e existir visível', async () => {
  await nav.ir(`${base}/formulario`);
  expect(await nav.elementosPresentes("//select[@id='filial']/option", 1_000)).toHaveLength(2);
  expect(await nav.elementosPresentes("//li[@class='nada']", 300)).toEqual([]);
  expect(await nav.esperarSumir("//li[@class='nada']", 300)).toBe(true);
  expect(await nav.esperarSumir("//select[@id='filial']", 300)).toBe(false);
  expect(await nav.existe("//input[@id='ro']", 500, 'visivel')).toBe(true);
});
