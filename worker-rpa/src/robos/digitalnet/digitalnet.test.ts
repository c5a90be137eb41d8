import fs from 'fs';
import os from 'os';
import path from 'path';
import { DigitalnetRPA, idPeloTitulo, senhaDaFatura, validadeDoJwt } from './digitalnet';
import { iniciarPortalDigitalnet, type ContratoDigitalnet } from '../../../portais-simulados/digitalnet';
import { parametrosDeTeste } from '../../testes/parametros-teste';
import { processosCom } from '../../navegador/processos-chromium';
import type { ContextoExecucao } from '../base/rpa-base';
import { posicoes, textoDoPdf } from '../../testes/pdf-texto';
import { lerConfiguracaoRobos } from '../../configuracao';

/** Robô da Digitalnet num Chromium real contra o portal simulado segundo o legado (`digitalnet.py`). */

type Portal = Awaited<ReturnType<typeof iniciarPortalDigitalnet>>;
let portal: Portal;
const robo = new DigitalnetRPA();
const pastas: string[] = [];
const CNPJ = '11222333000181';
const LOGIN = '11222333000181';
const SENHA = 'Senha#Dig1';
const apiAnterior = process.env.DIGITALNET_URL_API;

const contrato = (id: string, nome: string, fatura?: ContratoDigitalnet['fatura']): ContratoDigitalnet => ({
  id,
  nome,
  cnpj: CNPJ,
  ...(fatura ? { fatura } : {}),
});
const CONTRATOS = [
  contrato('C-1', 'RUA DAS FLORES 100 - LINK 50MB', {
    id: 'INV-700',
    vencimento: '15/05/2025',
    valor: '99,90',
  }),
  contrato('C-2', 'AVENIDA BRASIL 2000 - LINK 300MB', {
    id: 'INV-801',
    vencimento: '20/05/2025',
    valor: '349,90',
  }),
  contrato('C-3', 'RUA SEM FATURA 7'),
];

const contexto = (extras: ContextoExecucao = {}): ContextoExecucao & { pasta: string } => {
  const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'teste-digitalnet-'));
  pastas.push(pasta);
  return { navegador: { pastaTrabalho: pasta, esperaPadraoMs: 5_000 }, ...extras, pasta };
};

beforeAll(async () => {
  portal = await iniciarPortalDigitalnet({ login: LOGIN, senha: SENHA, contratos: CONTRATOS });
  process.env.DIGITALNET_URL_API = portal.urlApi;
});
beforeEach(() => {
  Object.assign(portal.estado, {
    modo: {},
    contratos: CONTRATOS,
    validadeTokenS: 300,
    pedidosApi: [],
    tokensEmitidos: [],
  });
});
afterAll(async () => {
  if (apiAnterior === undefined) delete process.env.DIGITALNET_URL_API;
  else process.env.DIGITALNET_URL_API = apiAnterior;
  await portal.fechar();
  for (const pasta of pastas) fs.rmSync(pasta, { recursive: true, force: true });
});

const parametros = (extras: Record<string, unknown> = {}) =>
  parametrosDeTeste({
    operadora_codigo: 'DIG',
    operadora_nome: 'DIGITALNET',
    url_portal: portal.urlLogin,
    usuario: LOGIN,
    senha: SENHA,
    filtro: 'AVENIDA BRASIL 2000',
    cnpj: CNPJ,
    ...extras,
  });

test('passo a passo do legado: login em duas etapas, contrato pelo filtro, vencimento, id pelo título e os PDFs pela API com o token da sessão', async () => {
  const ctx = contexto();
  const r = await robo.executarDownload(parametros(), ctx);
  expect(r).toMatchObject({ sucesso: true, status: 'SUCESSO', tipo_erro: null });
  expect(r.dados_extraidos).toMatchObject({
    data_vencimento: '2025-05-20',
    id_fatura: 'INV-801',
    fatura_cifrada: true,
    paginas: 2,
  });
  expect(r.arquivo_baixado).toBe(path.join(ctx.pasta, 'saida', '3d976b5032b9495a_20-05-2025.pdf'));
  // Fatura decifrada primeiro, depois o documento fiscal (o PDF final abre sem senha).
  const texto = textoDoPdf(r.arquivo_baixado!);
  const [fatura, fiscal] = posicoes(texto, [
    'FATURA DIGITALNET - INV-801',
    'DOCUMENTO FISCAL DIGITALNET - fatura INV-801',
  ]);
  expect(fatura).toBeGreaterThanOrEqual(0);
  expect(fiscal).toBeGreaterThan(fatura!);
  // Os dois pedidos à API com o Bearer emitido no login desta sessão e a origem do portal.
  const [token] = portal.estado.tokensEmitidos;
  expect(portal.estado.pedidosApi.map((p) => [p.caminho, p.autorizacao, p.origem, p.status])).toEqual([
    ['/api-portal/invoices/INV-801/pdf', `Bearer ${token}`, portal.url, 200],
    ['/api-portal/invoices/fiscal-documents/INV-801', `Bearer ${token}`, portal.url, 200],
  ]);
  const logs = r.logs_execucao.join('\n');
  expect(logs).toContain('Contrato escolhido pelo filtro "AVENIDA BRASIL 2000"');
  expect(logs).toContain('Fatura decifrada com os 3 primeiros dígitos do CNPJ.');
  // O token e a senha nunca aparecem no log nem no resultado.
  expect(JSON.stringify(r)).not.toContain(token!.split('.')[2]);
  expect(JSON.stringify(r)).not.toContain(SENHA);
  expect(processosCom(ctx.pasta)).toEqual([]);
});

