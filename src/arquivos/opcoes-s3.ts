/**
 * Opções do `@strapi/provider-upload-aws-s3` lidas das variáveis `S3_*` (S3 ou MinIO). Uma só
 * definição, usada pelo armazenamento privado das faturas. Objetos sempre privados (ACL
 * `private`): o conteúdo só sai por URL assinada de vida curta.
 */
export interface OpcoesS3 {
  rootPath: string;
  s3Options: {
    credentials: { accessKeyId: string; secretAccessKey: string };
    region: string;
    endpoint?: string;
    forcePathStyle: boolean;
    params: { Bucket: string; ACL: 'private'; signedUrlExpires: number };
  };
}

type Ambiente = Record<string, string | undefined>;

const verdadeiro = (valor: string | undefined, padrao: boolean): boolean =>
  valor === undefined || valor === '' ? padrao : /^(1|true|sim)$/i.test(valor);

/** `null` quando `S3_BUCKET` não está definido (padrão embutido: disco local privado). */
export const lerOpcoesS3 = (ambiente: Ambiente = process.env): OpcoesS3 | null => {
  const bucket = ambiente.S3_BUCKET?.trim();
  if (!bucket) return null;
  const expira = Number(ambiente.S3_URL_ASSINADA_SEGUNDOS ?? 60);
  return {
    rootPath: ambiente.S3_PASTA_RAIZ ?? '',
    s3Options: {
      credentials: {
        accessKeyId: ambiente.S3_CHAVE_ACESSO ?? '',
        secretAccessKey: ambiente.S3_CHAVE_SECRETA ?? '',
      },
      region: ambiente.S3_REGIAO || 'us-east-1',
      ...(ambiente.S3_ENDPOINT ? { endpoint: ambiente.S3_ENDPOINT } : {}),
      forcePathStyle: verdadeiro(ambiente.S3_PATH_STYLE, true),
      params: {
        Bucket: bucket,
        ACL: 'private',
        signedUrlExpires: Number.isInteger(expira) && expira > 0 ? expira : 60,
      },
    },
  };
};
