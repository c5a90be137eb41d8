import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi, PASTA_ARMAZENAMENTO } from './ajudantes/strapi';
import { criarPessoaNoPainel } from './ajudantes/autenticacao';
import { CAMPOS_FATURA, comCabecalho, enviarFatura, PAINEL, type Pessoa } from './ajudantes/painel';
import { gerarPdfFatura } from './ajudantes/pdf';
import { matar, matarTodos, subirFilho, type StrapiFilho } from './ajudantes/strapi-filhos';
import { criarProcesso } from './notificacoes/ajudantes';
import { coletarArquivosOrfaos } from '../src/arquivos/orfaos';
import { guardarArquivo } from '../src/arquivos/armazenamento';
import { apagarPartesAbandonadas } from '../src/seguranca/multipart';

/**
 * Quedas sem perda (versão curta do CI): `kill -9` do Strapi que atende o painel no meio de
 * aprovações e de uploads manuais. Depois, cada processo está inteiro — aprovado com uma só execução
 * de envio ao SAT, ou ainda aguardando; com a fatura e a execução do upload, ou ainda sem fatura —,
 * o que faltava se faz uma vez pelo servidor que sobe de novo, e nenhum arquivo fica órfão.
 */
type Registro = Record<string, any>;

const N = 10;
/**
 * O `kill -9` não deixa o servidor apagar as partes de multipart que recebia: os filhos usam uma
 * pasta temporária própria, apagada no fim (a pasta comum é conferida vazia em outros testes).
 */
const PASTA_TEMPORARIA_DOS_FILHOS = fs.mkdtempSync(path.join(os.tmpdir(), 'quedas-'));
const TEMPORARIOS_DOS_FILHOS = { TMPDIR: PASTA_TEMPORARIA_DOS_FILHOS };
let strapi: Core.Strapi;
let operador: Pessoa;
let aprovador: Pessoa;

beforeAll(async () => {
  strapi = await iniciarStrapi();
  operador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'OPERADOR'));
  aprovador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'APROVADOR'));
}, 180_000);
afterAll(async () => {
  await matarTodos();
  await encerrarStrapi();
  fs.rmSync(PASTA_TEMPORARIA_DOS_FILHOS, { recursive: true, force: true });
});

/** Dispara os pedidos ao filho todos juntos e lhe dá `kill -9` assim que o primeiro responde. */
const dispararEMatar = async (filho: StrapiFilho, pedidos: Array<() => Promise<Response>>) => {
  const respostas = pedidos.map((pedir) =>
    pedir().then(
      (r) => r.status,
      () => 'caiu' as const
    )
  );
  await Promise.race(respostas);
  await matar(filho);
  return Promise.all(respostas);
};

const noFilho = (filho: StrapiFilho, quem: Pessoa, caminho: string, corpo: FormData | Registro) =>
  fetch(`http://127.0.0.1:${filho.porta}${PAINEL}/${caminho}`, {
    method: 'POST',
    headers: {
      Authorization: quem.cabecalho,
      ...(corpo instanceof FormData ? {} : { 'Content-Type': 'application/json' }),
    },
    body: corpo instanceof FormData ? corpo : JSON.stringify(corpo),
  });

/** A aprovação confirma a fatura vista (sha256 do PDF). */
const aprovar = async (filho: StrapiFilho, documentId: string) =>
  noFilho(filho, aprovador, `${documentId}/aprovar`, {
    sha256_fatura: (await processo(documentId)).hash_fatura,
  });

const processo = async (documentId: string): Promise<Registro> =>
  (await strapi.db.query('api::processo.processo').findOne({
    where: { documentId },
    populate: { execucoes: { select: ['tipo_execucao', 'status_execucao', 'url_arquivo_s3'] } },
  })) as Registro;

const execucoesDoTipo = (p: Registro, tipo: string) =>
  (p.execucoes as Registro[]).filter((e) => e.tipo_execucao === tipo);

const auditorias = (documentId: string, acao: string) =>
  strapi.db.query('api::auditoria.auditoria').count({ where: { id_entidade: documentId, acao } });

/** Todos os arquivos no disco privado (caminhos relativos, como as chaves). */
const arquivosNoDisco = (pasta = PASTA_ARMAZENAMENTO): string[] =>
  fs.existsSync(pasta)
    ? fs
        .readdirSync(pasta, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory()
            ? arquivosNoDisco(path.join(pasta, e.name))
            : [path.relative(PASTA_ARMAZENAMENTO, path.join(pasta, e.name))]
        )
    : [];

