import fs from 'fs';
import os from 'os';
import path from 'path';
import { OiRPA, baseDoPortalOi, periodoOi, telefoneDoServico, urlTodasAsContas } from './oi';
import { iniciarPortalOi, type ContaOi } from '../../../portais-simulados/oi';
import { parametrosDeTeste } from '../../testes/parametros-teste';
import { processosCom } from '../../navegador/processos-chromium';
import type { ContextoExecucao } from '../base/rpa-base';
import { textoDoPdf } from '../../testes/pdf-texto';
import { lerConfiguracaoRobos } from '../../configuracao';

/** Robô da Oi num Chromium real contra o portal simulado segundo o legado (`oi.py`). */

type Portal = Awaited<ReturnType<typeof iniciarPortalOi>>;
let portal: Portal;
const robo = new OiRPA();
const pastas: string[] = [];
const CNPJ = '11222333000181';

const conta = (id: string, mes: string, linha: string, extras: Partial<ContaOi> = {}): ContaOi => ({
  id,
  cnpj: CNPJ,
  linha,
  mes,
  vencimento: `20/${mes.slice(5)}/${mes.slice(0, 4)}`,
  valor: '199,90',
  ...extras,
});

const contexto = (extras: ContextoExecucao = {}): ContextoExecucao & { pasta: string } => {
  const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'teste-oi-'));
  pastas.push(pasta);
  return { navegador: { pastaTrabalho: pasta, esperaPadraoMs: 5_000 }, ...extras, pasta };
};

beforeAll(async () => {
  portal = await iniciarPortalOi({
    email: 'contas@empresa.teste',
    senha: 'Senha#Oi1',
    contas: [
      // Maio: a do outro CNPJ e a paga vêm antes e teriam o mesmo telefone; só os filtros da URL as tiram.
      conta('FAT-OUTRO', '2025-05', '6733334444', { cnpj: '99888777000166' }),
      conta('FAT-PAGA', '2025-05', '6733334444', { status: 'paga' }),
      conta('FAT-ABRIL', '2025-04', '6733334444'),
      conta('FAT-9999', '2025-05', '6799998888'),
      conta('FAT-1001', '2025-05', '6733334444', { vencimento: '12/05/2025', status: 'sem_status' }),
      // Junho: só por similaridade (dígitos 33334440 contra 33334444).
      conta('FAT-2001', '2025-06', '(67) 3333-4440'),
      // Julho: a "parecida" vem antes da exata e vence, como no legado.
      conta('FAT-3001', '2025-07', '6733334445'),
      conta('FAT-3002', '2025-07', '6733334444'),
      // Agosto: nenhuma parecida.
      conta('FAT-4001', '2025-08', '6711112222'),
    ],
  });
});
beforeEach(() => {
  portal.estado.modo = {};
  portal.estado.consultas = [];
  portal.estado.pdfsEntregues = [];
});
afterAll(async () => {
  await portal.fechar();
  for (const pasta of pastas) fs.rmSync(pasta, { recursive: true, force: true });
});

const parametros = (extras: Record<string, unknown> = {}) =>
  parametrosDeTeste({
    operadora_codigo: 'OI',
    operadora_nome: 'OI',
    url_portal: portal.urlLogin,
    usuario: 'contas@empresa.teste',
    senha: 'Senha#Oi1',
    servico: '67 3333-4444',
    filtro: null,
    ...extras,
  });

test('passo a passo do legado: iframe, Ver contas, período do processo, linha exata, vencimento, id pelo Contestar e PDF pela API com os cookies', async () => {
  const ctx = contexto();
  const r = await robo.executarDownload(parametros(), ctx);
  expect(r).toMatchObject({ sucesso: true, status: 'SUCESSO', tipo_erro: null });
  expect(r.dados_extraidos).toMatchObject({
    data_vencimento: '2025-05-12',
    linha: '6733334444',
    correspondencia: 'exata',
    id_fatura: 'FAT-1001',
  });
  expect(r.arquivo_baixado).toBe(path.join(ctx.pasta, 'saida', '3d976b5032b9495a_12-05-2025.pdf'));
  expect(textoDoPdf(r.arquivo_baixado!)).toContain('FATURA OI SOLUCOES - conta FAT-1001');
  // A URL da lista com os parâmetros do legado e o mês do processo (não o do relógio).
  const consulta = portal.estado.consultas.at(-1)!;
  expect([...consulta.entries()]).toEqual([
    ['cnpj', CNPJ],
    ['limit', '10'],
    ['offset', '0'],
    ['paymentStatus', 'em_aberto'],
    ['paymentStatus', 'sem_status'],
    ['refDateStart', '2025-05-01T04:00:00.000Z'],
    ['refDateEnd', '2025-05-31T04:00:00.000Z'],
  ]);
  expect(portal.estado.pdfsEntregues).toEqual(['FAT-1001']);
  expect(portal.estado.cabecalhosPdf).toMatchObject({
    accept: 'application/json',
    'user-agent': 'Mozilla/5.0',
  });
  expect(String(portal.estado.cabecalhosPdf.cookie)).toMatch(/OISESSION=/);
  expect(r.logs_execucao.join('\n')).toContain('Login feito no portal da Oi.');
  expect(r.logs_execucao.join('\n')).not.toContain('Senha#Oi1');
  expect(processosCom(ctx.pasta)).toEqual([]);
});

