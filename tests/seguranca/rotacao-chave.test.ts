import { createCipheriv, randomBytes } from 'crypto';
import { spawnSync } from 'child_process';
import path from 'path';
import type { Core } from '@strapi/strapi';
import {
  CHAVE_TESTE,
  encerrarStrapi,
  iniciarStrapi,
  pararStrapi,
  variaveisDoBanco,
} from '../ajudantes/strapi';
import { CNPJS_VALIDOS, criarOperadora, dadosCliente } from '../ajudantes/dados';
import { idDaChave } from '../../src/regras/cifra';

/**
 * Rotação da CHAVE_CRIPTOGRAFIA: com a nova chave e a antiga em CHAVES_CRIPTOGRAFIA_ANTERIORES o
 * servidor sobe e lê tudo; `rotacionarChave` recifra em lotes (inclusive o formato antigo `v1`);
 * depois a antiga pode sair, e subir só com ela é recusado.
 */
type Registro = Record<string, any>;

let strapi: Core.Strapi;
const NOVA = randomBytes(32).toString('base64');
const dist = (...partes: string[]) => require(path.join(__dirname, '..', '..', 'dist', 'src', ...partes));
const senhas: Record<string, string> = {};

/** Valor no formato antigo (`v1:`, sem dono), como gravava a versão anterior do produto. */
const cifrarV1 = (texto: string, chaveBase64: string): string => {
  const iv = randomBytes(12);
  const cifrador = createCipheriv('aes-256-gcm', Buffer.from(chaveBase64, 'base64'), iv);
  const corpo = Buffer.concat([cifrador.update(texto, 'utf8'), cifrador.final()]);
  return `v1:${Buffer.concat([iv, cifrador.getAuthTag(), corpo]).toString('base64')}`;
};

const subirEmOutroProcesso = (chaves: Record<string, string>) => {
  const codigo =
    "require('@strapi/strapi').createStrapi({ appDir: process.cwd(), distDir: require('path').join(process.cwd(), 'dist') }).load().then(async (s) => { await s.destroy(); process.exit(0); }, (e) => { console.error(e.message); process.exit(3); })";
  return spawnSync(process.execPath, ['-e', codigo], {
    cwd: path.join(__dirname, '..', '..'),
    env: { ...process.env, ...variaveisDoBanco(), ...chaves },
    encoding: 'utf8',
    timeout: 120_000,
  });
};

beforeAll(async () => {
  strapi = await iniciarStrapi();
  const operadora = await criarOperadora(strapi, { nome: 'OPERADORA ROTACAO', codigo: 'ROT' });
  for (const [i, cnpj] of CNPJS_VALIDOS.slice(0, 3).entries()) {
    const cliente = await strapi.documents('api::cliente.cliente').create({
      data: dadosCliente(operadora.documentId, {
        cnpj,
        nome_sat: `ROTACAO ${i}`,
        senha_portal: `Senha#${i}`,
      }) as never,
    });
    senhas[cliente.documentId] = `Senha#${i}`;
  }
  const antigo = await strapi.documents('api::cliente.cliente').create({
    data: dadosCliente(operadora.documentId, {
      cnpj: CNPJS_VALIDOS[3],
      nome_sat: 'ROTACAO LEGADO',
      senha_portal: null,
    }) as never,
  });
  await strapi.db.query('api::cliente.cliente').update({
    where: { documentId: antigo.documentId },
    data: { senha_portal: cifrarV1('Senha#antiga', CHAVE_TESTE) },
  });
  senhas[antigo.documentId] = 'Senha#antiga';
});
afterAll(encerrarStrapi);

test('com a chave nova e a antiga como anterior, o servidor sobe e o robô lê as senhas antigas', async () => {
  await pararStrapi();
  strapi = await iniciarStrapi({ CHAVE_CRIPTOGRAFIA: NOVA, CHAVES_CRIPTOGRAFIA_ANTERIORES: CHAVE_TESTE });
  for (const [documentId, senha] of Object.entries(senhas)) {
    const linha = await strapi.db.query('api::cliente.cliente').findOne({ where: { documentId } });
    expect(dist('regras', 'cofre.js').decifrarSenha(linha.senha_portal, documentId)).toBe(senha);
  }
});

test('a rotação recifra tudo com a chave nova, em lotes, e é idempotente', async () => {
  const primeira = await dist('regras', 'rotacao-chave.js').rotacionarChave(strapi, 2);
  expect(primeira).toEqual({ recifradas: 4, verificadas: 4, chave: idDaChave(Buffer.from(NOVA, 'base64')) });
  const linhas = (await strapi.db
    .query('api::cliente.cliente')
    .findMany({ where: { senha_portal: { $notNull: true } } })) as Registro[];
  for (const linha of linhas) {
    expect(linha.senha_portal.startsWith(`v2:${idDaChave(Buffer.from(NOVA, 'base64'))}:`)).toBe(true);
    expect(dist('regras', 'cofre.js').decifrarSenha(linha.senha_portal, linha.documentId)).toBe(
      senhas[linha.documentId]
    );
  }
  expect((await dist('regras', 'rotacao-chave.js').rotacionarChave(strapi)).recifradas).toBe(0);
  expect(
    await strapi.db.query('api::auditoria.auditoria').count({ where: { acao: 'cifra.rotacionada' } })
  ).toBe(2);
});

test('depois da rotação a chave antiga pode sair; subir só com ela é recusado com mensagem clara', async () => {
  await pararStrapi();
  const aceita = subirEmOutroProcesso({ CHAVE_CRIPTOGRAFIA: NOVA, CHAVES_CRIPTOGRAFIA_ANTERIORES: '' });
  expect([aceita.status, aceita.stderr]).toEqual([0, '']);
  const recusada = subirEmOutroProcesso({
    CHAVE_CRIPTOGRAFIA: CHAVE_TESTE,
    CHAVES_CRIPTOGRAFIA_ANTERIORES: '',
  });
  expect(recusada.status).toBe(3);
  expect(recusada.stderr).toContain('CHAVE_CRIPTOGRAFIA diferente da que cifrou as senhas deste banco');
  strapi = await iniciarStrapi({ CHAVE_CRIPTOGRAFIA: NOVA, CHAVES_CRIPTOGRAFIA_ANTERIORES: '' });
});
