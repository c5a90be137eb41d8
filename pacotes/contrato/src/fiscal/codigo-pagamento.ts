import { modulo10, modulo11, modulo11Boleto } from './modulos.js';

/**
 * Boleto bancário (código de barras de 44, linha digitável de 47) e documento de arrecadação, a
 * conta de consumo das concessionárias (44 e 48, começa com 8; segmento 4 = telecomunicações). Lê
 * qualquer das formas, confere todos os dígitos verificadores e devolve valor e vencimento.
 */
export type TipoCodigoPagamento = 'BOLETO' | 'ARRECADACAO';

export interface CodigoDePagamento {
  tipo: TipoCodigoPagamento;
  codigo_barras: string;
  linha_digitavel: string;
  /** Em reais; nulo quando o documento não traz valor (zeros, ou arrecadação com valor de referência). */
  valor: number | null;
  /** AAAA-MM-DD pelo fator de vencimento (só o boleto bancário o traz). */
  vencimento: string | null;
  /** Boleto: código do banco (3). Arrecadação: segmento (1) e identificação da empresa (4). */
  banco?: string;
  segmento?: string;
  empresa?: string;
}

export type LeituraCodigoPagamento =
  | { valido: true; codigo: CodigoDePagamento }
  | { valido: false; tipo: TipoCodigoPagamento | null; motivo: string };

const DIA_MS = 86_400_000;
const BASE_1997 = Date.UTC(1997, 9, 7);
/** O fator chegou a 9999 em 21/02/2025 e recomeçou em 1000 no dia seguinte (FEBRABAN). */
const BASE_2025 = Date.UTC(2025, 1, 22);

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Fator (1000–9999) → data. O mesmo fator vale duas datas com 8 999 dias entre elas (1000 é
 * 03/07/2000 e 22/02/2025); vale a mais perto da referência (o mês da fatura, ou hoje).
 */
export const dataDoFator = (fator: number, referencia: Date = new Date()): string | null => {
  if (!Number.isInteger(fator) || fator < 1000 || fator > 9999) return null;
  const candidatas = [BASE_1997 + fator * DIA_MS, BASE_2025 + (fator - 1000) * DIA_MS];
  const alvo = referencia.getTime();
  return iso(candidatas.reduce((a, b) => (Math.abs(b - alvo) < Math.abs(a - alvo) ? b : a)));
};

const valorEmReais = (centavos: string): number | null =>
  /^0+$/.test(centavos) ? null : Number(centavos) / 100;

const recusa = (tipo: TipoCodigoPagamento | null, motivo: string): LeituraCodigoPagamento => ({
  valido: false,
  tipo,
  motivo,
});

/** Boleto bancário a partir do código de barras (44). */
const boleto = (barras: string, linha: string, referencia?: Date): LeituraCodigoPagamento => {
  const dv = modulo11Boleto(barras.slice(0, 4) + barras.slice(5));
  if (dv !== Number(barras[4]))
    return recusa('BOLETO', `DV geral do boleto é ${dv}, o documento traz ${barras[4]}.`);
  const fator = Number(barras.slice(5, 9));
  return {
    valido: true,
    codigo: {
      tipo: 'BOLETO',
      codigo_barras: barras,
      linha_digitavel: linha,
      valor: valorEmReais(barras.slice(9, 19)),
      vencimento: fator === 0 ? null : dataDoFator(fator, referencia),
      banco: barras.slice(0, 3),
    },
  };
};

/** Código de barras do boleto → linha digitável (os três campos com DV em módulo 10). */
const linhaDoBoleto = (barras: string): string => {
  const livre = barras.slice(19);
  const campo = (parte: string) => parte + modulo10(parte);
  return (
    campo(barras.slice(0, 4) + livre.slice(0, 5)) +
    campo(livre.slice(5, 15)) +
    campo(livre.slice(15, 25)) +
    barras[4] +
    barras.slice(5, 19)
  );
};

const lerLinhaDoBoleto = (linha: string, referencia?: Date): LeituraCodigoPagamento => {
  const campos = [linha.slice(0, 10), linha.slice(10, 21), linha.slice(21, 32)];
  for (const [i, campo] of campos.entries()) {
    const dv = modulo10(campo.slice(0, -1));
    if (dv !== Number(campo[campo.length - 1]))
      return recusa(
        'BOLETO',
        `DV do campo ${i + 1} da linha digitável é ${dv}, o documento traz ${campo[campo.length - 1]}.`
      );
  }
  const barras =
    linha.slice(0, 4) +
    linha[32] +
    linha.slice(33, 47) +
    linha.slice(4, 9) +
    linha.slice(10, 20) +
    linha.slice(21, 31);
  return boleto(barras, linha, referencia);
};

