/** Validação e formatação de CNPJ e CPF pelos dígitos verificadores. */

export const somenteDigitos = (valor: string): string => valor.replace(/\D/g, '');

const digitoVerificador = (digitos: number[], pesos: number[]): number => {
  const soma = digitos.reduce((total, digito, i) => total + digito * pesos[i], 0);
  const resto = soma % 11;
  return resto < 2 ? 0 : 11 - resto;
};

const todosIguais = (digitos: string): boolean => /^(\d)\1*$/.test(digitos);

export const cnpjValido = (valor: string): boolean => {
  const digitos = somenteDigitos(valor);
  if (digitos.length !== 14 || todosIguais(digitos)) return false;
  const numeros = [...digitos].map(Number);
  const pesos1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
  const pesos2 = [6, ...pesos1];
  const d1 = digitoVerificador(numeros.slice(0, 12), pesos1);
  const d2 = digitoVerificador([...numeros.slice(0, 12), d1], pesos2);
  return d1 === numeros[12] && d2 === numeros[13];
};

export const cpfValido = (valor: string): boolean => {
  const digitos = somenteDigitos(valor);
  if (digitos.length !== 11 || todosIguais(digitos)) return false;
  const numeros = [...digitos].map(Number);
  const d1 = digitoVerificador(numeros.slice(0, 9), [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = digitoVerificador([...numeros.slice(0, 9), d1], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return d1 === numeros[9] && d2 === numeros[10];
};

/** 12345678000195 → 12.345.678/0001-95 (entrada fora do tamanho volta como veio). */
export const formatarCnpj = (valor: string): string => {
  const d = somenteDigitos(valor);
  return d.length === 14
    ? `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`
    : valor;
};

/** 12345678909 → 123.456.789-09 (entrada fora do tamanho volta como veio). */
export const formatarCpf = (valor: string): string => {
  const d = somenteDigitos(valor);
  return d.length === 11 ? `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}` : valor;
};
