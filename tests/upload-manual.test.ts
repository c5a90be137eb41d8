import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi, PASTA_ARMAZENAMENTO } from './ajudantes/strapi';
import { criarPessoaNoPainel } from './ajudantes/autenticacao';
import { CNPJS_VALIDOS, criarOperadora, dadosCliente } from './ajudantes/dados';
import { gerarPdfFatura } from './ajudantes/pdf';
import { baixarFatura, comCabecalho, enviarFatura, PAINEL, type Pessoa } from './ajudantes/painel';

/** Cada arquivo ruim do upload manual, a regra da contingência e a entrega da fatura. */

type Registro = Record<string, any>;

let strapi: Core.Strapi;
let operador: Pessoa;
let administrador: Pessoa;
let aprovador: Pessoa;
const processos: Record<string, string> = {};

/** Arquivos no disco privado (fora de public/): cada fatura numa pasta própria. */
const arquivosFatura = (): string[] => {
  const base = path.join(PASTA_ARMAZENAMENTO, 'faturas');
  return fs.existsSync(base)
    ? (fs.readdirSync(base, { recursive: true }) as string[]).filter((n) => n.endsWith('.pdf'))
    : [];
};
const processo = (chave: string): Promise<Registro> =>
  strapi.db.query('api::processo.processo').findOne({ where: { documentId: processos[chave] } });
const contar = (uid: string, where: Registro = {}): Promise<number> =>
  strapi.db.query(uid as never).count({ where });

/** Retrato do que um upload recusado não pode ter mudado. */
const retrato = async (chave: string) => ({
  processo: await processo(chave),
  execucoes: await contar('api::execucao.execucao'),
  arquivos: await contar('api::arquivo.arquivo'),
  auditorias: await contar('api::auditoria.auditoria', { id_entidade: processos[chave] }),
  noDisco: arquivosFatura().length,
});

const criarProcesso = async (chave: string, operadora: string, cnpj: string, extras: Registro = {}) => {
  const cliente = await strapi.documents('api::cliente.cliente').create({
    data: dadosCliente(operadora, {
      cnpj,
      nome_sat: `CLIENTE ${chave.toUpperCase()}`,
      filtro: `filtro-${chave}`,
      ...extras,
    }) as never,
  });
  const criado = await strapi
    .documents('api::processo.processo')
    .create({ data: { cliente: cliente.documentId, mes_ano: '2025-04' } as never });
  processos[chave] = criado.documentId;
};

beforeAll(async () => {
  strapi = await iniciarStrapi({ FATURA_TAMANHO_MAXIMO_MB: '2' });
  operador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'OPERADOR'));
  administrador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'ADMINISTRADOR'));
  aprovador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'APROVADOR'));
  const semRobo = await criarOperadora(strapi, {
    nome: 'OPERADORA MANUAL',
    codigo: 'MAN',
    possui_rpa: false,
  });
  const comRobo = await criarOperadora(strapi, {
    nome: 'OPERADORA COM ROBO',
    codigo: 'OI',
    possui_rpa: true,
  });
  await criarProcesso('manual', semRobo.documentId, CNPJS_VALIDOS[0]!);
  await criarProcesso('outro', semRobo.documentId, CNPJS_VALIDOS[1]!);
  await criarProcesso('incompleto', semRobo.documentId, CNPJS_VALIDOS[2]!);
  // Cadastro antigo, anterior às regras atuais: sem nome nem dados do SAT.
  await strapi.db
    .connection('clientes')
    .where({ cnpj: CNPJS_VALIDOS[2] })
    .update({ nome_sat: '   ', dados_sat: null });
  await criarProcesso('robo', comRobo.documentId, CNPJS_VALIDOS[3]!);
});
afterAll(encerrarStrapi);

