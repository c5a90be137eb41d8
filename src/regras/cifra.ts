import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';
import fs from 'fs';
import path from 'path';

/** Cifra simétrica das senhas de portal: AES-256-GCM, chave de 32 bytes em base64. */

const PREFIXO = 'v1:';
export const ARQUIVO_CHAVE_LOCAL = '.chave-criptografia.local';

export class ErroChaveCriptografia extends Error {
  constructor(mensagem: string) {
    super(mensagem);
    this.name = 'ErroChaveCriptografia';
  }
}

const decodificarChave = (base64: string, origem: string): Buffer => {
  const chave = Buffer.from(base64.trim(), 'base64');
  if (chave.length !== 32) {
    throw new ErroChaveCriptografia(
      `${origem} deve conter 32 bytes em base64 (gere com: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))").`
    );
  }
  return chave;
};

export interface OpcoesChave {
  ambiente?: NodeJS.ProcessEnv;
  pastaApp: string;
  avisar?: (mensagem: string) => void;
}

/**
 * Resolve a chave: `CHAVE_CRIPTOGRAFIA` quando definida; em produção sem ela, erro;
 * no padrão embutido, gera uma vez num arquivo local ignorado pelo git, com aviso.
 */
export const resolverChave = ({ ambiente = process.env, pastaApp, avisar = () => {} }: OpcoesChave): Buffer => {
  const daVariavel = ambiente.CHAVE_CRIPTOGRAFIA;
  if (daVariavel) return decodificarChave(daVariavel, 'CHAVE_CRIPTOGRAFIA');
  if (ambiente.NODE_ENV === 'production') {
    throw new ErroChaveCriptografia(
      'CHAVE_CRIPTOGRAFIA não definida: em produção o servidor não sobe sem a chave que cifra as senhas dos portais.'
    );
  }
  const arquivo = path.join(pastaApp, ARQUIVO_CHAVE_LOCAL);
  if (fs.existsSync(arquivo)) return decodificarChave(fs.readFileSync(arquivo, 'utf8'), arquivo);
  const nova = randomBytes(32).toString('base64');
  fs.writeFileSync(arquivo, `${nova}\n`, { mode: 0o600 });
  avisar(
    `CHAVE_CRIPTOGRAFIA não definida: gerada uma chave local em ${arquivo}. Guarde-a: sem ela as senhas de portal ficam ilegíveis.`
  );
  return decodificarChave(nova, arquivo);
};

export const estaCifrado = (valor: string): boolean => valor.startsWith(PREFIXO);

export const cifrar = (texto: string, chave: Buffer): string => {
  const iv = randomBytes(12);
  const cifrador = createCipheriv('aes-256-gcm', chave, iv);
  const corpo = Buffer.concat([cifrador.update(texto, 'utf8'), cifrador.final()]);
  return PREFIXO + Buffer.concat([iv, cifrador.getAuthTag(), corpo]).toString('base64');
};

export const decifrar = (valor: string, chave: Buffer): string => {
  if (!estaCifrado(valor)) throw new ErroChaveCriptografia('Valor não está cifrado no formato esperado.');
  const bruto = Buffer.from(valor.slice(PREFIXO.length), 'base64');
  const decifrador = createDecipheriv('aes-256-gcm', chave, bruto.subarray(0, 12));
  decifrador.setAuthTag(bruto.subarray(12, 28));
  try {
    return Buffer.concat([decifrador.update(bruto.subarray(28)), decifrador.final()]).toString('utf8');
  } catch {
    throw new ErroChaveCriptografia('Não foi possível decifrar: a chave de criptografia não é a que cifrou este valor.');
  }
};
