import fs from 'fs';
import os from 'os';
import path from 'path';
import { MENSAGEM_SEM_DOWNLOAD_VIVO, VivoRPA } from './vivo';
import { iniciarPortalVivo } from '../../../portais-simulados/vivo';
import { parametrosDeTeste } from '../../testes/parametros-teste';
import { processosCom } from '../../navegador/processos-chromium';
import type { ContextoExecucao } from '../base/rpa-base';
import { erroRetentavel, TipoErro } from '@orquestrador-rpa/contrato';

/** Robô da Vivo (só o que o legado tem, `vivo.py`) num Chromium real contra o portal simulado. */

type Portal = Awaited<ReturnType<typeof iniciarPortalVivo>>;
let portal: Portal;
const robo = new VivoRPA();
const pastas: string[] = [];
const CNPJ = '11222333000181';

const contexto = (): ContextoExecucao & { pasta: string } => {
  const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'teste-vivo-'));
  pastas.push(pasta);
  return { navegador: { pastaTrabalho: pasta, esperaPadraoMs: 5_000 }, pasta };
};

beforeAll(async () => {
  portal = await iniciarPortalVivo({
    email: 'gestor@empresa.teste',
    cpf: '52998224725',
    senha: 'Senha#Vivo1',
    clientes: [
      { id: 'CLI-OUTRO', cnpj: '11299988000100', nome: 'OUTRA EMPRESA COM O MESMO COMEÇO' },
      { id: 'CLI-CERTO', cnpj: CNPJ, nome: 'EMPRESA TESTE LTDA' },
    ],
  });
});
beforeEach(() => {
  portal.estado.selecoes = [];
});
afterAll(async () => {
  await portal.fechar();
  for (const pasta of pastas) fs.rmSync(pasta, { recursive: true, force: true });
});

const parametros = (extras: Record<string, unknown> = {}) =>
  parametrosDeTeste({
    operadora_codigo: 'VIV',
    operadora_nome: 'VIVO',
    url_portal: portal.urlLogin,
    usuario: ' gestor@empresa.teste ',
    cpf: '52998224725',
    senha: 'Senha#Vivo1',
    cnpj: CNPJ,
    ...extras,
  });

test('passo a passo do legado: login em 3 passos, cliente pelo CNPJ inteiro, serviço ADVANCED_FIXA e o fim de negócio claro', async () => {
  const ctx = contexto();
  const r = await robo.executarDownload(parametros(), ctx);
  expect(r).toMatchObject({ sucesso: false, tipo_erro: 'NEGOCIO', mensagem: MENSAGEM_SEM_DOWNLOAD_VIVO });
  // Não se re-tenta: só uma pessoa (upload manual) resolve.
  expect(erroRetentavel(TipoErro.NEGOCIO)).toBe(false);
  // O 1º resultado tem os mesmos 3 primeiros dígitos (o legado o escolheria); o robô escolhe o CNPJ inteiro.
  expect(portal.estado.selecoes).toEqual([
    { cliente: null, servico: null },
    { cliente: 'CLI-CERTO', servico: null },
    { cliente: 'CLI-CERTO', servico: 'ADVANCED_FIXA' },
  ]);
  const logs = r.logs_execucao.join('\n');
  expect(logs).toContain('Login feito no portal da Vivo.');
  expect(logs).toContain(`Cliente ${CNPJ} escolhido na busca.`);
  expect(logs).not.toContain('Senha#Vivo1');
  expect(processosCom(ctx.pasta)).toEqual([]);
});

test('acesso recusado → LOGIN; CNPJ fora do acesso → NEGOCIO sem escolher serviço', async () => {
  const recusado = await robo.executarDownload(parametros({ senha: 'Errada#1' }), contexto());
  expect(recusado).toMatchObject({
    sucesso: false,
    tipo_erro: 'LOGIN',
    mensagem: 'Falha no login: o portal da Vivo recusou o acesso.',
  });
  const fora = await robo.executarDownload(parametros({ cnpj: '11222999000100' }), contexto());
  expect(fora).toMatchObject({
    sucesso: false,
    tipo_erro: 'NEGOCIO',
    mensagem: 'O CNPJ 11222999000100 não aparece entre os clientes do acesso da Vivo.',
  });
  expect(portal.estado.selecoes.filter((s) => s.servico)).toEqual([]);
});

test('cadastro incompleto é dito antes de abrir o portal (sem CPF ou sem CNPJ)', async () => {
  const semCpf = await robo.executarDownload(parametros({ cpf: null }), contexto());
  expect(semCpf).toMatchObject({ tipo_erro: 'NEGOCIO' });
  expect(semCpf.mensagem).toContain('pede o CPF');
  const semCnpj = await robo.executarDownload(parametros({ cnpj: '123' }), contexto());
  expect(semCnpj.mensagem).toContain('CNPJ de 14 dígitos');
  expect(portal.estado.selecoes).toEqual([]);
});
