import fs from 'fs';
import os from 'os';
import path from 'path';
import { PDFDocument } from 'pdf-lib';
import { EmbratelRPA, lerFiltroEmbratel, lerValorBoleto } from './embratel';
import { iniciarPortalEmbratel } from '../../../portais-simulados/embratel';
import { parametrosDeTeste } from '../../testes/parametros-teste';
import { processosCom } from '../../navegador/processos-chromium';
import type { ContextoExecucao } from '../base/rpa-base';
import { posicoes, textoDoPdf } from '../../testes/pdf-texto';

/** Robô da Embratel num Chromium real contra o portal simulado. */

type Portal = Awaited<ReturnType<typeof iniciarPortalEmbratel>>;
let portal: Portal;
const robo = new EmbratelRPA();
const pastas: string[] = [];

const contexto = (extras: ContextoExecucao = {}): ContextoExecucao & { pasta: string } => {
  const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'teste-embratel-'));
  pastas.push(pasta);
  return { navegador: { pastaTrabalho: pasta, esperaPadraoMs: 5_000 }, ...extras, pasta };
};

beforeAll(async () => {
  portal = await iniciarPortalEmbratel({
    usuario: 'usuario.teste',
    senha: 'Senha#Teste1',
    faturas: [
      { conta: '12345678901-2345', mes: '202505', vencimento: '20/05/2025', valor: '999,00', icms: true },
      {
        conta: '12345678901-2345',
        mes: '202505',
        vencimento: '10/05/2025',
        valor: '1.234,56',
        icms: true,
        iss: true,
      },
      { conta: '99999999999-0001', mes: '202505', vencimento: '15/05/2025', valor: '50,00' },
      { conta: '12345678901-2345', mes: '202504', vencimento: '10/04/2025', valor: '1.100,00', iss: true },
      {
        conta: '77777777777-0007',
        mes: '202505',
        vencimento: '25/05/2025',
        valor: '321,00',
        layoutBoleto: 'tabela',
      },
    ],
  });
});
beforeEach(() => {
  portal.estado.modo = {};
  portal.estado.documentosAbertos = [];
});
afterAll(async () => {
  await portal.fechar();
  for (const pasta of pastas) fs.rmSync(pasta, { recursive: true, force: true });
});

const parametros = (extras: Record<string, unknown> = {}) =>
  parametrosDeTeste({ url_portal: portal.urlLogin, ...extras });