test('só por similaridade de trecho (≥ 0,7 nos dígitos) quando nenhuma linha contém o telefone', async () => {
  const r = await robo.executarDownload(parametros({ mes_ano: '2025-06' }), contexto());
  expect(r.sucesso).toBe(true);
  expect(r.dados_extraidos).toMatchObject({
    id_fatura: 'FAT-2001',
    correspondencia: 'similaridade',
    linha: '(67) 3333-4440',
    data_vencimento: '2025-06-20',
  });
  expect(portal.estado.consultas.at(-1)!.get('refDateEnd')).toBe('2025-06-30T04:00:00.000Z');
});

test('uma linha "parecida" anterior vence a exata posterior (a primeira que atende, como no legado)', async () => {
  const r = await robo.executarDownload(parametros({ mes_ano: '2025-07' }), contexto());
  expect(r.dados_extraidos).toMatchObject({ id_fatura: 'FAT-3001', correspondencia: 'similaridade' });
  expect(portal.estado.pdfsEntregues).toEqual(['FAT-3001']);
});

test('nenhuma linha correspondente → SEM_FATURA com a mensagem do legado, sem baixar nada', async () => {
  const r = await robo.executarDownload(parametros({ mes_ano: '2025-08' }), contexto());
  expect(r).toMatchObject({
    sucesso: false,
    tipo_erro: 'SEM_FATURA',
    mensagem: 'Nenhuma fatura correspondente foi encontrada',
  });
  expect(portal.estado.pdfsEntregues).toEqual([]);
});

test('senha errada → LOGIN, com captura de tela', async () => {
  const r = await robo.executarDownload(parametros({ senha: 'errada' }), contexto());
  expect(r).toMatchObject({
    sucesso: false,
    tipo_erro: 'LOGIN',
    mensagem: 'O portal da Oi recusou o e-mail ou a senha.',
  });
  expect(r.screenshots_debug).toHaveLength(1);
});

test('portal mudado → SELETOR: campo de e-mail do iframe trocado, ou a tabela sem a classe do legado', async () => {
  portal.estado.modo = { seletorMudado: true };
  const semEmail = await robo.executarDownload(parametros(), contexto());
  expect(semEmail).toMatchObject({ sucesso: false, tipo_erro: 'SELETOR' });
  expect(semEmail.mensagem).toContain("//input[@class='email']");
  portal.estado.modo = { tabelaSumiu: true };
  const semTabela = await robo.executarDownload(parametros(), contexto());
  expect(semTabela).toMatchObject({ sucesso: false, tipo_erro: 'SELETOR' });
  expect(semTabela.mensagem).toContain('A tabela de contas não apareceu');
});

test('serviço sem o telefone no formato do legado → NEGOCIO antes de abrir o portal', async () => {
  const r = await robo.executarDownload(parametros({ servico: 'LinkDedicado' }), contexto());
  expect(r).toMatchObject({ sucesso: false, tipo_erro: 'NEGOCIO' });
  expect(r.mensagem).toContain('não traz o telefone no formato "DDD NNNN-NNNN"');
  expect(portal.estado.consultas).toEqual([]);
});

test('a API do PDF só responde com o cookie da sessão do navegador', async () => {
  const semCookie = await fetch(`${portal.url}/api/invoices/pdf/FAT-1001`);
  expect(semCookie.status).toBe(401);
  expect(portal.estado.pdfsEntregues).toEqual([]);
});

test('URL e período montados como no legado; OI_URL_BASE troca a origem fixa', () => {
  expect(telefoneDoServico('67 3333-4444')).toBe('33334444');
  expect(telefoneDoServico('67 3-333-4444 extra')).toBe('33334444');
  expect(periodoOi('2024-02')).toEqual({
    inicio: '2024-02-01T04:00:00.000Z',
    fim: '2024-02-29T04:00:00.000Z',
  });
  expect(periodoOi('2025-12').fim).toBe('2025-12-31T04:00:00.000Z');
  expect(baseDoPortalOi('https://portaloisolucoes.oi.com.br/login', null)).toBe(
    'https://portaloisolucoes.oi.com.br'
  );
  expect(
    baseDoPortalOi(
      'https://portaloisolucoes.oi.com.br/login',
      lerConfiguracaoRobos({ OI_URL_BASE: 'https://homologa.oi.com.br/' }).oiUrlBase
    )
  ).toBe('https://homologa.oi.com.br');
  expect(urlTodasAsContas('https://x.oi.com.br', '1', '2025-05')).toBe(
    'https://x.oi.com.br/todas-as-contas?cnpj=1&limit=10&offset=0&paymentStatus=em_aberto&paymentStatus=sem_status&refDateStart=2025-05-01T04%3A00%3A00.000Z&refDateEnd=2025-05-31T04%3A00%3A00.000Z'
  );
});
