import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi } from './ajudantes/strapi';
import { criarPessoaNoPainel } from './ajudantes/autenticacao';
import { CNPJS_VALIDOS, criarOperadora, dadosCliente } from './ajudantes/dados';
import { baixarBinario, comCabecalho, type Pessoa } from './ajudantes/painel';
import { textoDoPdf } from '../worker-rpa/src/testes/pdf-texto';
import { UID } from '@orquestrador-rpa/contrato';

/**
 * Conciliação do mês no painel: esperado × recebido × aprovado × enviado por operadora (contado
 * no banco) e, para cada cliente que não chegou ao SAT, o que falta e por quê; exportação em CSV.
 */
const MES = '2025-07';
const DIA = 24 * 3600 * 1000;
let strapi: Core.Strapi;
let aprovador: Pessoa;

type Cenario = { operadora: string; status: string | null; ativo?: boolean; erro?: Record<string, string> };
const CENARIOS: Record<string, Cenario> = {
  'EMB ENVIADO': { operadora: 'EMB', status: 'ENVIADO_SAT' },
  'EMB FALHOU LOGIN': {
    operadora: 'EMB',
    status: 'FALHA_DOWNLOAD',
    erro: { tipo_erro: 'LOGIN', mensagem: 'Senha recusada' },
  },
  'EMB APROVACAO': { operadora: 'EMB', status: 'AGUARDANDO_APROVACAO' },
  'EMB SEM PROCESSO': { operadora: 'EMB', status: null },
  'EMB INATIVO': { operadora: 'EMB', status: null, ativo: false },
  'MAN ESPERA UPLOAD': { operadora: 'MAN', status: 'AGUARDANDO_DOWNLOAD' },
  'MAN APROVADA': { operadora: 'MAN', status: 'APROVADA' },
  'AZU ESPERA EMAIL': { operadora: 'AZU', status: 'AGUARDANDO_DOWNLOAD' },
};

beforeAll(async () => {
  strapi = await iniciarStrapi();
  aprovador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'APROVADOR'));
  const operadoras: Record<string, string> = {
    EMB: (
      await criarOperadora(strapi, {
        nome: 'EMBRATEL',
        codigo: 'EMB',
        possui_rpa: true,
        url_portal: 'https://portal.exemplo.invalid/',
      })
    ).documentId,
    MAN: (await criarOperadora(strapi, { nome: 'MANUAL', codigo: 'MAN' })).documentId,
    AZU: (await criarOperadora(strapi, { nome: 'AZUTON', codigo: 'AZU', possui_rpa: true })).documentId,
  };
  let i = 0;
  for (const [nome, c] of Object.entries(CENARIOS)) {
    const cliente = await strapi.documents(UID.CLIENTE).create({
      data: dadosCliente(operadoras[c.operadora]!, {
        cnpj: CNPJS_VALIDOS[i % CNPJS_VALIDOS.length],
        servico: `Link ${i}`,
        nome_sat: nome,
        filtro: `f${i}`,
        status_ativo: c.ativo ?? true,
      }) as never,
    });
    i += 1;
    if (!c.status) continue;
    const processo = await strapi
      .documents(UID.PROCESSO)
      .create({ data: { cliente: cliente.documentId, mes_ano: MES } as never });
    // O relatório só lê: o estado é posto direto no banco para montar o cenário.
    const { id } = (await strapi.db.query(UID.PROCESSO).update({
      where: { documentId: processo.documentId },
      data: { status_processo: c.status, data_vencimento: '2025-07-20' },
    })) as { id: number };
    if (c.erro)
      await strapi.db.query(UID.EXECUCAO).create({
        data: {
          processo: id,
          tipo_execucao: 'DOWNLOAD_FATURA',
          status_execucao: 'FALHOU',
          detalhes_erro: c.erro,
        },
      });
  }
});
afterAll(encerrarStrapi);

test('por operadora: esperado (ativos) × recebido × aprovado × enviado, contados no banco', async () => {
  const r = await aprovador.get(`/orquestrador-rpa/conciliacao?mes_ano=${MES}`).expect(200);
  expect(r.body.data.operadoras).toEqual([
    { codigo: 'AZU', nome: 'AZUTON', esperado: 1, recebido: 0, aprovado: 0, enviado: 0 },
    { codigo: 'EMB', nome: 'EMBRATEL', esperado: 4, recebido: 2, aprovado: 1, enviado: 1 },
    { codigo: 'MAN', nome: 'MANUAL', esperado: 2, recebido: 1, aprovado: 1, enviado: 0 },
  ]);
  expect(r.body.data.totais).toEqual({ esperado: 7, recebido: 3, aprovado: 2, enviado: 1 });
});

