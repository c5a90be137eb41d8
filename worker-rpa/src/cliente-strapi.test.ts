import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import { ClienteStrapi, ErroStrapi } from './cliente-strapi';
import { criarResultado } from '@orquestrador-rpa/contrato';

/** O cliente HTTP do worker contra um servidor local que imita o Strapi (respostas programadas). */
let servidor: http.Server;
let url: string;
const respostas: Array<[number, unknown, Record<string, string>?]> = [];
const job = { id_execucao: 'e1', token_execucao: 'token-do-job-e1' };
const recebidos: Array<{ url: string; cabecalhos: http.IncomingHttpHeaders; corpo: string }> = [];

beforeAll(async () => {
  servidor = http.createServer((req, res) => {
    let corpo = '';
    req.on('data', (p) => (corpo += p.toString('latin1')));
    req.on('end', () => {
      recebidos.push({ url: req.url ?? '', cabecalhos: req.headers, corpo });
      const [status, dados, cabecalhos = {}] = respostas.shift() ?? [200, { data: {} }];
      res
        .writeHead(status, { 'Content-Type': 'application/json', ...cabecalhos })
        .end(typeof dados === 'string' ? dados : JSON.stringify(dados));
    });
  });
  await new Promise<void>((r) => servidor.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(servidor.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => servidor.close(r)));
beforeEach(() => {
  respostas.length = 0;
  recebidos.length = 0;
});

test('Strapi fora por um instante (503, 502): re-tenta e entrega', async () => {
  respostas.push(
    [503, {}],
    [502, {}],
    [
      200,
      {
        data: { execucao: 'e1', tipo_execucao: 'DOWNLOAD_FATURA', numero_tentativa: 1, parametros: { a: 1 } },
      },
    ]
  );
  const cliente = new ClienteStrapi(url, 'segredo', 'maquina:1', 5, 10);
  expect(await cliente.iniciar(job, 1)).toMatchObject({ execucao: 'e1', parametros: { a: 1 } });
  expect(recebidos).toHaveLength(3);
  expect(recebidos[2]).toMatchObject({
    url: '/api/robo/execucoes/e1/iniciar',
    cabecalhos: {
      authorization: 'Bearer segredo',
      'x-token-execucao': 'token-do-job-e1',
      'x-worker': 'maquina:1',
    },
  });
  expect(JSON.parse(recebidos[2]!.corpo)).toEqual({ tentativa: 1 });
});

test('4xx não é re-tentado e vira ErroStrapi com a mensagem do Strapi', async () => {
  respostas.push([
    409,
    { error: { message: 'A execução e1 já terminou (CONCLUIDO).', details: { finalizada: true } } },
  ]);
  const cliente = new ClienteStrapi(url, 'segredo', 'maquina:1', 5, 10);
  const erro = await cliente.iniciar(job, 1).catch((e) => e);
  expect(erro).toBeInstanceOf(ErroStrapi);
  expect(erro).toMatchObject({
    status: 409,
    message: 'A execução e1 já terminou (CONCLUIDO).',
    detalhes: { finalizada: true },
  });
  expect(recebidos).toHaveLength(1);
});

test('Strapi inalcançável: desiste depois das tentativas com erro claro', async () => {
  const cliente = new ClienteStrapi('http://127.0.0.1:9', 'segredo', 'maquina:1', 2, 10);
  await expect(cliente.iniciar(job, 1)).rejects.toThrow(
    /^Strapi inalcançável em http:\/\/127\.0\.0\.1:9\/api\/robo\/execucoes\/e1\/iniciar/
  );
});

test('concluir envia o resultado, o PDF (só no sucesso) e as capturas em multipart; baixarFatura grava o arquivo', async () => {
  const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'teste-cliente-'));
  const pdf = path.join(pasta, 'fatura.pdf');
  fs.writeFileSync(pdf, '%PDF-1.7 teste');
  const resultado = criarResultado({
    sucesso: true,
    status: 'SUCESSO',
    mensagem: 'ok',
    arquivo_baixado: pdf,
  });
  respostas.push([200, { data: { execucao: 'e1', status_execucao: 'CONCLUIDO' } }]);
  const cliente = new ClienteStrapi(url, 'segredo', 'maquina:1', 2, 10);
  expect(await cliente.concluir(job, resultado, false)).toEqual({
    execucao: 'e1',
    status_execucao: 'CONCLUIDO',
  });
  expect(recebidos[0]!.cabecalhos['content-type']).toMatch(/^multipart\/form-data/);
  expect(recebidos[0]!.corpo).toContain('name="tentara_novamente"');
  expect(recebidos[0]!.corpo).toContain('filename="fatura.pdf"');
  expect(recebidos[0]!.corpo).toContain('%PDF-1.7 teste');

  // O nome do arquivo vem do Content-Disposition (o do legado), saneado: nada de subir de pasta.
  respostas.push([
    200,
    '%PDF-conteudo',
    { 'Content-Disposition': 'attachment; filename="../3d976b5032b9495a_10-05-2025.pdf"' },
  ]);
  const destino = await cliente.baixarFatura(job, path.join(pasta, 'entrada'));
  expect(destino).toBe(path.join(pasta, 'entrada', '3d976b5032b9495a_10-05-2025.pdf'));
  expect(fs.readFileSync(destino, 'utf8')).toBe('%PDF-conteudo');

  respostas.push([200, { data: {} }]);
  await cliente.pontoSemRetorno(job);
  expect(recebidos.at(-1)).toMatchObject({
    url: '/api/robo/execucoes/e1/ponto-sem-retorno',
    cabecalhos: { 'x-token-execucao': 'token-do-job-e1' },
  });
  fs.rmSync(pasta, { recursive: true, force: true });
});

