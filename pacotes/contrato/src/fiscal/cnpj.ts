/**
 * CNPJ numérico e alfanumérico (IN RFB 2.229/2024, em produção desde julho de 2026): 12 posições
 * `[0-9A-Z]` e 2 dígitos verificadores em módulo 11, com cada caractere valendo o código ASCII − 48
 * (0–9 continuam 0–9; A = 17, B = 18…). O CNPJ só de dígitos é o caso particular.
 */
import { modulo11 } from './modulos.js';

/** Tira pontuação e espaços e põe em maiúsculas: "12.abc.345/01de-35" → "12ABC34501DE35". */
export const normalizarCnpj = (valor: string): string => valor.replace(/[\s./-]/g, '').toUpperCase();

/** Forma do CNPJ normalizado: 12 posições alfanuméricas e 2 dígitos (sem conferir os DV). */
export const FORMATO_CNPJ = /^[0-9A-Z]{12}[0-9]{2}$/;

export const cnpjValido = (valor: string): boolean => {
  const cnpj = normalizarCnpj(valor);
  if (!FORMATO_CNPJ.test(cnpj) || /^(.)\1*$/.test(cnpj)) return false;
  const d1 = modulo11(cnpj.slice(0, 12));
  const d2 = modulo11(cnpj.slice(0, 12) + d1);
  return cnpj.endsWith(`${d1}${d2}`);
};

/** 12ABC34501DE35 → 12.ABC.345/01DE-35 (fora do tamanho volta como veio). */
export const formatarCnpj = (valor: string): string => {
  const c = normalizarCnpj(valor);
  return c.length === 14
    ? `${c.slice(0, 2)}.${c.slice(2, 5)}.${c.slice(5, 8)}/${c.slice(8, 12)}-${c.slice(12)}`
    : valor;
};

/**
 * Lista de CNPJs digitada no cadastro (vírgula, ponto e vírgula ou linha): os válidos, normalizados e
 * sem repetição, e os recusados como vieram.
 */
export const lerListaDeCnpjs = (texto: string): { validos: string[]; recusados: string[] } => {
  const partes = texto
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    validos: [...new Set(partes.filter(cnpjValido).map(normalizarCnpj))],
    recusados: partes.filter((p) => !cnpjValido(p)),
  };
};
