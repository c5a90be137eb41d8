/** Endereços por canal: normalização e máscara (o painel não mostra o endereço inteiro a quem não administra). */

/**
 * Número do WhatsApp no formato que a Evolution API espera: 55 + DDD + número (8 ou 9 dígitos).
 * Aceita com ou sem o 55, com pontuação; devolve null se não for um número brasileiro.
 */
export const numeroWhatsapp = (telefone: string): string | null => {
  let digitos = telefone.replace(/\D/g, '');
  if ((digitos.length === 12 || digitos.length === 13) && digitos.startsWith('55'))
    digitos = digitos.slice(2);
  if (digitos.length !== 10 && digitos.length !== 11) return null;
  if (!/^[1-9][1-9]/.test(digitos)) return null;
  if (digitos.length === 11 && digitos[2] !== '9') return null;
  return `55${digitos}`;
};
