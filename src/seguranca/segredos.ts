import { TAMANHO_MINIMO_ROBO_TOKEN } from '@orquestrador-rpa/contrato';

/**
 * Segredos do servidor conferidos na subida (fora de teste): presentes, com tamanho mínimo e
 * diferentes dos valores de exemplo (`.env.example`, modelos do Strapi). Um segredo de exemplo em
 * produção equivale a não ter segredo.
 */
const EXEMPLOS = new Set([
  'troque',
  'troque1',
  'troque2',
  'tobemodified',
  'tobemodified1',
  'tobemodified2',
  'changeme',
  'secret',
  'segredo',
  'exemplo',
]);
const TAMANHO_MINIMO = 16;

/** Segredos que o Strapi exige fora de teste (além de APP_KEYS e, em produção, ROBO_TOKEN). */
export const SEGREDOS_OBRIGATORIOS = [
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
] as const;

export class ErroSegredos extends Error {
  constructor(readonly problemas: readonly string[]) {
    super(
      `O servidor não sobe com estes segredos: ${problemas.join(' ')} Gere valores novos (npm run iniciar gera um .env; em produção, veja docs/implantacao.md).`
    );
    this.name = 'ErroSegredos';
  }
}

const problemaDe = (nome: string, valor: string | undefined, minimo = TAMANHO_MINIMO): string | null => {
  if (!valor?.trim()) return `${nome} não está definida.`;
  if (EXEMPLOS.has(valor.trim().toLowerCase())) return `${nome} ainda tem o valor de exemplo.`;
  if (valor.trim().length < minimo) return `${nome} é curta demais (mínimo ${minimo} caracteres).`;
  return null;
};

/** Senha do banco de dentro da DATABASE_URL (ou DATABASE_PASSWORD). */
const senhaDoBanco = (ambiente: Record<string, string | undefined>): string | undefined => {
  if (ambiente.DATABASE_URL) {
    try {
      return decodeURIComponent(new URL(ambiente.DATABASE_URL).password) || undefined;
    } catch {
      return undefined;
    }
  }
  return ambiente.DATABASE_PASSWORD;
};

/** Em produção: as senhas do PostgreSQL e do S3/MinIO também não podem ser as de exemplo. */
const problemasDosServicos = (ambiente: Record<string, string | undefined>): Array<string | null> => [
  ambiente.DATABASE_CLIENT === 'postgres'
    ? problemaDe('A senha do PostgreSQL (DATABASE_URL ou DATABASE_PASSWORD)', senhaDoBanco(ambiente), 12)
    : null,
  ambiente.S3_BUCKET ? problemaDe('S3_CHAVE_SECRETA', ambiente.S3_CHAVE_SECRETA, 12) : null,
  ambiente.CHAVE_CRIPTOGRAFIA !== undefined
    ? problemaDe('CHAVE_CRIPTOGRAFIA', ambiente.CHAVE_CRIPTOGRAFIA, 32)
    : null,
];

/** Lista os problemas (vazia quando está tudo certo); em teste não confere nada. */
export const problemasDosSegredos = (
  ambiente: Record<string, string | undefined> = process.env
): string[] => {
  if (ambiente.NODE_ENV === 'test') return [];
  const problemas = SEGREDOS_OBRIGATORIOS.map((nome) => problemaDe(nome, ambiente[nome]));
  const chaves = (ambiente.APP_KEYS ?? '').split(',');
  problemas.push(
    ...(chaves.length < 2
      ? ['APP_KEYS precisa de ao menos duas chaves separadas por vírgula.']
      : chaves.map((chave, i) => problemaDe(`APP_KEYS[${i + 1}]`, chave)))
  );
  if (ambiente.ROBO_TOKEN !== undefined || ambiente.NODE_ENV === 'production')
    problemas.push(problemaDe('ROBO_TOKEN', ambiente.ROBO_TOKEN, TAMANHO_MINIMO_ROBO_TOKEN));
  if (ambiente.NODE_ENV === 'production') problemas.push(...problemasDosServicos(ambiente));
  return problemas.filter((p): p is string => p !== null);
};

export const exigirSegredos = (ambiente: Record<string, string | undefined> = process.env): void => {
  const problemas = problemasDosSegredos(ambiente);
  if (problemas.length) throw new ErroSegredos(problemas);
};
