import { createHash } from 'crypto';
import fs from 'fs';
import createHttpError from 'http-errors';
import { EncryptedPDFError, PDFDocument } from 'pdf-lib';
import { erroValidacao } from '../regras/erros';
import { configuracao } from '../configuracao';

/** Limite de tamanho da fatura em bytes (`FATURA_TAMANHO_MAXIMO_MB`, padrão 20). */
export const limiteFaturaBytes = (): number => {
  return Math.round(configuracao().limites.faturaMb * 1024 * 1024);
};

export interface PdfValidado {
  sha256: string;
  paginas: number;
  tamanho: number;
}

/** O trailer declara cifra (`/Encrypt`)? Leitura tolerante, só para dar o motivo certo. */
const cifrado = async (conteudo: Buffer): Promise<boolean> => {
  try {
    return (
      await PDFDocument.load(conteudo, {
        ignoreEncryption: true,
        updateMetadata: false,
        throwOnInvalidObject: false,
      })
    ).isEncrypted;
  } catch {
    return false;
  }
};

const invalido = (motivo: string) =>
  erroValidacao(`O arquivo enviado não é um PDF válido: ${motivo}.`, [{ campo: 'fatura', mensagem: motivo }]);

const exigirTamanho = (tamanho: number, limite: number): void => {
  if (tamanho === 0) throw invalido('o arquivo está vazio');
  if (tamanho > limite) {
    const mb = (limite / 1024 / 1024).toFixed(0);
    throw Object.assign(
      createHttpError(413, `A fatura tem ${(tamanho / 1024 / 1024).toFixed(1)} MB; o limite é ${mb} MB.`),
      {
        details: { limite_bytes: limite, tamanho_bytes: tamanho },
      }
    );
  }
};

/**
 * Aceita só PDF de verdade: não vazio, dentro do limite, assinatura `%PDF-`, marcador `%%EOF` no fim
 * (arquivo não truncado), sem senha e legível por um parser com ao menos uma página.
 */
export const validarPdf = async (conteudo: Buffer, limite = limiteFaturaBytes()): Promise<PdfValidado> => {
  exigirTamanho(conteudo.length, limite);
  if (conteudo.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw invalido('não começa com a assinatura %PDF- (outro tipo de arquivo renomeado?)');
  if (
    !conteudo
      .subarray(Math.max(0, conteudo.length - 1024))
      .toString('latin1')
      .includes('%%EOF')
  ) {
    throw invalido('o arquivo está incompleto (sem o marcador %%EOF no fim; upload truncado?)');
  }
  let paginas: number;
  try {
    paginas = (
      await PDFDocument.load(conteudo, { updateMetadata: false, throwOnInvalidObject: true })
    ).getPageCount();
  } catch (erro) {
    // Num PDF cifrado os objetos comprimidos também são ilegíveis: o parser falha antes de ver o /Encrypt.
    if (erro instanceof EncryptedPDFError || (await cifrado(conteudo)))
      throw invalido('o PDF está protegido por senha (cifrado); envie a fatura sem senha');
    throw invalido(`o leitor de PDF não conseguiu abri-lo (${(erro as Error).message.slice(0, 120)})`);
  }
  if (paginas < 1) throw invalido('o PDF não tem nenhuma página');
  return { sha256: createHash('sha256').update(conteudo).digest('hex'), paginas, tamanho: conteudo.length };
};

/** Confere o tamanho no disco antes de ler o arquivo para a memória, e então valida o conteúdo. */
export const validarPdfDoArquivo = async (
  caminho: string,
  limite = limiteFaturaBytes()
): Promise<PdfValidado> => {
  exigirTamanho((await fs.promises.stat(caminho)).size, limite);
  return validarPdf(await fs.promises.readFile(caminho), limite);
};