/** Identificador de valor (3º dígito): 6 e 7 em módulo 10, 8 e 9 em módulo 11; 6 e 8 trazem o valor em reais. */
const moduloDaArrecadacao = (barras: string): ((n: string) => number) | null =>
  barras[2] === '6' || barras[2] === '7'
    ? modulo10
    : barras[2] === '8' || barras[2] === '9'
      ? modulo11
      : null;

const arrecadacao = (barras: string, linha: string | null): LeituraCodigoPagamento => {
  const modulo = moduloDaArrecadacao(barras);
  if (!modulo)
    return recusa('ARRECADACAO', `Identificador de valor "${barras[2]}" não existe (6, 7, 8 ou 9).`);
  const blocos = [0, 1, 2, 3].map((i) => barras.slice(i * 11, i * 11 + 11));
  if (linha) {
    for (const [i, bloco] of blocos.entries()) {
      const dv = modulo(bloco);
      if (dv !== Number(linha[i * 12 + 11]))
        return recusa(
          'ARRECADACAO',
          `DV do bloco ${i + 1} da linha digitável é ${dv}, o documento traz ${linha[i * 12 + 11]}.`
        );
    }
  }
  const dv = modulo(barras.slice(0, 3) + barras.slice(4));
  if (dv !== Number(barras[3]))
    return recusa('ARRECADACAO', `DV geral da arrecadação é ${dv}, o documento traz ${barras[3]}.`);
  return {
    valido: true,
    codigo: {
      tipo: 'ARRECADACAO',
      codigo_barras: barras,
      linha_digitavel: linha ?? blocos.map((b) => b + modulo(b)).join(''),
      valor: barras[2] === '6' || barras[2] === '8' ? valorEmReais(barras.slice(4, 15)) : null,
      vencimento: null,
      segmento: barras[1],
      empresa: barras.slice(15, 19),
    },
  };
};

/**
 * Lê um código de pagamento em qualquer forma (com ou sem pontos e espaços): 47 dígitos = linha
 * do boleto, 48 = linha da arrecadação, 44 = código de barras de um ou de outro (8 na frente é
 * arrecadação). `referencia` escolhe a data do fator de vencimento (o mês da fatura).
 */
export const lerCodigoDePagamento = (texto: string, referencia?: Date): LeituraCodigoPagamento => {
  const digitos = texto.replace(/[\s.-]/g, '');
  if (!/^\d+$/.test(digitos))
    return recusa(null, 'O código de pagamento só tem dígitos (e pontos ou espaços).');
  if (digitos.length === 47) return lerLinhaDoBoleto(digitos, referencia);
  if (digitos.length === 48) {
    if (digitos[0] !== '8') return recusa('ARRECADACAO', 'A linha de arrecadação (48 dígitos) começa com 8.');
    return arrecadacao([0, 1, 2, 3].map((i) => digitos.slice(i * 12, i * 12 + 11)).join(''), digitos);
  }
  if (digitos.length === 44)
    return digitos[0] === '8'
      ? arrecadacao(digitos, null)
      : boleto(digitos, linhaDoBoleto(digitos), referencia);
  return recusa(null, `Um código de pagamento tem 44, 47 ou 48 dígitos; este tem ${digitos.length}.`);
};

/** Data (AAAA-MM-DD, de 22/02/2025 em diante) → fator de vencimento do ciclo que recomeçou em 1000. */
export const fatorDaData = (vencimento: string): number => {
  const dias = Math.round((Date.parse(`${vencimento}T00:00:00Z`) - BASE_2025) / DIA_MS);
  if (!Number.isInteger(dias) || dias < 0 || dias > 8999)
    throw new RangeError(`Vencimento fora do ciclo atual do fator: ${vencimento}.`);
  return 1000 + dias;
};

/**
 * Boleto bancário coerente com valor e vencimento (código de barras e linha digitável com todos os
 * DV): o que os portais simulados e a demonstração imprimem na fatura.
 */
export const montarBoleto = ({
  banco,
  valor,
  vencimento,
  campoLivre,
}: {
  banco: string;
  valor: number;
  vencimento: string;
  campoLivre: string;
}): { codigo_barras: string; linha_digitavel: string } => {
  if (!/^\d{3}$/.test(banco) || !/^\d{25}$/.test(campoLivre))
    throw new RangeError('Banco com 3 dígitos e campo livre com 25.');
  const centavos = String(Math.round(valor * 100)).padStart(10, '0');
  const semDv = `${banco}9${fatorDaData(vencimento)}${centavos}${campoLivre}`;
  const barras = semDv.slice(0, 4) + modulo11Boleto(semDv) + semDv.slice(4);
  return { codigo_barras: barras, linha_digitavel: linhaDoBoleto(barras) };
};