test('passo a passo do legado: Fatura, Boleto e as notas ICMS e ISS abertas pelo clique na célula, juntadas nessa ordem com o nome {hash}_{DD-MM-AAAA}', async () => {
  const ctx = contexto({ tentativa: 3 });
  const linhas: string[] = [];
  const r = await robo.executarDownload(parametros(), { ...ctx, aoRegistrar: (l) => linhas.push(l) });
  expect(r).toMatchObject({ sucesso: true, status: 'SUCESSO', tipo_erro: null, tentativa_numero: 3 });
  expect(r.dados_extraidos).toMatchObject({
    data_vencimento: '2025-05-10',
    valor_fatura: 1234.56,
    conta: '12345678901-2345',
    documentos: ['Fatura', 'Boleto', 'NF_ICMS', 'NF_ISS'],
  });
  expect(r.arquivo_baixado).toBe(path.join(ctx.pasta, 'saida', '3d976b5032b9495a_10-05-2025.pdf'));
  const pdf = fs.readFileSync(r.arquivo_baixado!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect((await PDFDocument.load(pdf)).getPageCount()).toBe(r.dados_extraidos.paginas);
  // Cada documento com o seu texto, na ordem do legado: a nota é a que a célula abriu, não a lista de notas.
  const texto = textoDoPdf(r.arquivo_baixado!);
  const ordem = posicoes(texto, [
    'FATURA DE SERVIÇOS DE TELECOMUNICAÇÕES',
    'Boleto bancário',
    'MODELO 22 (ICMS)',
    'ELETRÔNICA (ISS)',
  ]);
  expect(ordem.every((p) => p >= 0)).toBe(true);
  expect([...ordem].sort((a, b) => a - b)).toEqual(ordem);
  expect(texto).not.toContain('Notas Fiscais');
  expect(portal.estado.documentosAbertos).toEqual([
    'imprimirFatura',
    'imprimirBoleto',
    'notaFiscal',
    'nfIcms',
    'notaFiscal',
    'nfIss',
  ]);
  expect(r.logs_execucao).toEqual(linhas);
  expect(linhas.some((l) => l.includes('Login feito no portal da Embratel.'))).toBe(true);
  expect(linhas.join('\n')).not.toContain('Senha#Teste1');
  expect(processosCom(ctx.pasta)).toEqual([]);
  expect(fs.existsSync(path.join(ctx.pasta, 'perfil-chromium'))).toBe(false);
});

test('vencimento no "próximo" div do documento (find_next do legado), mesmo em outra célula do boleto', async () => {
  const r = await robo.executarDownload(parametros({ filtro: '77777777777-0007' }), contexto());
  expect(r.sucesso).toBe(true);
  expect(r.dados_extraidos).toMatchObject({
    data_vencimento: '2025-05-25',
    valor_fatura: 321,
    documentos: ['Fatura', 'Boleto'],
  });
});

test('sem dia no filtro e sem NF de ICMS: pega a primeira linha da conta e registra a ausência', async () => {
  const r = await robo.executarDownload(
    parametros({ filtro: '12345678901-2345', mes_ano: '2025-04' }),
    contexto()
  );
  expect(r.sucesso).toBe(true);
  expect(r.dados_extraidos).toMatchObject({
    data_vencimento: '2025-04-10',
    documentos: ['Fatura', 'Boleto', 'NF_ISS'],
  });
  expect(r.logs_execucao.some((l) => l.includes('Não há NF do tipo ICMS.'))).toBe(true);
  expect(portal.estado.documentosAbertos).toEqual([
    'imprimirFatura',
    'imprimirBoleto',
    'notaFiscal',
    'notaFiscal',
    'nfIss',
  ]);
});

test('senha errada → LOGIN (não re-tentável), com screenshot', async () => {
  const ctx = contexto();
  const r = await robo.executarDownload(parametros({ senha: 'errada' }), ctx);
  expect(r).toMatchObject({
    sucesso: false,
    status: 'ERRO',
    tipo_erro: 'LOGIN',
    mensagem: 'O portal da Embratel recusou o usuário ou a senha.',
  });
  expect(r.screenshots_debug).toHaveLength(1);
  expect(fs.readFileSync(r.screenshots_debug[0]!).subarray(1, 4).toString('latin1')).toBe('PNG');
});

test.each([
  [
    'mês que a lista de meses não oferece',
    { mes_ano: '2024-01' },
    'O portal não oferece faturas de 01/2024.',
  ],
  [
    'conta sem linha na tabela do mês',
    { filtro: '55555555555-5555' },
    "Nenhuma fatura encontrada para Conta '55555555555-5555'.",
  ],
  [
    'dia que não bate',
    { filtro: '12345678901-2345_01' },
    "Nenhuma fatura encontrada para Conta '12345678901-2345' com vencimento no dia 01.",
  ],
])('%s → SEM_FATURA (o portal disse que não há)', async (_caso, extras, mensagem) => {
  const r = await robo.executarDownload(parametros(extras), contexto());
  expect(r).toMatchObject({ sucesso: false, tipo_erro: 'SEM_FATURA', mensagem });
});

test('tabela ausente sem a mensagem de período vazio → SELETOR (o portal mudou: vai para a saúde da operadora)', async () => {
  portal.estado.modo = { tabelaSumiu: true };
  const r = await robo.executarDownload(parametros(), contexto());
  expect(r).toMatchObject({ sucesso: false, tipo_erro: 'SELETOR' });
  expect(r.mensagem).toContain(
    'A tabela de faturas não apareceu e o portal não disse que o período está vazio'
  );
});

test('cliente sem filtro → NEGOCIO, antes de abrir o portal', async () => {
  const r = await robo.executarDownload(parametros({ filtro: null }), contexto());
  expect(r).toMatchObject({
    sucesso: false,
    tipo_erro: 'NEGOCIO',
    mensagem: 'O cliente não tem filtro (conta Embratel) cadastrado.',
  });
  expect(lerFiltroEmbratel(' 123_07 ')).toEqual({ conta: '123', dia: '07' });
  expect(lerFiltroEmbratel('123')).toEqual({ conta: '123', dia: null });
  expect(lerFiltroEmbratel('1_2_3')).toEqual({ conta: '1_2_3', dia: null });
  expect(() => lerFiltroEmbratel('123_')).toThrow('Filtro "123_" inválido: use CONTA ou CONTA_DD');
  expect([lerValorBoleto('R$ 12.345,67'), lerValorBoleto('R$ 99,00'), lerValorBoleto('sem valor')]).toEqual([
    12345.67,
    99,
    null,
  ]);
});

test('HTTP 500 passageiro → PORTAL_FORA (re-tentável); a tentativa seguinte conclui', async () => {
  portal.estado.modo = { falhasHttp500: 1 };
  const primeira = await robo.executarDownload(parametros(), contexto());
  expect(primeira).toMatchObject({ sucesso: false, tipo_erro: 'PORTAL_FORA' });
  const segunda = await robo.executarDownload(parametros(), contexto({ tentativa: 2 }));
  expect(segunda).toMatchObject({ sucesso: true, tentativa_numero: 2 });
});

test('seletor mudado no portal → SELETOR', async () => {
  portal.estado.modo = { seletorMudado: true };
  const r = await robo.executarDownload(parametros(), contexto());
  expect(r.tipo_erro).toBe('SELETOR');
  expect(r.mensagem).toContain("//input[@id='login']");
});

test('portal fora do ar → REDE', async () => {
  const r = await robo.executarDownload(
    parametros({ url_portal: 'http://127.0.0.1:9/embratelonline/index.asp' }),
    contexto()
  );
  expect(r).toMatchObject({ sucesso: false, tipo_erro: 'REDE' });
});

test('página lenta além do limite → TIMEOUT, navegador fechado e nenhum chromium órfão', async () => {
  portal.estado.modo = { lentidaoMs: 8_000 };
  const ctx = contexto({ limiteMs: 3_000 });
  const inicio = Date.now();
  const r = await robo.executarDownload(parametros(), ctx);
  expect(r).toMatchObject({
    sucesso: false,
    status: 'TIMEOUT',
    tipo_erro: 'TIMEOUT',
    mensagem: 'Tempo esgotado: o robô passou de 3 s.',
  });
  expect(Date.now() - inicio).toBeLessThan(20_000);
  expect(processosCom(ctx.pasta)).toEqual([]);
});
