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
  arquivo = path.join(pasta, '3d976b5032b9495a_10-05-2025.pdf');
  fs.writeFileSync(arquivo, await documento.save());
  portal = await iniciarPortalSat({
    usuario: 'robo.sat',
    senha: 'Sat#Senha1',
    clientes: [
      { id: 7, nome: 'EMPRESA TESTE' },
      { id: 8, nome: 'OUTRA EMPRESA' },
    ],
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
  parametrosDeTeste({
    url_portal: `${portal.url}/`,
    usuario: 'robo.sat',
    senha: 'Sat#Senha1',
    arquivo_fatura: arquivo,
    data_vencimento: '2025-05-10',
    ...extras,
  });
const contexto = () => ({
  navegador: { pastaTrabalho: fs.mkdtempSync(path.join(pasta, 'exec-')), esperaPadraoMs: 5_000 },
});

test('passo a passo do legado: operadora, telefone = dados_sat, o PDF com o nome do legado, competência, PAGAR e filial por similaridade; ponto sem retorno antes do clique', async () => {
  const ctx = contexto();
  const marcas: string[] = [];
  const r = await robo.executarUploadSat(parametros(), {
    ...ctx,
    pontoSemRetorno: async () => void marcas.push(`registros=${portal.estado.registros.length}`),
  });
  expect(r).toMatchObject({ sucesso: true, status: 'SUCESSO' });
  expect(r.mensagem).toContain('nenhuma mensagem de erro em 3 s depois de "cadastrar"');
  expect(r.dados_extraidos).toEqual({
    filial: 'CAMPO GRANDE - MS',
    competencia: '10/05/2025',
    categoria: 'PAGAR',
    arquivo: '3d976b5032b9495a_10-05-2025.pdf',
    avisos: [],
  });
  // A marca durável veio antes do clique final (nada gravado no SAT ainda).
  expect(marcas).toEqual(['registros=0']);
  expect(portal.estado.registros).toEqual([
    {
      cliente: 'EMPRESA TESTE',
      operadora: 'EMBRATEL',
      telefone: 'Link Dedicado',
      data_competencia: '10/05/2025',
      categoria: 'PAGAR',
      filial: 'CAMPO GRANDE - MS',
      arquivo_nome: '3d976b5032b9495a_10-05-2025.pdf',
      arquivo_sha256: createHash('sha256').update(fs.readFileSync(arquivo)).digest('hex'),
      arquivo_bytes: fs.statSync(arquivo).size,
    },
  ]);
  expect(processosCom(ctx.navegador.pastaTrabalho)).toEqual([]);
});

test('sem filial parecida: como o legado, envia sem filial e deixa o aviso na execução', async () => {
  const r = await robo.executarUploadSat(parametros({ unidade: 'PONTA PORÃ-MS' }), contexto());
  expect(r.sucesso).toBe(true);
  expect(r.mensagem).toContain('sem filial (ver aviso)');
  expect((r.dados_extraidos.avisos as string[])[0]).toContain('Não encontrou unidade por similaridade');
  expect(r.logs_execucao.some((l) => l.includes('AVISO: Não encontrou unidade por similaridade'))).toBe(true);
  expect(portal.estado.registros).toHaveLength(1);
  expect(portal.estado.registros[0]!.filial).toBe('');
});

test('erro do formulário visível depois de "cadastrar" → falha (e o ponto sem retorno já foi marcado)', async () => {
  portal.estado.modo = { recusarCadastro: 'Competência fora do período aberto.' };
  let marcado = false;
  const r = await robo.executarUploadSat(parametros(), {
    ...contexto(),
    pontoSemRetorno: async () => void (marcado = true),
  });
  expect(r).toMatchObject({
    sucesso: false,
    tipo_erro: 'NEGOCIO',
    mensagem: 'O SAT mostrou um erro depois de "cadastrar": Competência fora do período aberto.',
  });
  expect(marcado).toBe(true);
});

test('marca durável recusada pelo Strapi: o robô não clica em "cadastrar"', async () => {
  const r = await robo.executarUploadSat(parametros(), {
    ...contexto(),
    pontoSemRetorno: async () => {
      throw new Error('Strapi fora do ar');
    },
  });
  expect(r).toMatchObject({ sucesso: false, tipo_erro: 'DESCONHECIDO' });
  expect(portal.estado.registros).toEqual([]);
});

test.each([
  [
    'cliente que não existe no SAT',
    { nome_sat: 'NINGUEM LTDA' },
    'Cliente "NINGUEM LTDA" não encontrado no SAT.',
  ],
  [
    'faltam dados do envio',
    { dados_sat: '', data_vencimento: null },
    'Faltam dados para o envio ao SAT: dados_sat, data_vencimento.',
  ],
  [
    'PDF ausente',
    { arquivo_fatura: '/nao/existe.pdf' },
    'O PDF da fatura não está disponível para o envio (/nao/existe.pdf).',
  ],
])('%s → NEGOCIO, nada cadastrado', async (_caso, extras, mensagem) => {
  const r = await robo.executarUploadSat(parametros(extras), contexto());
  expect(r).toMatchObject({ sucesso: false, tipo_erro: 'NEGOCIO', mensagem });
  expect(portal.estado.registros).toEqual([]);
});

test('senha errada → LOGIN', async () => {
  const r = await robo.executarUploadSat(parametros({ senha: 'errada' }), contexto());
  expect(r).toMatchObject({
    sucesso: false,
    tipo_erro: 'LOGIN',
    mensagem: 'O SAT recusou o usuário ou a senha.',
  });
});

test('o robô do SAT não faz download', async () => {
  const r = await robo.executarDownload(parametros(), contexto());
  expect(r).toMatchObject({
    sucesso: false,
    tipo_erro: 'NEGOCIO',
    mensagem: 'O robô SAT não faz download de faturas.',
  });
});
