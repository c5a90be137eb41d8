import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

/** Cifra um PDF de verdade (AES-256, senha de abertura) com o qpdf do Debian: portais simulados e testes. */
export const cifrarPdf = (pdf: Buffer, senha: string): Buffer => {
  const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-cifrado-'));
  try {
    const [entrada, saida] = [path.join(pasta, 'aberto.pdf'), path.join(pasta, 'cifrado.pdf')];
    fs.writeFileSync(entrada, pdf);
    execFileSync('qpdf', ['--encrypt', senha, `${senha}-dono`, '256', '--', entrada, saida]);
    return fs.readFileSync(saida);
  } finally {
    fs.rmSync(pasta, { recursive: true, force: true });
  }
};