test('cada cliente que não chegou ao SAT, com o motivo', async () => {
  const r = await aprovador.get(`/orquestrador-rpa/conciliacao?mes_ano=${MES}`).expect(200);
  const porCliente = Object.fromEntries(
    (r.body.data.pendentes as Array<Record<string, any>>).map((p) => [
      p.cliente.nome_sat,
      [p.pendencia, p.motivo],
    ])
  );
  expect(porCliente).toEqual({
    'AZU ESPERA EMAIL': ['AGUARDANDO_EMAIL', 'Aguardando o e-mail da fatura.'],
    'EMB APROVACAO': ['AGUARDANDO_APROVACAO', 'Aguardando aprovação há 0 dia(s).'],
    'EMB FALHOU LOGIN': ['FALHA_DOWNLOAD', 'Falha no download: falha de login no portal (Senha recusada).'],
    'EMB SEM PROCESSO': ['SEM_PROCESSO', `Sem processo em ${MES}: gere os processos do mês.`],
    'MAN APROVADA': ['AGUARDANDO_ENVIO_SAT', 'Aprovada: aguardando o envio ao SAT.'],
    'MAN ESPERA UPLOAD': ['AGUARDANDO_UPLOAD', 'Sem robô homologado: aguardando o upload manual.'],
  });
  const daqui3Dias = await strapi
    .plugin('orquestrador-rpa')
    .service('conciliacao')
    .doMes(MES, new Date(Date.now() + 3 * DIA + 60_000));
  expect(daqui3Dias.pendentes.find((p: any) => p.cliente.nome_sat === 'EMB APROVACAO').motivo).toBe(
    'Aguardando aprovação há 3 dia(s).'
  );
  expect(
    (await aprovador.get('/orquestrador-rpa/conciliacao?mes_ano=2025-13').expect(400)).body.error.message
  ).toBe('mes_ano "2025-13" inválido: use AAAA-MM.');
  await comCabecalho(strapi, 'invalido').get('/orquestrador-rpa/conciliacao').expect(401);
});

test('exporta em CSV para o Excel (totais e pendências)', async () => {
  const r = await baixarBinario(aprovador, `/orquestrador-rpa/conciliacao/exportar?mes_ano=${MES}`).expect(
    200
  );
  expect(r.headers['content-type']).toContain('text/csv');
  expect(r.headers['content-disposition']).toContain(`conciliacao-${MES}.csv`);
  const texto = (r.body as Buffer).toString('utf8');
  expect(texto.startsWith('\uFEFFoperadora;esperado;recebido;aprovado;enviado\r\n')).toBe(true);
  expect(texto).toContain('EMBRATEL;4;2;1;1\r\n');
  expect(texto).toContain('TOTAL;7;3;2;1\r\n');
  expect(texto).toContain('EMBRATEL;EMB FALHOU LOGIN;');
  expect(texto).toContain(
    ';FALHA_DOWNLOAD;FALHA_DOWNLOAD;Falha no download: falha de login no portal (Senha recusada).;2025-07-20\r\n'
  );
  expect(texto.trim().split('\r\n')).toHaveLength(1 + 3 + 1 + 1 + 1 + 6);
});

test('exporta em PDF (A4 deitado) com os totais e cada pendência', async () => {
  const r = await baixarBinario(
    aprovador,
    `/orquestrador-rpa/conciliacao/exportar?mes_ano=${MES}&formato=pdf`
  ).expect(200);
  expect(r.headers['content-type']).toContain('application/pdf');
  expect(r.headers['content-disposition']).toContain(`conciliacao-${MES}.pdf`);
  const arquivo = path.join(os.tmpdir(), `conciliacao-${process.pid}.pdf`);
  fs.writeFileSync(arquivo, r.body as Buffer);
  try {
    const texto = textoDoPdf(arquivo);
    expect(texto).toContain(`Conciliação de ${MES}`);
    expect(texto).toMatch(/EMBRATEL 4 2 1 1 3/);
    expect(texto).toMatch(/Total 7 3 2 1 6/);
    expect(texto).toContain('O que falta (6)');
    expect(texto).toContain('Falha no download: falha de login no portal (Senha recusada).');
    expect(texto).toContain('20/07/2025');
  } finally {
    fs.rmSync(arquivo, { force: true });
  }
  expect(
    (await aprovador.get(`/orquestrador-rpa/conciliacao/exportar?mes_ano=${MES}&formato=xls`).expect(400))
      .body.error.message
  ).toBe('formato "xls" inválido: use csv ou pdf.');
});

test('PDF com qualquer texto Unicode (emoji, CJK, acento composto): 200 e o texto legível', async () => {
  const operadora = await criarOperadora(strapi, { nome: 'TELECOM 東京 ÇÃO', codigo: 'UNI' });
  const cliente = await strapi.documents(UID.CLIENTE).create({
    data: dadosCliente(operadora.documentId, {
      razao_social: 'Cafe\u0301 & Ac\u0327a\u0303o 😀 Ltda',
      nome_sat: 'CAFE\u0301 😀 東京',
    }) as never,
  });
  const processo = await strapi
    .documents(UID.PROCESSO)
    .create({ data: { cliente: cliente.documentId, mes_ano: MES } as never });
  const { id } = (await strapi.db.query(UID.PROCESSO).update({
    where: { documentId: processo.documentId },
    data: { status_processo: 'FALHA_DOWNLOAD' },
  })) as { id: number };
  await strapi.db.query(UID.EXECUCAO).create({
    data: {
      processo: id,
      tipo_execucao: 'DOWNLOAD_FATURA',
      status_execucao: 'FALHOU',
      detalhes_erro: { tipo_erro: 'NEGOCIO', mensagem: 'Portal diz 🚫 請求書なし' },
    },
  });
  const r = await baixarBinario(
    aprovador,
    `/orquestrador-rpa/conciliacao/exportar?mes_ano=${MES}&formato=pdf`
  ).expect(200);
  const arquivo = path.join(os.tmpdir(), `conciliacao-unicode-${process.pid}.pdf`);
  fs.writeFileSync(arquivo, r.body as Buffer);
  try {
    const texto = textoDoPdf(arquivo);
    expect(texto).toContain('TELECOM ?? ÇÃO');
    expect(texto).toContain('CAFÉ ? ??');
    expect(texto).toContain('Falha no download: recusa de negócio (Portal diz ? ?????).');
  } finally {
    fs.rmSync(arquivo, { force: true });
  }
});
