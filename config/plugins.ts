import type { Core } from '@strapi/strapi';

const tiposPermitidos = ['image/*', 'application/pdf', 'text/plain', 'text/csv'];

const tiposNegados = [
  'image/svg+xml',
  'application/vnd.microsoft.portable-executable',
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-executable',
  'application/x-dosexec',
  'application/x-sh',
  'text/x-shellscript',
  'application/x-mach-binary',
];

/**
 * Com `S3_BUCKET` definido, faturas e mídias vão para S3/MinIO (objetos privados, lidos por URL
 * assinada); sem ele, disco local em public/uploads.
 */
const armazenamentoS3 = (env: Core.Config.Shared.ConfigParams['env']) => {
  const bucket = env('S3_BUCKET', '');
  if (!bucket) return {};
  return {
    provider: 'aws-s3',
    providerOptions: {
      ...(env('S3_URL_BASE', '') ? { baseUrl: env('S3_URL_BASE') } : {}),
      rootPath: env('S3_PASTA_RAIZ', ''),
      s3Options: {
        credentials: { accessKeyId: env('S3_CHAVE_ACESSO'), secretAccessKey: env('S3_CHAVE_SECRETA') },
        region: env('S3_REGIAO', 'us-east-1'),
        ...(env('S3_ENDPOINT', '') ? { endpoint: env('S3_ENDPOINT') } : {}),
        forcePathStyle: env.bool('S3_PATH_STYLE', true),
        params: { Bucket: bucket, ACL: 'private', signedUrlExpires: 300 },
      },
    },
  };
};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtManagement: 'refresh',
      sessions: { httpOnly: true },
    },
  },
  upload: {
    config: {
      security: { allowedTypes: tiposPermitidos, deniedTypes: tiposNegados },
      ...armazenamentoS3(env),
    },
  },
  graphql: {
    enabled: true,
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      landingPage: env('NODE_ENV') !== 'production',
      defaultLimit: 25,
      maxLimit: 100,
      depthLimit: 10,
      amountLimit: 100,
    },
  },
  'orquestrador-rpa': {
    enabled: true,
    resolve: './src/plugins/orquestrador-rpa',
  },
});

export default config;
