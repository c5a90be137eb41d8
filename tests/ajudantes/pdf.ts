import { randomUUID } from 'crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { pdfDeLinhas } from '../../worker-rpa/portais-simulados/pdf-simulado';

/** PDF real de fatura inventada (conteúdo único a cada chamada, logo sha256 distinto). */
export const gerarPdfFatura = async (valor = '1.234,56', vencimento = '10/03/2025'): Promise<Buffer> => {
  const documento = await PDFDocument.create();
  const pagina = documento.addPage([595, 842]);
  const fonte = await documento.embedFont(StandardFonts.Helvetica);
  pagina.drawText('FATURA DE SERVIÇOS DE TELECOM (teste)', { x: 50, y: 780, size: 14, font: fonte });
  pagina.drawText(`Valor: R$ ${valor}  Vencimento: ${vencimento}`, { x: 50, y: 750, size: 12, font: fonte });
  pagina.drawText(`Identificador: ${randomUUID()}`, { x: 50, y: 720, size: 10, font: fonte });
  return Buffer.from(await documento.save());
};

/** PDF de fatura com as linhas dadas (o mesmo dos portais simulados), também único a cada chamada. */
export const gerarPdfComTexto = (linhas: readonly string[]): Promise<Buffer> =>
  pdfDeLinhas([...linhas, `Identificador: ${randomUUID()}`]);

/** PDF sem texto nenhum (como uma fatura escaneada sem OCR). */
export const gerarPdfSemTexto = async (): Promise<Buffer> => {
  const documento = await PDFDocument.create();
  documento.addPage([595, 842]).drawRectangle({ x: 40, y: 40, width: 100 + Math.random() * 100, height: 50 });
  return Buffer.from(await documento.save());
};
