import fs from 'fs';
import os from 'os';
import path from 'path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { decifrarPdf, ErroSenhaPdf, juntarPdfs, pdfCifrado } from './pdf';
import { cifrarPdf } from '../../portais-simulados/pdf-cifrado';
import { textoDoPdf } from '../testes/pdf-texto';

/** Junção e decifra de PDFs com o pdf-lib e o qpdf de verdade. */
let pasta: string;
const pdfCom = async (texto: string): Promise<Buffer> => {
  const documento = await PDFDocument.create();
  const fonte = await documento.embedFont(StandardFonts.Helvetica);
  documento.addPage([300, 200]).drawText(texto, { x: 20, y: 100, size: 12, font: fonte });
  return Buffer.from(await documento.save());
};
const gravar = (nome: string, conteudo: Buffer): string => {
  const caminho = path.join(pasta, nome);
  fs.writeFileSync(caminho, conteudo);
  return caminho;
};

beforeAll(() => {
  pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'teste-pdf-'));
});
afterAll(() => fs.rmSync(pasta, { recursive: true, force: true }));

test('junta na ordem dada e falha com o nome do arquivo que falta', async () => {
  const [a, b] = [gravar('a.pdf', await pdfCom('PRIMEIRO')), gravar('b.pdf', await pdfCom('SEGUNDO'))];
  const { paginas } = await juntarPdfs([b, a], path.join(pasta, 'junto', 'final.pdf'));
  expect(paginas).toBe(2);
  const texto = textoDoPdf(path.join(pasta, 'junto', 'final.pdf'));
  expect(texto.indexOf('SEGUNDO')).toBeLessThan(texto.indexOf('PRIMEIRO'));
  await expect(
    juntarPdfs([a, path.join(pasta, 'nao-existe.pdf')], path.join(pasta, 'x.pdf'))
  ).rejects.toThrow('Arquivo para juntar não existe');
});

test('decifra com a senha certa pelo stdin; senha errada e arquivo corrompido dão erros distintos; aberto é só copiado', async () => {
  const aberto = gravar('aberto.pdf', await pdfCom('FATURA ABERTA'));
  const cifrado = gravar('cifrado.pdf', cifrarPdf(await pdfCom('FATURA CIFRADA'), 'Cpf#123'));
  expect(await pdfCifrado(aberto)).toBe(false);
  expect(await pdfCifrado(cifrado)).toBe(true);

  expect(await decifrarPdf(cifrado, path.join(pasta, 'saida', 'decifrado.pdf'), 'Cpf#123')).toEqual({
    cifrado: true,
  });
  expect(textoDoPdf(path.join(pasta, 'saida', 'decifrado.pdf'))).toContain('FATURA CIFRADA');
  expect(await pdfCifrado(path.join(pasta, 'saida', 'decifrado.pdf'))).toBe(false);

  await expect(
    decifrarPdf(cifrado, path.join(pasta, 'saida', 'errado.pdf'), 'errada')
  ).rejects.toBeInstanceOf(ErroSenhaPdf);
  expect(await decifrarPdf(aberto, path.join(pasta, 'saida', 'copia.pdf'), 'qualquer')).toEqual({
    cifrado: false,
  });
  expect(fs.readFileSync(path.join(pasta, 'saida', 'copia.pdf')).equals(fs.readFileSync(aberto))).toBe(true);

  const corrompido = gravar('corrompido.pdf', Buffer.from('%PDF-1.7\nlixo'));
  await expect(pdfCifrado(corrompido)).rejects.toThrow('corrompido ou ilegível');
});
