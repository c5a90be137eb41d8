import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'crypto';
import fs from 'fs';
import path from 'path';

/**
 * Cifra simétrica das senhas de portal: AES-256-GCM, chaves de 32 bytes em base64. Formato
 * `v2:<id da chave>:<base64(iv|tag|cifra)>`, com dado associado (AAD) que liga o texto cifrado ao
 * dono (`cliente:<documentId>`): copiado para outro cliente, não decifra. O formato antigo `v1:`
 * (sem id nem AAD) ainda é lido, e a rotação (`npm run rotacionar-chave`) o regrava em `v2`.
 */
const PREFIXO_V1 = 'v1:';
const PREFIXO_V2 = 'v2:';
export const ARQUIVO_CHAVE_LOCAL = '.chave-criptografia.local';

export class ErroChaveCriptografia extends Error {
  constructor(mensagem: string) {
    super(mensagem);
    this.name = 'ErroChaveCriptografia';
  }
}

/** Chave atual (cifra tudo o que é novo) e as anteriores (só decifram, durante a rotação), por id. */
export interface Chaveiro {
  atual: { id: string; chave: Buffer };
  todas: ReadonlyMap<string, Buffer>;
}

/** Identificador público da chave: 8 dígitos hex do sha256 dela (não revela a chave). */
export const idDaChave = (chave: Buffer): string =>
  createHash('sha256').update(chave).digest('hex').slice(0, 8);

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
 * Resolve a chave atual: `CHAVE_CRIPTOGRAFIA` quando definida; em produção sem ela, erro;
 * no padrão embutido, gera uma vez num arquivo local ignorado pelo git, com aviso.
 */
export const resolverChave = ({
  ambiente = process.env,
  pastaApp,
  avisar = () => {},
}: OpcoesChave): Buffer => {
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

/** Chaveiro: a chave atual mais as de `CHAVES_CRIPTOGRAFIA_ANTERIORES` (base64 separadas por vírgula). */
export const resolverChaveiro = (opcoes: OpcoesChave): Chaveiro => {
  const atual = resolverChave(opcoes);
  const todas = new Map<string, Buffer>([[idDaChave(atual), atual]]);
  const anteriores = (opcoes.ambiente ?? process.env).CHAVES_CRIPTOGRAFIA_ANTERIORES ?? '';
  for (const base64 of anteriores
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)) {
    const chave = decodificarChave(base64, 'CHAVES_CRIPTOGRAFIA_ANTERIORES');
    todas.set(idDaChave(chave), chave);
  }
  return { atual: { id: idDaChave(atual), chave: atual }, todas };
};

export const estaCifrado = (valor: string): boolean =>
  valor.startsWith(PREFIXO_V2) || valor.startsWith(PREFIXO_V1);

/** Id da chave que cifrou o valor (`null` no formato antigo, sem id). */
export const idDaChaveDoValor = (valor: string): string | null =>
  valor.startsWith(PREFIXO_V2) ? (valor.split(':')[1] ?? null) : null;

const selar = (texto: string, chave: Buffer, aad: string | null): Buffer => {
  const iv = randomBytes(12);
  const cifrador = createCipheriv('aes-256-gcm', chave, iv);
  if (aad !== null) cifrador.setAAD(Buffer.from(aad, 'utf8'));
  const corpo = Buffer.concat([cifrador.update(texto, 'utf8'), cifrador.final()]);
  return Buffer.concat([iv, cifrador.getAuthTag(), corpo]);
};

const abrir = (bruto: Buffer, chave: Buffer, aad: string | null): string | null => {
  const decifrador = createDecipheriv('aes-256-gcm', chave, bruto.subarray(0, 12));
  if (aad !== null) decifrador.setAAD(Buffer.from(aad, 'utf8'));
  decifrador.setAuthTag(bruto.subarray(12, 28));
  try {
    return Buffer.concat([decifrador.update(bruto.subarray(28)), decifrador.final()]).toString('utf8');
  } catch {
    return null;
  }
};

/** Cifra com a chave atual, ligado a `dono` (ex.: `cliente:<documentId>`). */
export const cifrar = (texto: string, chaveiro: Chaveiro, dono: string): string =>
  `${PREFIXO_V2}${chaveiro.atual.id}:${selar(texto, chaveiro.atual.chave, dono).toString('base64')}`;

/** Decifra um valor `v2` (pela chave do id e o dono) ou `v1` (qualquer chave do chaveiro, sem dono). */
export const decifrar = (valor: string, chaveiro: Chaveiro, dono: string): string => {
  if (valor.startsWith(PREFIXO_V2)) {
    const [, id, corpo] = valor.split(':');
    const chave = chaveiro.todas.get(id ?? '');
    if (!chave) {
      throw new ErroChaveCriptografia(
        `O valor foi cifrado com a chave ${id}, que não está configurada: defina-a em CHAVE_CRIPTOGRAFIA ou em CHAVES_CRIPTOGRAFIA_ANTERIORES.`
      );
    }
    const texto = abrir(Buffer.from(corpo ?? '', 'base64'), chave, dono);
    if (texto === null)
      throw new ErroChaveCriptografia(
        'Não foi possível decifrar: o valor não pertence a este registro ou foi adulterado.'
      );
    return texto;
  }
  if (valor.startsWith(PREFIXO_V1)) {
    for (const chave of chaveiro.todas.values()) {
      const texto = abrir(Buffer.from(valor.slice(PREFIXO_V1.length), 'base64'), chave, null);
      if (texto !== null) return texto;
    }
    throw new ErroChaveCriptografia(
      'Não foi possível decifrar: a chave de criptografia não é a que cifrou este valor.'
    );
  }
  throw new ErroChaveCriptografia('Valor não está cifrado no formato esperado.');
};
