import { PDFDocument, StandardFonts } from 'pdf-lib';

/** PDF de uma página com as linhas dadas (documentos dos portais simulados; o texto é lido nos testes). */
export const pdfDeLinhas = async (linhas: string[]): Promise<Buffer> => {
  const documento = await PDFDocument.create();
  const fonte = await documento.embedFont(StandardFonts.Helvetica);
  const folha = documento.addPage([595, 842]);
  linhas.forEach((linha, i) => folha.drawText(linha, { x: 50, y: 780 - i * 24, size: 12, font: fonte }));
  return Buffer.from(await documento.save());
};
