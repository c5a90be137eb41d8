import { createHash } from 'crypto';
import createHttpError from 'http-errors';
import { PDFDocument } from 'pdf-lib';
import { erroValidacao } from '../regras/erros';

export const LIMITE_PADRAO_MB = 20;

/** Limite de tamanho da fatura em bytes (`FATURA_TAMANHO_MAXIMO_MB`, padrão 20). */
export const limiteFaturaBytes = (): number => {
  const mb = Number(process.env.FATURA_TAMANHO_MAXIMO_MB ?? LIMITE_PADRAO_MB);
  return Math.round((Number.isFinite(mb) && mb > 0 ? mb : LIMITE_PADRAO_MB) * 1024 * 1024);
};

export interface PdfValidado {
  sha256: string;
  paginas: number;
  tamanho: number;
}

const invalido = (motivo: string) => erroValidacao(`O arquivo enviado não é um PDF válido: ${motivo}.`, [{ campo: 'fatura', mensagem: motivo }]);

/**
 * Aceita só PDF de verdade: não vazio, dentro do limite, assinatura `%PDF-`, marcador `%%EOF` no fim
 * (arquivo não truncado) e legível por um parser com ao menos uma página.
 */
export const validarPdf = async (conteudo: Buffer, limite = limiteFaturaBytes()): Promise<PdfValidado> => {
  if (conteudo.length === 0) throw invalido('o arquivo está vazio');
  if (conteudo.length > limite) {
    const mb = (limite / 1024 / 1024).toFixed(0);
    throw Object.assign(createHttpError(413, `A fatura tem ${(conteudo.length / 1024 / 1024).toFixed(1)} MB; o limite é ${mb} MB.`), {
      details: { limite_bytes: limite, tamanho_bytes: conteudo.length },
    });
  }
  if (conteudo.subarray(0, 5).toString('latin1') !== '%PDF-') throw invalido('não começa com a assinatura %PDF- (outro tipo de arquivo renomeado?)');
  if (!conteudo.subarray(Math.max(0, conteudo.length - 1024)).toString('latin1').includes('%%EOF')) {
    throw invalido('o arquivo está incompleto (sem o marcador %%EOF no fim; upload truncado?)');
  }
  let paginas: number;
  try {
    const documento = await PDFDocument.load(conteudo, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
    paginas = documento.getPageCount();
  } catch (erro) {
    throw invalido(`o leitor de PDF não conseguiu abri-lo (${(erro as Error).message.slice(0, 120)})`);
  }
  if (paginas < 1) throw invalido('o PDF não tem nenhuma página');
  return { sha256: createHash('sha256').update(conteudo).digest('hex'), paginas, tamanho: conteudo.length };
};
