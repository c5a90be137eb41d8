import { execFileSync } from 'child_process';

/** Texto de um PDF pelo `pdftotext` do Debian (poppler-utils), na ordem das páginas, com os espaços e quebras de linha unidos. */
export const textoDoPdf = (arquivo: string): string =>
  execFileSync('pdftotext', [arquivo, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

/** Posição de cada trecho no texto (-1 se ausente), para conferir a ordem dos documentos juntados. */
export const posicoes = (texto: string, trechos: readonly string[]): number[] =>
  trechos.map((t) => texto.indexOf(t));
