import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi, PASTA_ARMAZENAMENTO } from '../ajudantes/strapi';
import { criarIntegrador, criarPessoaNoPainel } from '../ajudantes/autenticacao';
import { api, CNPJS_VALIDOS, criarOperadora, dadosCliente } from '../ajudantes/dados';
import { gerarPdfFatura } from '../ajudantes/pdf';
import { cifrarPdf } from '../../worker-rpa/portais-simulados/pdf-cifrado';
import { baixarFatura, comCabecalho, enviarFatura, PAINEL, type Pessoa } from '../ajudantes/painel';
import { PASTA_MULTIPART } from '../../src/seguranca/multipart';

/**
 * Faturas e capturas são privadas de verdade: fora de public/, nenhuma variante de caminho as
 * alcança, só as rotas autenticadas que conferem a permissão; e o multipart nunca deixa partes
 * temporárias no disco, autenticado ou não, com sucesso ou erro.
 */
type Registro = Record<string, any>;

let strapi: Core.Strapi;
let operador: Pessoa;
let processo: Registro;

const partesNoDisco = (): string[] => (fs.existsSync(PASTA_MULTIPART) ? fs.readdirSync(PASTA_MULTIPART) : []);
const esperarDisco = () => new Promise((r) => setTimeout(r, 800));

beforeAll(async () => {
  strapi = await iniciarStrapi({ FATURA_TAMANHO_MAXIMO_MB: '1', IMPORTACAO_TAMANHO_MAXIMO_MB: '1' });
  operador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'OPERADOR'));
  const operadora = await criarOperadora(strapi, { nome: 'OPERADORA ARQUIVOS', codigo: 'ARQ' });
  const cliente = await strapi
    .documents('api::cliente.cliente')
    .create({ data: dadosCliente(operadora.documentId, { cnpj: CNPJS_VALIDOS[0] }) as never });
  processo = await strapi
    .documents('api::processo.processo')
    .create({ data: { cliente: cliente.documentId, mes_ano: '2025-08' } as never });
  await enviarFatura(operador, processo.documentId, await gerarPdfFatura()).expect(201);
});
afterAll(encerrarStrapi);

