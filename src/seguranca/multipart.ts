import fs from 'fs';
import os from 'os';
import path from 'path';
import createHttpError from 'http-errors';
import type { Core } from '@strapi/strapi';
import { configuracao, type ConfiguracaoOrquestrador } from '../configuracao';

/**
 * Partes de multipart gravadas em disco. O parser do Strapi (koa-body/formidable) grava todas as
 * partes antes da autenticação e só apaga a parte `files` — e nem ela quando a requisição falha.
 * Aqui cada requisição guarda os caminhos que o formidable criou (`onFileBegin`) e todos são
 * apagados ao fim dela, com sucesso ou erro, autenticada ou não. O formulário do formidable guarda
 * o próprio objeto de cabeçalhos da requisição (`this.headers`): é por ele que a parte acha a sua
 * requisição — um contexto assíncrono se perderia nos eventos de dados do socket.
 */
const partesPorRequisicao = new WeakMap<object, string[]>();

/** Arquivos por requisição (o formidable 2 do Strapi não tem limite de quantidade). */
export const MAXIMO_DE_ARQUIVOS = 10;

/** Pasta própria das partes temporárias (fora de `public/`, só do processo). */
export const PASTA_MULTIPART = path.join(os.tmpdir(), 'orquestrador-multipart');

interface FormularioFormidable {
  headers?: object;
  _error?: (erro: Error) => void;
}

/**
 * `onFileBegin` do formidable (chamado com `this` = o formulário): registra o caminho da parte na
 * requisição em curso e, passado o máximo de arquivos, encerra o parse com erro 413 antes de gravar
 * mais (`_error` é o mesmo caminho que o próprio formidable usa para `maxFileSize`).
 */
export function registrarParte(
  this: FormularioFormidable | void,
  _campo: string,
  arquivo: { filepath: string }
): void {
  const partes = this?.headers ? partesPorRequisicao.get(this.headers) : undefined;
  if (!partes) return;
  partes.push(arquivo.filepath);
  if (partes.length > MAXIMO_DE_ARQUIVOS)
    this?._error?.(
      Object.assign(new Error(`options.maxFiles (${MAXIMO_DE_ARQUIVOS}) exceeded`), { httpCode: 413 })
    );
}

/**
 * Partes que um servidor derrubado no meio de um envio (`kill -9`, falta de energia) deixou na pasta:
 * ninguém mais as apaga. Saem as paradas há mais de `idadeMinimaMs` (o mtime anda enquanto a parte
 * é escrita, e nenhum envio dura tanto), o que protege os envios em curso de outro servidor da máquina.
 */
export const apagarPartesAbandonadas = (idadeMinimaMs: number, pasta = PASTA_MULTIPART): number => {
  const limite = Date.now() - idadeMinimaMs;
  let apagadas = 0;
  for (const nome of fs.existsSync(pasta) ? fs.readdirSync(pasta) : []) {
    const caminho = path.join(pasta, nome);
    const info = fs.statSync(caminho, { throwIfNoEntry: false }); // outro servidor pode tê-la apagado
    if (!info?.isFile() || info.mtimeMs > limite) continue;
    fs.rmSync(caminho, { force: true });
    apagadas += 1;
  }
  return apagadas;
};

const apagar = (caminhos: readonly string[]) => {
  for (const caminho of caminhos) fs.rmSync(caminho, { force: true });
};

/**
 * Limites do multipart, verificados pelo parser antes de gravar além deles. No formidable 2,
 * `maxFileSize` vale para a soma dos arquivos da requisição.
 */
export const limitesMultipart = (
  limites: Pick<ConfiguracaoOrquestrador['limites'], 'faturaMb' | 'importacaoMb'>
) => {
  const maiorArquivo = Math.round(Math.max(limites.faturaMb, limites.importacaoMb) * 1024 * 1024);
  return { maxFileSize: maiorArquivo, maxFields: 50, maxFieldsSize: 2 * 1024 * 1024 };
};

const TRADUCOES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [
    /maxFileSize \((\d+) bytes\)/,
    (m) => `Arquivos grandes demais: o limite é ${(Number(m[1]) / 1024 / 1024).toFixed(0)} MB por envio.`,
  ],
  [/maxFiles \((\d+)\)/, (m) => `Arquivos demais: no máximo ${m[1]} por envio.`],
  [/maxFields \((\d+)\)/, (m) => `Campos demais no formulário: no máximo ${m[1]}.`],
  [/maxFieldsSize/, () => 'Campos de texto grandes demais no formulário.'],
];

/**
 * Middleware global, antes de `strapi::body`: abre o registro das partes da requisição, traduz os
 * limites estourados em 413 com mensagem em português e apaga todas as partes no fim (e de novo
 * um instante depois, para o que o parser ainda estava escrevendo quando a requisição falhou).
 */
export default (): Core.MiddlewareHandler => async (ctx, next) => {
  if (ctx.is('multipart')) fs.mkdirSync(PASTA_MULTIPART, { recursive: true, mode: 0o700 });
  const partes: string[] = [];
  partesPorRequisicao.set(ctx.req.headers, partes);
  try {
    try {
      await next();
    } catch (erro) {
      const mensagem = (erro as Error).message ?? '';
      const traducao = TRADUCOES.find(([padrao]) => padrao.test(mensagem));
      if (traducao) throw createHttpError(413, traducao[1](traducao[0].exec(mensagem)!));
      throw erro;
    }
    if (ctx.status === 413 && /FileTooBig/.test(JSON.stringify(ctx.body ?? ''))) {
      const { maxFileSize } = limitesMultipart(configuracao().limites);
      ctx.body = {
        data: null,
        error: {
          status: 413,
          name: 'PayloadTooLargeError',
          message: `Arquivos grandes demais: o limite é ${(maxFileSize / 1024 / 1024).toFixed(0)} MB por envio.`,
          details: {},
        },
      };
    }
  } finally {
    partesPorRequisicao.delete(ctx.req.headers);
    if (partes.length) {
      apagar(partes);
      setTimeout(() => apagar(partes), 500).unref();
    }
  }
};