const formularioDaFatura = async (): Promise<FormData> => {
  const corpo = new FormData();
  for (const [campo, valor] of Object.entries(CAMPOS_FATURA)) corpo.append(campo, valor);
  corpo.append('fatura', new Blob([await gerarPdfFatura()], { type: 'application/pdf' }), 'fatura.pdf');
  return corpo;
};

test('kill -9 no meio de aprovações: cada processo aprovado uma vez ou ainda aguardando; o resto se aprova uma vez depois', async () => {
  const processos: string[] = [];
  for (let i = 0; i < N; i += 1) {
    const documentId = await criarProcesso(strapi);
    await enviarFatura(operador, documentId, await gerarPdfFatura()).expect(201);
    processos.push(documentId);
  }
  const filho = await subirFilho(TEMPORARIOS_DOS_FILHOS);
  const situacoes = await dispararEMatar(
    filho,
    processos.map((id) => () => aprovar(filho, id))
  );
  expect(situacoes.filter((s) => s === 'caiu').length).toBeGreaterThan(0); // a queda pegou pedidos no meio

  const inteiro = async (documentId: string) => {
    const p = await processo(documentId);
    const envios = execucoesDoTipo(p, 'UPLOAD_SAT').length;
    const aprovacoes = await auditorias(documentId, 'processo.aprovar');
    return { status: p.status_processo as string, envios, aprovacoes };
  };
  const aprovados: string[] = [];
  for (const documentId of processos) {
    const estado = await inteiro(documentId);
    if (estado.status === 'AGUARDANDO_APROVACAO') expect(estado).toMatchObject({ envios: 0, aprovacoes: 0 });
    else {
      expect(estado).toEqual({ status: 'APROVADA', envios: 1, aprovacoes: 1 });
      aprovados.push(documentId);
    }
  }

  // Outro servidor sobe: aprova o que ficou; o que já estava aprovado é recusado e não duplica.
  const outro = await subirFilho(TEMPORARIOS_DOS_FILHOS);
  for (const documentId of processos) {
    const resposta = await aprovar(outro, documentId);
    expect(resposta.status).toBe(aprovados.includes(documentId) ? 409 : 200);
  }
  for (const documentId of processos)
    expect(await inteiro(documentId)).toEqual({ status: 'APROVADA', envios: 1, aprovacoes: 1 });
  await matar(outro);
}, 300_000);

test('kill -9 no meio de uploads manuais: fatura inteira ou nenhuma, nenhum arquivo órfão depois do coletor', async () => {
  const processos: string[] = [];
  for (let i = 0; i < N; i += 1) processos.push(await criarProcesso(strapi));
  const formularios = await Promise.all(processos.map(formularioDaFatura));
  const filho = await subirFilho(TEMPORARIOS_DOS_FILHOS);
  const situacoes = await dispararEMatar(
    filho,
    processos.map((id, i) => () => noFilho(filho, operador, `${id}/upload-manual`, formularios[i]))
  );
  expect(situacoes.filter((s) => s === 'caiu').length).toBeGreaterThan(0);

  for (const documentId of processos) {
    const p = await processo(documentId);
    const uploads = execucoesDoTipo(p, 'UPLOAD_MANUAL');
    if (p.status_processo === 'AGUARDANDO_DOWNLOAD') {
      expect([p.hash_fatura, p.caminho_s3_fatura, uploads.length]).toEqual([null, null, 0]);
    } else {
      expect(p.status_processo).toBe('AGUARDANDO_APROVACAO');
      expect(uploads.map((u) => u.url_arquivo_s3)).toEqual([p.caminho_s3_fatura]);
      expect(fs.existsSync(path.join(PASTA_ARMAZENAMENTO, p.caminho_s3_fatura))).toBe(true);
    }
  }

  // O que a queda deixou entre guardar o arquivo e a transação do processo, o coletor apaga.
  await coletarArquivosOrfaos(strapi, 0);
  const registros = (await strapi.db.query('api::arquivo.arquivo').findMany({})) as Registro[];
  const usados = new Set(
    (
      (await strapi.db
        .query('api::processo.processo')
        .findMany({ select: ['caminho_s3_fatura'] })) as Registro[]
    )
      .map((p) => p.caminho_s3_fatura)
      .filter(Boolean)
  );
  expect(registros.filter((r) => !usados.has(r.chave))).toEqual([]);
  expect(arquivosNoDisco().sort()).toEqual(registros.map((r) => r.chave).sort());
  // As partes de multipart que o servidor morto recebia também saem pelo coletor.
  const partesDosFilhos = path.join(PASTA_TEMPORARIA_DOS_FILHOS, 'orquestrador-multipart');
  apagarPartesAbandonadas(0, partesDosFilhos);
  expect(fs.existsSync(partesDosFilhos) ? fs.readdirSync(partesDosFilhos) : []).toEqual([]);

  // O servidor de novo no ar: os uploads que não entraram entram, uma vez cada.
  for (const documentId of processos) {
    const antes = await processo(documentId);
    if (antes.status_processo === 'AGUARDANDO_DOWNLOAD')
      await enviarFatura(operador, documentId, await gerarPdfFatura()).expect(201);
    const depois = await processo(documentId);
    expect(depois.status_processo).toBe('AGUARDANDO_APROVACAO');
    expect(execucoesDoTipo(depois, 'UPLOAD_MANUAL')).toHaveLength(1);
  }
}, 300_000);