describe('arquivos ruins: erro claro e nada gravado', () => {
  const pdfBom = gerarPdfFatura();
  const casos: Array<[string, number, string, () => Promise<Buffer>]> = [
    [
      'executável renomeado para .pdf',
      400,
      'não começa com a assinatura %PDF-',
      async () => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(4096, 1)]),
    ],
    [
      'PDF truncado no meio',
      400,
      'o arquivo está incompleto',
      async () => (await pdfBom).subarray(0, Math.floor((await pdfBom).length / 2)),
    ],
    ['arquivo vazio', 400, 'o arquivo está vazio', async () => Buffer.alloc(0)],
    [
      'assinatura e %%EOF, mas corpo ilegível',
      400,
      'o leitor de PDF não conseguiu abri-lo',
      async () => Buffer.from('%PDF-1.7\nisto não é um pdf\n%%EOF\n', 'latin1'),
    ],
    [
      'maior que o limite (2 MB neste teste)',
      413,
      'o limite é 2 MB',
      async () =>
        Buffer.concat([
          Buffer.from('%PDF-1.7\n'),
          Buffer.alloc(2 * 1024 * 1024 + 10, 32),
          Buffer.from('\n%%EOF\n'),
        ]),
    ],
  ];

  test.each(casos)('%s → %i', async (_nome, status, trecho, gerar) => {
    const antes = await retrato('manual');
    const r = await enviarFatura(operador, processos.manual!, await gerar(), undefined, 'fatura.pdf').expect(
      status
    );
    expect(r.body.error.message).toContain(trecho);
    expect(await retrato('manual')).toEqual(antes);
  });

  test('sem o campo "fatura" → 400 pedindo o PDF', async () => {
    const antes = await retrato('manual');
    const r = await enviarFatura(operador, processos.manual!, null).expect(400);
    expect(r.body.error.message).toBe('Envie o PDF da fatura no campo "fatura" (multipart/form-data).');
    expect(await retrato('manual')).toEqual(antes);
  });

  test('valor e vencimento inválidos → 400 com os dois campos, nada gravado', async () => {
    const antes = await retrato('manual');
    const r = await enviarFatura(operador, processos.manual!, await gerarPdfFatura(), {
      valor_fatura: 'mil reais',
      data_vencimento: '31/02/2025',
    }).expect(400);
    const campos = r.body.error.details.errors.map((e: Registro) => e.path[0]);
    expect(campos).toEqual(['valor_fatura', 'data_vencimento']);
    expect(r.body.error.message).toMatch(/Valor da fatura inválido: "mil reais"/);
    expect(await retrato('manual')).toEqual(antes);
  });

  test('cliente sem dados do SAT → 422 listando os campos que faltam', async () => {
    const antes = await retrato('incompleto');
    const r = await enviarFatura(operador, processos.incompleto!, await gerarPdfFatura()).expect(422);
    expect(r.body.error.message).toBe(
      'O cliente não tem todos os dados exigidos pelo envio ao SAT. Complete o cadastro: nome no SAT, dados do SAT (telefone/serviço).'
    );
    expect(r.body.error.details).toEqual({ campos_faltando: ['nome_sat', 'dados_sat'] });
    expect(await retrato('incompleto')).toEqual(antes);
  });
});

describe('o mesmo PDF em dois processos', () => {
  test('o segundo recebe 409 apontando o primeiro', async () => {
    const pdf = await gerarPdfFatura();
    await enviarFatura(operador, processos.manual!, pdf).expect(201);
    const antes = await retrato('outro');
    const r = await enviarFatura(operador, processos.outro!, pdf).expect(409);
    expect(r.body.error.message).toBe(
      `Este PDF já foi usado no processo ${processos.manual} (2025-04, AGUARDANDO_APROVACAO).`
    );
    expect(r.body.error.details.processo_existente).toMatchObject({ documentId: processos.manual });
    expect(await retrato('outro')).toEqual(antes);
  });

  test('processo já em análise não recebe outro upload (409)', async () => {
    const r = await enviarFatura(operador, processos.manual!, await gerarPdfFatura()).expect(409);
    expect(r.body.error.message).toContain(
      'Upload manual não permitido: o processo está em AGUARDANDO_APROVACAO'
    );
  });
});