test('recusarMensagem registra a recusada na rota da leitura, com o token dela e sem PDF', async () => {
  const leitura = { id_leitura: 'AZU-1', operadora_codigo: 'AZU', token_leitura: 'prazo.token-da-leitura' };
  const recusada = {
    id_mensagem: 'recusada:INBOX:7:3',
    remetente: 'faturas@azuton.teste',
    assunto: 'Fatura',
    recebida_em: null,
    recusa: 'dkim=fail',
  };
  const registro = { ...recusada, situacao: 'RECUSADA', motivo: 'x', processo: null, ja_registrada: false };
  respostas.push([200, { data: registro }]);
  const cliente = new ClienteStrapi(url, 'segredo', 'maquina:1', 2, 10);
  expect(await cliente.recusarMensagem(leitura, recusada)).toEqual(registro);
  expect(recebidos[0]).toMatchObject({
    url: '/api/robo/leituras-email/AZU-1/mensagens',
    cabecalhos: { 'x-token-execucao': 'prazo.token-da-leitura' },
  });
  expect(recebidos[0]!.corpo).toContain(JSON.stringify(recusada));
  expect(recebidos[0]!.corpo).not.toContain('filename=');
});

test('configuração do worker: padrões e sobreposições, inclusive o limite de um portal', () => {
  const { lerConfiguracao } = require('./configuracao') as typeof import('./configuracao');
  const padrao = lerConfiguracao({});
  expect(padrao).toMatchObject({
    urlStrapi: 'http://127.0.0.1:1337',
    urlRedis: 'redis://127.0.0.1:6379',
    prefixo: 'orquestrador',
    concorrencia: 2,
    limiteJobMs: 600_000,
  });
  expect(padrao.limitePorOperadora('emb')).toBe(2);
  const ajustada = lerConfiguracao({
    STRAPI_URL: 'http://strapi:1337/',
    LIMITE_POR_OPERADORA: '3',
    LIMITE_OPERADORA_EMB: '1',
    WORKER_CONCORRENCIA: 'x',
  });
  expect(ajustada.urlStrapi).toBe('http://strapi:1337');
  expect([
    ajustada.limitePorOperadora('emb'),
    ajustada.limitePorOperadora('OI'),
    ajustada.concorrencia,
  ]).toEqual([1, 3, 2]);
});
