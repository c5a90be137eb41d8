import { createHash } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { PDFDocument } from 'pdf-lib';
import { SatRPA } from './sat';
import { iniciarPortalSat } from '../../../portais-simulados/sat';
import { parametrosDeTeste } from '../../testes/parametros-teste';
import { processosCom } from '../../navegador/processos-chromium';

/** Robô do SAT num Chromium real contra o SAT simulado. */

type Portal = Awaited<ReturnType<typeof iniciarPortalSat>>;
let portal: Portal;
let pasta: string;
let arquivo: string;
const robo = new SatRPA();

beforeAll(async () => {
  pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'teste-sat-'));
  const documento = await PDFDocument.create();
  documento.addPage();
  arquivo = path.join(pasta, 'fatura aprovada.pdf');
  fs.writeFileSync(arquivo, await documento.save());
  portal = await iniciarPortalSat({
    usuario: 'robo.sat',
    senha: 'Sat#Senha1',
    clientes: [{ id: 7, nome: 'EMPRESA TESTE' }, { id: 8, nome: 'OUTRA EMPRESA' }],
    filiais: ['DOURADOS - MS', 'CAMPO GRANDE - MS', 'CUIABÁ - MT'],
  });
});
beforeEach(() => {
  portal.estado.modo = {};
  portal.estado.registros = [];
});
afterAll(async () => {
  await portal.fechar();
  fs.rmSync(pasta, { recursive: true, force: true });
});

const parametros = (extras: Record<string, unknown> = {}) =>
  parametrosDeTeste({ url_portal: `${portal.url}/`, usuario: 'robo.sat', senha: 'Sat#Senha1', arquivo_fatura: arquivo, data_vencimento: '2025-05-10', ...extras });
const contexto = () => ({ navegador: { pastaTrabalho: fs.mkdtempSync(path.join(pasta, 'exec-')), esperaPadraoMs: 5_000 } });

test('cadastra a fatura: operadora, telefone = dados_sat, competência, PAGAR, filial por similaridade e o PDF', async () => {
  const ctx = contexto();
  const r = await robo.executarUploadSat(parametros(), ctx);
  expect(r).toMatchObject({ sucesso: true, status: 'SUCESSO', mensagem: 'Fatura enviada ao SAT: Fatura cadastrada com sucesso!' });
  expect(r.dados_extraidos).toEqual({ confirmacao: 'Fatura cadastrada com sucesso!', filial: 'CAMPO GRANDE - MS', competencia: '10/05/2025', categoria: 'PAGAR' });
  expect(portal.estado.registros).toEqual([{
    cliente: 'EMPRESA TESTE', operadora: 'EMBRATEL', telefone: 'Link Dedicado', data_competencia: '10/05/2025', categoria: 'PAGAR',
    filial: 'CAMPO GRANDE - MS', arquivo_nome: 'fatura aprovada.pdf',
    arquivo_sha256: createHash('sha256').update(fs.readFileSync(arquivo)).digest('hex'), arquivo_bytes: fs.statSync(arquivo).size,
  }]);
  expect(processosCom(ctx.navegador.pastaTrabalho)).toEqual([]);
});

test('sem a confirmação na tela é falha (o legado dava como enviado)', async () => {
  portal.estado.modo = { semConfirmacao: true };
  const r = await robo.executarUploadSat(parametros(), contexto());
  expect(r).toMatchObject({ sucesso: false, tipo_erro: 'NEGOCIO' });
  expect(r.mensagem).toContain('O SAT não mostrou a confirmação do cadastro');
});

test.each([
  ['cliente que não existe no SAT', { nome_sat: 'NINGUEM LTDA' }, 'Cliente "NINGUEM LTDA" não encontrado no SAT.'],
  ['filial sem similaridade suficiente', { unidade: 'PONTA PORÃ-MS' }, 'Nenhuma filial do SAT parecida com "PONTA PORÃ-MS" (similaridade mínima 0,6).'],
  ['faltam dados do envio', { dados_sat: '', data_vencimento: null }, 'Faltam dados para o envio ao SAT: dados_sat, data_vencimento.'],
  ['PDF ausente', { arquivo_fatura: '/nao/existe.pdf' }, 'O PDF da fatura não está disponível para o envio (/nao/existe.pdf).'],
])('%s → NEGOCIO, nada cadastrado', async (_caso, extras, mensagem) => {
  const r = await robo.executarUploadSat(parametros(extras), contexto());
  expect(r).toMatchObject({ sucesso: false, tipo_erro: 'NEGOCIO', mensagem });
  expect(portal.estado.registros).toEqual([]);
});

test('senha errada → LOGIN', async () => {
  const r = await robo.executarUploadSat(parametros({ senha: 'errada' }), contexto());
  expect(r).toMatchObject({ sucesso: false, tipo_erro: 'LOGIN', mensagem: 'O SAT recusou o usuário ou a senha.' });
});

test('o robô do SAT não faz download', async () => {
  const r = await robo.executarDownload(parametros(), contexto());
  expect(r).toMatchObject({ sucesso: false, tipo_erro: 'NEGOCIO', mensagem: 'O robô SAT não faz download de faturas.' });
});
