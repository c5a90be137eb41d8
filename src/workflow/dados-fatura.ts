import { erroValidacao, exigirSemErros, type ErroDeCampo } from '../regras/erros';

/** Valor e vencimento informados com a fatura, em formatos brasileiros ou ISO. */
export interface DadosFatura {
  valor_fatura: number;
  data_vencimento: string;
}

/** "1.234,56", "1234,56" ou "1234.56" → 1234.56; `null` se não for um valor monetário. */
export const lerValor = (entrada: unknown): number | null => {
  if (typeof entrada === 'number') return Number.isFinite(entrada) ? entrada : null;
  if (typeof entrada !== 'string') return null;
  let texto = entrada.trim().replace(/^R\$\s*/i, '');
  if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+([.,]\d{1,2})?$/.test(texto)) return null;
  if (texto.includes(',')) texto = texto.replace(/\./g, '').replace(',', '.');
  const valor = Number(texto);
  return Number.isFinite(valor) ? valor : null;
};

/** "2025-03-10" ou "10/03/2025" → "2025-03-10" (data de calendário existente); senão `null`. */
export const lerData = (entrada: unknown): string | null => {
  if (typeof entrada !== 'string') return null;
  const texto = entrada.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(texto);
  const br = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(texto);
  const [ano, mes, dia] = iso ? [iso[1], iso[2], iso[3]] : br ? [br[3], br[2], br[1]] : [];
  if (!ano || !mes || !dia) return null;
  const data = new Date(Date.UTC(Number(ano), Number(mes) - 1, Number(dia)));
  if (data.getUTCFullYear() !== Number(ano) || data.getUTCMonth() !== Number(mes) - 1 || data.getUTCDate() !== Number(dia)) return null;
  return `${ano}-${mes}-${dia}`;
};

export const lerDadosFatura = (corpo: Record<string, unknown>): DadosFatura => {
  const problemas: ErroDeCampo[] = [];
  const valor = lerValor(corpo.valor_fatura);
  if (valor === null || valor <= 0) {
    problemas.push({ campo: 'valor_fatura', mensagem: `Valor da fatura inválido: "${String(corpo.valor_fatura ?? '')}". Use, por exemplo, 1234,56.` });
  }
  const vencimento = lerData(corpo.data_vencimento);
  if (!vencimento) {
    problemas.push({ campo: 'data_vencimento', mensagem: `Vencimento inválido: "${String(corpo.data_vencimento ?? '')}". Use AAAA-MM-DD ou DD/MM/AAAA.` });
  }
  exigirSemErros(problemas);
  return { valor_fatura: valor!, data_vencimento: vencimento! };
};

export const exigirArquivo = <T>(arquivo: T | T[] | undefined): T => {
  const unico = Array.isArray(arquivo) ? arquivo[0] : arquivo;
  if (!unico) throw erroValidacao('Envie o PDF da fatura no campo "fatura" (multipart/form-data).', [{ campo: 'fatura', mensagem: 'Obrigatório.' }]);
  return unico;
};