describe('operadora com robô homologado: só contingência', () => {
  test('Operador é recusado mesmo depois de falha; Administrador é recusado antes da falha', async () => {
    const msg = 'upload manual só como contingência, por um administrador, depois de uma falha de download';
    expect(
      (await enviarFatura(operador, processos.robo!, await gerarPdfFatura()).expect(403)).body.error.message
    ).toContain(msg);
    expect(
      (await enviarFatura(administrador, processos.robo!, await gerarPdfFatura()).expect(403)).body.error
        .message
    ).toContain(msg);
    await strapi.db
      .connection('processos')
      .where({ document_id: processos.robo })
      .update({ status_processo: 'FALHA_DOWNLOAD' });
    await enviarFatura(operador, processos.robo!, await gerarPdfFatura()).expect(403);
  });

  test('Administrador depois de FALHA_DOWNLOAD: aceito e registrado como contingência', async () => {
    const r = await enviarFatura(administrador, processos.robo!, await gerarPdfFatura()).expect(201);
    expect(r.body.data).toMatchObject({ status_processo: 'AGUARDANDO_APROVACAO', contingencia: true });
    const [auditoria] = await strapi.db
      .query('api::auditoria.auditoria')
      .findMany({ where: { id_entidade: processos.robo, acao: 'processo.registrar_upload_manual' } });
    expect(auditoria).toMatchObject({
      antes: { status_processo: 'FALHA_DOWNLOAD' },
      depois: { contingencia: true },
    });
    const execucao = await strapi.db
      .query('api::execucao.execucao')
      .findOne({ where: { processo: { documentId: processos.robo } } });
    expect(execucao.mensagem_log).toContain('contingência depois de falha do robô');
  });
});

describe('entrega da fatura', () => {
  test('GET /fatura devolve o PDF idêntico, inline e sem cache', async () => {
    const pdf = await gerarPdfFatura();
    await strapi.db
      .connection('processos')
      .where({ document_id: processos.outro })
      .update({ status_processo: 'AGUARDANDO_DOWNLOAD' });
    await enviarFatura(operador, processos.outro!, pdf).expect(201);
    const r = await baixarFatura(aprovador, processos.outro!).expect(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const cliente = (
      await strapi.db
        .query('api::processo.processo')
        .findOne({ where: { documentId: processos.outro }, populate: ['cliente'] })
    ).cliente;
    // O nome do legado: `{hash do cadastro}_{DD-MM-AAAA}.pdf`.
    expect(r.headers['content-disposition']).toBe(`inline; filename="${cliente.hash_unico}_10-03-2025.pdf"`);
    expect(r.headers['cache-control']).toBe('private, no-store');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(r.body as Buffer, pdf)).toBe(0);
  });

  test('o arquivo fica no disco privado, fora de public/, e nenhum caminho público o alcança', async () => {
    const [relativo] = arquivosFatura();
    expect(relativo).toBeDefined();
    expect(path.relative(path.join(__dirname, '..', 'public'), PASTA_ARMAZENAMENTO).startsWith('..')).toBe(
      true
    );
    const nome = path.basename(relativo!);
    for (const caminho of [
      `/uploads/${nome}`,
      `/uploads/${encodeURIComponent(nome)}`,
      `/faturas/${relativo}`,
      `/${relativo}`,
    ]) {
      await operador.bruto().get(caminho).expect(404);
    }
    expect(await contar('plugin::upload.file')).toBe(0);
  });

  test('processo sem fatura → 404; sem autenticação → 401', async () => {
    const r = await aprovador.get(`${PAINEL}/${processos.incompleto}/fatura`).expect(404);
    expect(r.body.error.message).toBe('Este processo ainda não tem fatura.');
    await operador.bruto().get(`${PAINEL}/${processos.outro}/fatura`).expect(401);
  });
});
