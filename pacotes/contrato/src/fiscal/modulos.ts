/**
 * Dígitos verificadores em módulo 10 e 11: boleto e arrecadação (FEBRABAN), CNPJ e chave de acesso
 * (Receita e SEFAZ). No módulo 11 cada caractere vale o código ASCII − 48: dígitos valem eles mesmos,
 * letras do CNPJ alfanumérico valem A = 17, B = 18…
 */

/** Módulo 10: pesos 2, 1, 2, 1… da direita; produto > 9 soma os algarismos; DV = (10 − soma % 10) % 10. */
export const modulo10 = (numero: string): number => {
  let soma = 0;
  for (let i = 0; i < numero.length; i += 1) {
    const produto = Number(numero[numero.length - 1 - i]) * (i % 2 === 0 ? 2 : 1);
    soma += produto > 9 ? produto - 9 : produto;
  }
  return (10 - (soma % 10)) % 10;
};

/** Soma do módulo 11 com pesos 2 a 9 da direita para a esquerda, recomeçando. */
const soma11 = (texto: string): number => {
  let soma = 0;
  for (let i = 0; i < texto.length; i += 1)
    soma += (texto.charCodeAt(texto.length - 1 - i) - 48) * ((i % 8) + 2);
  return soma;
};

/** DV geral do boleto bancário: 11 − resto; 0, 10 e 11 viram 1. */
export const modulo11Boleto = (numero: string): number => {
  const dv = 11 - (soma11(numero) % 11);
  return dv === 0 || dv > 9 ? 1 : dv;
};

/** Módulo 11 da arrecadação, do CNPJ e da chave de acesso: 11 − resto; 10 e 11 viram 0. */
export const modulo11 = (numero: string): number => {
  const dv = 11 - (soma11(numero) % 11);
  return dv > 9 ? 0 : dv;
};
