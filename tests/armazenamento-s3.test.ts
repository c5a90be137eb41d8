import fs from 'fs';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { encerrarStrapi, iniciarStrapi, PASTA_ARMAZENAMENTO } from './ajudantes/strapi';
import { criarPessoaNoPainel } from './ajudantes/autenticacao';
import { CNPJS_VALIDOS, criarOperadora, dadosCliente } from './ajudantes/dados';
import { gerarPdfFatura } from './ajudantes/pdf';
import { baixarFatura, comCabecalho, enviarFatura } from './ajudantes/painel';

// s3rver é JavaScript sem tipos: um servidor S3 compatível real, em disco, só para o teste.
const S3rver = require('s3rver');

/** Fatura guardada num S3 compatível (provider aws-s3 do Strapi, fora da Media Library), objeto privado, lida por URL assinada. */

const BALDE = 'faturas-teste';
let strapi: Core.Strapi;
let s3rver: { run: () => Promise<AddressInfo>; close: () => Promise<void> };
let pasta: string;
let s3: S3Client;

beforeAll(async () => {
  pasta = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
  s3rver = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: pasta,
    configureBuckets: [{ name: BALDE }],
  });
  const { port } = await s3rver.run();
  const endpoint = `http://127.0.0.1:${port}`;
  s3 = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  strapi = await iniciarStrapi({
    S3_BUCKET: BALDE,
    S3_ENDPOINT: endpoint,
    S3_CHAVE_ACESSO: 'S3RVER',
    S3_CHAVE_SECRETA: 'S3RVER',
    S3_REGIAO: 'us-east-1',
    S3_PATH_STYLE: 'true',
    S3_PASTA_RAIZ: 'orquestrador',
  });
});
afterAll(async () => {
  await encerrarStrapi();
  s3.destroy();
  await s3rver.close();
  fs.rmSync(pasta, { recursive: true, force: true });
});

test('upload manual grava no balde, não em disco, e GET /fatura devolve o mesmo PDF', async () => {
  const operador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'OPERADOR'));
  const operadora = await criarOperadora(strapi, { nome: 'OPERADORA S3', codigo: 'S3X' });
  const cliente = await strapi
    .documents('api::cliente.cliente')
    .create({ data: dadosCliente(operadora.documentId, { cnpj: CNPJS_VALIDOS[0] }) as never });
  const processo = await strapi
    .documents('api::processo.processo')
    .create({ data: { cliente: cliente.documentId, mes_ano: '2025-07' } as never });
  const pdf = await gerarPdfFatura();

  await enviarFatura(operador, processo.documentId, pdf).expect(201);

  const arquivo = await strapi.db
    .query('api::arquivo.arquivo')
    .findOne({ where: { nome: `${cliente.hash_unico}_10-03-2025.pdf` } });
  expect(arquivo).toMatchObject({ provedor: 's3', tipo: 'FATURA', mime: 'application/pdf' });
  expect(fs.existsSync(path.join(PASTA_ARMAZENAMENTO, 'faturas'))).toBe(false);
  expect(await strapi.db.query('plugin::upload.file').count({})).toBe(0);
  const { Contents = [] } = await s3.send(
    new ListObjectsV2Command({ Bucket: BALDE, Prefix: 'orquestrador/' })
  );
  expect(Contents).toHaveLength(1);
  expect(Contents[0]!.Key).toBe(`orquestrador/${arquivo.chave}`);
  const objeto = await s3.send(new GetObjectCommand({ Bucket: BALDE, Key: Contents[0]!.Key! }));
  expect(Buffer.compare(Buffer.from(await objeto.Body!.transformToByteArray()), pdf)).toBe(0);
  const salvo = await strapi.db
    .query('api::processo.processo')
    .findOne({ where: { documentId: processo.documentId } });
  expect(salvo.caminho_s3_fatura).toBe(arquivo.chave);

  const r = await baixarFatura(operador, processo.documentId).expect(200);
  expect(r.headers['content-type']).toBe('application/pdf');
  expect(Buffer.compare(r.body as Buffer, pdf)).toBe(0);
});
