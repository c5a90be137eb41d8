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

/**
 * Destino pessoal: só nele vai o link que decide sem login. E-mail e WhatsApp da própria pessoa
 * (número de telefone; grupo não é número), chat privado do Telegram (id positivo; grupos e canais
 * são negativos ou `@nome`) e mensagem direta do Slack (id de usuário `U`/`W` ou de conversa
 * direta `D`; canais `C`/`G`/`#nome` e o webhook, não).
 */
export const destinoPessoal = (canal: string, destino: string | null | undefined): boolean => {
  const valor = (destino ?? '').trim();
  if (canal === 'EMAIL') return /^[^\s@]+@[^\s@]+$/.test(valor);
  if (canal === 'WHATSAPP') return /^55\d{10,11}$/.test(valor);
  if (canal === 'TELEGRAM') return /^[1-9]\d{0,19}$/.test(valor);
  if (canal === 'SLACK') return /^[UWD][A-Z0-9]{6,}$/.test(valor);
  return false;
};