describe('nenhum caminho público alcança uma fatura', () => {
  test('o arquivo está fora de public/ e nenhuma variante de caminho, caixa ou codificação o entrega', async () => {
    const arquivo = await strapi.db.query('api::arquivo.arquivo').findOne({ where: { tipo: 'FATURA' } });
    expect(fs.existsSync(path.join(PASTA_ARMAZENAMENTO, arquivo.chave))).toBe(true);
    expect(path.relative(strapi.dirs.static.public, PASTA_ARMAZENAMENTO).startsWith('..')).toBe(true);
    const nome = path.basename(arquivo.chave);
    const [primeira, ...resto] = nome;
    const variantes = [
      `/uploads/${nome}`,
      `/uploads/%${primeira!.charCodeAt(0).toString(16)}${resto.join('')}`,
      `/uploads//${nome}`,
      `/uploads/./${nome}`,
      `/uploads/x/../${nome}`,
      `/UPLOADS/${nome}`,
      `/uploads/${nome.toUpperCase()}`,
      `/${arquivo.chave}`,
      `/uploads/${arquivo.chave}`,
      `/armazenamento-privado/${arquivo.chave}`,
      `/uploads/..%2f..%2f${arquivo.chave}`,
      `/uploads/%2e%2e/%2e%2e/armazenamento-privado/${arquivo.chave}`,
    ];
    for (const caminho of variantes) {
      const r = await operador.bruto().get(caminho);
      expect([caminho, r.status]).toEqual([caminho, expect.any(Number)]);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.headers['content-type'] ?? '').not.toContain('application/pdf');
    }
  });

  test('a rota da fatura exige login e a permissão; responde com no-store e nosniff', async () => {
    await operador.bruto().get(`${PAINEL}/${processo.documentId}/fatura`).expect(401);
    await operador.bruto().get(`/api/processos/${processo.documentId}/fatura`).expect(403);
    // Um usuário da API sem papel do orquestrador (papel "authenticated") não baixa faturas.
    const semPapel = await strapi
      .plugin('users-permissions')
      .service('user')
      .add({
        username: 'sem-papel@teste.invalid',
        email: 'sem-papel@teste.invalid',
        password: 'SenhaForte123!',
        provider: 'local',
        confirmed: true,
        blocked: false,
        role: (
          (await strapi.db
            .query('plugin::users-permissions.role')
            .findOne({ where: { type: 'authenticated' } })) as Registro
        ).id,
      });
    expect(semPapel.id).toBeDefined();
    const jwt = (
      await api(strapi, '')
        .bruto()
        .post('/api/auth/local')
        .send({ identifier: 'sem-papel@teste.invalid', password: 'SenhaForte123!' })
        .expect(200)
    ).body.jwt;
    await api(strapi, jwt).get(`/api/processos/${processo.documentId}/fatura`).expect(403);
    const r = await baixarFatura(operador, processo.documentId).expect(200);
    expect(r.headers).toMatchObject({
      'content-type': 'application/pdf',
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
  });

  test('nenhuma resposta da API traz URL de arquivo: só a chave do armazenamento privado', async () => {
    const integrador = api(strapi, await criarIntegrador(strapi, 'APROVADOR'));
    const r = await integrador.get(`/api/processos/${processo.documentId}`).expect(200);
    expect(JSON.stringify(r.body)).not.toMatch(/\/uploads\/|https?:\/\//);
    expect(r.body.data).not.toHaveProperty('id_arquivo_fatura');
    expect(r.body.data).not.toHaveProperty('solicitante_fatura');
    await integrador.get('/api/arquivos').expect(404);
    const graphql = await integrador.graphql('{ arquivos { chave } }');
    expect(graphql.body.errors?.[0]?.message).toMatch(/Cannot query field "arquivos"/);
  });

  test('nada de cópias redimensionadas: o armazenamento tem só o arquivo enviado e a Media Library fica vazia', async () => {
    const noDisco = (fs.readdirSync(PASTA_ARMAZENAMENTO, { recursive: true }) as string[]).filter((n) =>
      /\.(pdf|png|jpe?g|webp)$/.test(n)
    );
    expect(noDisco).toHaveLength(await strapi.db.query('api::arquivo.arquivo').count({}));
    expect(await strapi.db.query('plugin::upload.file').count({})).toBe(0);
  });
});

describe('multipart: nenhuma parte temporária fica no disco', () => {
  const multipartAnonimo = (url: string) =>
    api(strapi, '')
      .bruto()
      .post(url)
      .field('observacoes', 'x')
      .attach('fatura', Buffer.from('%PDF-1.7 parte'), 'fatura.pdf')
      .attach('planilha', Buffer.from('a;b\n1;2'), 'clientes.csv');

  test.each([
    '/api/clientes',
    '/api/processos/qualquer/upload-manual',
    '/api/clientes/importar',
    '/admin/users',
    '/orquestrador-rpa/processos/x/upload-manual',
    '/api/nao-existe',
  ])('multipart anônimo para %s: recusado e sem sobras', async (url) => {
    const r = await multipartAnonimo(url);
    expect(r.status).toBeGreaterThanOrEqual(400);
    await esperarDisco();
    expect(partesNoDisco()).toEqual([]);
  });

  test('partes grandes (vários pedaços no socket) de uma requisição anônima também somem', async () => {
    const grande = (n: number) => Buffer.alloc(400 * 1024, n);
    const r = await api(strapi, '')
      .bruto()
      .post('/api/clientes')
      .attach('a', grande(1), 'a.pdf')
      .attach('b', grande(2), 'b.pdf')
      .field('x', 'y');
    expect(r.status).toBeGreaterThanOrEqual(400);
    await esperarDisco();
    expect(partesNoDisco()).toEqual([]);
  });

  test('arquivo acima do limite: 413 em português antes de gravar tudo, e sem sobras (nem parciais)', async () => {
    const r = await enviarFatura(operador, processo.documentId, Buffer.alloc(3 * 1024 * 1024, 37)).expect(
      413
    );
    expect(r.body.error.message).toBe('Arquivos grandes demais: o limite é 1 MB por envio.');
    await esperarDisco();
    expect(partesNoDisco()).toEqual([]);
  });

  test('arquivos demais numa requisição: 413 em português, sem sobras', async () => {
    let pedido = operador
      .bruto()
      .post(`${PAINEL}/${processo.documentId}/upload-manual`)
      .set('Authorization', operador.cabecalho);
    for (let i = 0; i < 12; i += 1)
      pedido = pedido.attach(`anexo${i}`, Buffer.from(`parte ${i}`), `a${i}.pdf`);
    const r = await pedido.expect(413);
    expect(r.body.error.message).toBe('Arquivos demais: no máximo 10 por envio.');
    await esperarDisco();
    expect(partesNoDisco()).toEqual([]);
  });

  test('upload autenticado que dá certo e que dá errado: as partes somem do mesmo jeito', async () => {
    const outro = await strapi.documents('api::processo.processo').create({
      data: {
        cliente: (await strapi.db.query('api::cliente.cliente').findOne({})).documentId,
        mes_ano: '2025-09',
      } as never,
    });
    await enviarFatura(operador, outro.documentId, Buffer.from('não é pdf')).expect(400);
    await enviarFatura(operador, outro.documentId, await gerarPdfFatura()).expect(201);
    await esperarDisco();
    expect(partesNoDisco()).toEqual([]);
  });

  test('PDF cifrado (com senha de abertura) é recusado com motivo claro', async () => {
    const outro = await strapi.documents('api::processo.processo').create({
      data: {
        cliente: (await strapi.db.query('api::cliente.cliente').findOne({})).documentId,
        mes_ano: '2025-10',
      } as never,
    });
    const cifrado = cifrarPdf(await gerarPdfFatura(), '123');
    const r = await enviarFatura(operador, outro.documentId, cifrado).expect(400);
    expect(r.body.error.message).toBe(
      'O arquivo enviado não é um PDF válido: o PDF está protegido por senha (cifrado); envie a fatura sem senha.'
    );
    expect(
      (await strapi.db.query('api::processo.processo').findOne({ where: { documentId: outro.documentId } }))
        .status_processo
    ).toBe('AGUARDANDO_DOWNLOAD');
  });
});