test('contrato único e fatura sem cifra: segue sem trocar contrato e não tenta decifrar', async () => {
  portal.estado.contratos = [CONTRATOS[0]!];
  portal.estado.modo = { faturaSemCifra: true };
  const r = await robo.executarDownload(parametros({ filtro: null }), contexto());
  expect(r.dados_extraidos).toMatchObject({
    id_fatura: 'INV-700',
    fatura_cifrada: false,
    data_vencimento: '2025-05-15',
  });
  expect(r.logs_execucao.join('\n')).toContain('Cliente de contrato único com a operadora.');
  expect(r.logs_execucao.join('\n')).toContain('Fatura veio sem cifra.');
});

test('"Não existem faturas pendentes" → SEM_FATURA com a mensagem do legado, sem chamar a API', async () => {
  const r = await robo.executarDownload(parametros({ filtro: 'RUA SEM FATURA' }), contexto());
  expect(r).toMatchObject({
    sucesso: false,
    tipo_erro: 'SEM_FATURA',
    mensagem: 'Erro ao encontrar a fatura. Não existe fatura disponível.',
  });
  expect(portal.estado.pedidosApi).toEqual([]);
});

test('nenhum contrato com o filtro → NEGOCIO (o legado seguia com o contrato errado)', async () => {
  const r = await robo.executarDownload(parametros({ filtro: 'RUA QUE NAO EXISTE' }), contexto());
  expect(r).toMatchObject({ sucesso: false, tipo_erro: 'NEGOCIO' });
  expect(r.mensagem).toBe('Nenhum contrato da Digitalnet contém o filtro "RUA QUE NAO EXISTE".');
  expect(portal.estado.pedidosApi).toEqual([]);
});

test('senha errada → LOGIN; sem "Fazer login" depois do CPF/CNPJ → LOGIN dito com clareza', async () => {
  const errada = await robo.executarDownload(parametros({ senha: 'Errada#1' }), contexto());
  expect(errada).toMatchObject({
    sucesso: false,
    tipo_erro: 'LOGIN',
    mensagem: 'Erro ao realizar o login. Verifique as credenciais.',
  });
  portal.estado.modo = { semFazerLogin: true };
  const semBotao = await robo.executarDownload(parametros(), contexto());
  expect(semBotao).toMatchObject({ sucesso: false, tipo_erro: 'LOGIN' });
  expect(semBotao.mensagem).toContain('não ofereceu "Fazer login"');
});

test('token da sessão já vencido → LOGIN sem chamar a API; a API recusa token forjado', async () => {
  portal.estado.validadeTokenS = 5;
  const r = await robo.executarDownload(parametros(), contexto());
  expect(r).toMatchObject({ sucesso: false, tipo_erro: 'LOGIN' });
  expect(r.mensagem).toBe(
    'O token da sessão do portal venceu (ou vence em instantes): faça o login de novo.'
  );
  expect(portal.estado.pedidosApi).toEqual([]);
  const forjado = await fetch(`${portal.urlApi}/invoices/INV-801/pdf`, {
    headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.assinatura' },
  });
  expect(forjado.status).toBe(401);
});

test('fatura cifrada com outra senha → NEGOCIO claro; PDF corrompido → erro técnico claro', async () => {
  portal.estado.modo = { senhaDaCifra: '999' };
  const senha = await robo.executarDownload(parametros(), contexto());
  expect(senha).toMatchObject({ sucesso: false, tipo_erro: 'NEGOCIO' });
  expect(senha.mensagem).toBe(
    'A fatura veio cifrada e os 3 primeiros dígitos do CNPJ não a abrem (a senha mudou?).'
  );
  portal.estado.modo = { faturaCorrompida: true };
  const corrompida = await robo.executarDownload(parametros(), contexto());
  expect(corrompida).toMatchObject({ sucesso: false, tipo_erro: 'DESCONHECIDO' });
  expect(corrompida.mensagem).toMatch(/^A fatura baixada está corrompida: /);
});

test('regras puras: senha pelo CNPJ, id pelo título, validade do JWT e a API configurável', () => {
  expect(senhaDaFatura('11.222.333/0001-81')).toBe('112');
  expect(() => senhaDaFatura(null)).toThrow('O cliente não tem CNPJ cadastrado');
  expect(idPeloTitulo('Digitalnet | INV-9 | Fatura')).toBe('INV-9');
  expect(idPeloTitulo('Digitalnet — Faturas')).toBeNull();
  const corpo = Buffer.from(JSON.stringify({ exp: 1000 })).toString('base64url');
  expect(validadeDoJwt(`eyJ.${corpo}.x`, 900)).toBe(100);
  expect(validadeDoJwt('nao-e-jwt')).toBeNull();
  expect(lerConfiguracaoRobos({}).digitalnetUrlApi).toBe('https://api.portal.cs30.7az.com.br');
  expect(lerConfiguracaoRobos({ DIGITALNET_URL_API: 'https://api.exemplo.com.br/' }).digitalnetUrlApi).toBe(
    'https://api.exemplo.com.br'
  );
});