test('o coletor só apaga o que nada usa e já passou da idade mínima', async () => {
  const guardar = async (tipo: 'FATURA' | 'CAPTURA', nome: string) => {
    const origem = path.join(PASTA_ARMAZENAMENTO, `origem-${nome}`);
    fs.writeFileSync(origem, 'conteúdo');
    const arquivo = await guardarArquivo(strapi, {
      origem,
      nome,
      tipo,
      mime: 'application/pdf',
      tamanho: 9,
      sha256: 'x',
    });
    fs.rmSync(origem);
    return arquivo;
  };
  const envelhecer = (id: number) =>
    strapi.db
      .query('api::arquivo.arquivo')
      .update({ where: { id }, data: { createdAt: new Date(Date.now() - 7_200_000) } });
  const orfao = await guardar('FATURA', 'orfa.pdf');
  const novo = await guardar('FATURA', 'recente.pdf');
  const documentId = await criarProcesso(strapi);
  const execucao = await strapi.db.query('api::execucao.execucao').create({
    data: {
      tipo_execucao: 'DOWNLOAD_FATURA',
      status_execucao: 'FALHOU',
      processo: (await processo(documentId)).id,
    },
  });
  const captura = await guardar('CAPTURA', `captura_${execucao.documentId}_1.png`);
  const capturaSolta = await guardar('CAPTURA', `captura_${execucao.documentId}_2.png`);
  await strapi.db
    .query('api::execucao.execucao')
    .update({ where: { id: execucao.id }, data: { detalhes_erro: { capturas: [captura.chave] } } });
  for (const a of [orfao, captura, capturaSolta]) await envelhecer(a.id);

  expect(await coletarArquivosOrfaos(strapi, 3_600_000)).toBe(2);
  const restantes = ((await strapi.db.query('api::arquivo.arquivo').findMany({})) as Registro[]).map(
    (r) => r.chave
  );
  expect(restantes).toEqual(expect.arrayContaining([novo.chave, captura.chave]));
  expect(restantes).not.toEqual(expect.arrayContaining([orfao.chave]));
  expect(restantes).not.toEqual(expect.arrayContaining([capturaSolta.chave]));
  expect(fs.existsSync(path.join(PASTA_ARMAZENAMENTO, orfao.chave))).toBe(false);
  expect(await auditorias(orfao.documentId, 'arquivo.orfao_removido')).toBe(1);
});

test('as partes de um envio interrompido saem só depois da idade mínima (as de um envio em curso ficam)', () => {
  const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'partes-'));
  try {
    for (const nome of ['velha', 'nova']) fs.writeFileSync(path.join(pasta, nome), 'parte');
    fs.mkdirSync(path.join(pasta, 'subpasta'));
    const duasHorasAtras = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(path.join(pasta, 'velha'), duasHorasAtras, duasHorasAtras);
    expect(apagarPartesAbandonadas(3_600_000, pasta)).toBe(1);
    expect(fs.readdirSync(pasta).sort()).toEqual(['nova', 'subpasta']);
    expect(apagarPartesAbandonadas(3_600_000, path.join(pasta, 'nao-existe'))).toBe(0);
  } finally {
    fs.rmSync(pasta, { recursive: true, force: true });
  }
});
