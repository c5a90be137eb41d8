/**
 * CSV para o Excel em português: separador `;`, UTF-8 com BOM, CRLF e proteção contra injeção de
 * fórmula (célula que começa com =, +, -, @, tab ou CR ganha um apóstrofo na frente). Célula com `,`
 * também vai entre aspas: quem abre o arquivo com `,` de separador (Excel em inglês, LibreOffice que
 * adivinha) não a parte em duas colunas.
 */
export const BOM = '\uFEFF';

const formatar = (valor: unknown): string => {
  if (valor === null || valor === undefined) return '';
  if (valor instanceof Date) return valor.toISOString();
  if (typeof valor === 'object') return JSON.stringify(valor);
  if (typeof valor === 'number') return String(valor).replace('.', ',');
  return String(valor);
};

export const celulaCsv = (valor: unknown): string => {
  let texto = formatar(valor);
  if (/^[=+\-@\t\r]/.test(texto)) texto = `'${texto}`;
  return /[;,"\r\n]/.test(texto) ? `"${texto.replace(/"/g, '""')}"` : texto;
};

export const linhaCsv = (valores: readonly unknown[]): string => `${valores.map(celulaCsv).join(';')}\r\n`;
