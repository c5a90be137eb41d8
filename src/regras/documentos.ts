/**
 * Validação e formatação de CPF pelos dígitos verificadores; o CNPJ (também o alfanumérico) vem do
 * contrato, a mesma regra do cadastro, da planilha e da conferência da fatura.
 */
export { cnpjValido, formatarCnpj, normalizarCnpj } from '@orquestrador-rpa/contrato';

export const somenteDigitos = (valor: string): string => valor.replace(/\D/g, '');

const digitoVerificador = (digitos: number[], pesos: number[]): number => {
  const soma = digitos.reduce((total, digito, i) => total + digito * pesos[i], 0);
  const resto = soma % 11;
  return resto < 2 ? 0 : 11 - resto;
};

const todosIguais = (digitos: string): boolean => /^(\d)\1*$/.test(digitos);

export const cpfValido = (valor: string): boolean => {
  const digitos = somenteDigitos(valor);
  if (digitos.length !== 11 || todosIguais(digitos)) return false;
  const numeros = [...digitos].map(Number);
  const d1 = digitoVerificador(numeros.slice(0, 9), [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = digitoVerificador([...numeros.slice(0, 9), d1], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return d1 === numeros[9] && d2 === numeros[10];
};

/** 12345678909 → 123.456.789-09 (entrada fora do tamanho volta como veio). */
export const formatarCpf = (valor: string): string => {
  const d = somenteDigitos(valor);
  return d.length === 11 ? `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}` : valor;
};
