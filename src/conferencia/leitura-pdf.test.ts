import { Readable } from 'stream';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { lerTextoDoPdf } from './leitura-pdf';

/** A leitura pelo pdftotext real: texto, PDF corrompido e leitor ausente viram motivo, nunca exceção. */

const pdfCom = async (texto: string): Promise<Buffer> => {
  const documento = await PDFDocument.create();
  const pagina = documento.addPage([595, 842]);
  pagina.drawText(texto, {
    x: 40,
    y: 800,
    size: 10,
    font: await documento.embedFont(StandardFonts.Helvetica),
  });
  return Buffer.from(await documento.save());
};

test('lê o texto do PDF pela entrada padrão', async () => {
  const leitura = await lerTextoDoPdf(Readable.from(await pdfCom('Total a pagar: R$ 1.234,56')));
  expect(leitura).toEqual({ texto: expect.stringContaining('Total a pagar: R$ 1.234,56') });
});

test('PDF corrompido: o motivo, sem lançar', async () => {
  const leitura = await lerTextoDoPdf(Readable.from(Buffer.from('%PDF-1.4\nisto não é um PDF')));
  expect(leitura).toEqual({ motivo: expect.stringContaining('O PDF não pôde ser lido') });
});

test('sem o pdftotext no servidor: diz o que instalar', async () => {
  const leitura = await lerTextoDoPdf(Readable.from(await pdfCom('x')), {
    programa: 'pdftotext-que-nao-existe',
  });
  expect(leitura).toEqual({ motivo: expect.stringContaining('instale o pacote poppler-utils') });
});

test('leitura que passa do prazo é interrompida', async () => {
  // Uma entrada que nunca termina: o leitor espera o fim do PDF até o prazo.
  const semFim = new Readable({ read() {} });
  semFim.push('%PDF-1.4\n');
  const leitura = await lerTextoDoPdf(semFim, { limiteMs: 300 });
  expect(leitura).toEqual({ motivo: 'A leitura do PDF passou de 0.3 s e foi interrompida.' });
  semFim.destroy();
});
