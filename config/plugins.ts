import type { Core } from '@strapi/strapi';
import { LIMITES_PADRAO, regraLimitesGraphql } from '../src/seguranca/graphql-limites';

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
 * Faturas e capturas não passam pela Media Library: ficam no armazenamento privado
 * (`src/arquivos`, disco local fora de public/ ou bucket S3/MinIO privado pelas variáveis `S3_*`).
 * A Media Library do Strapi fica no disco local, só para o que for público de propósito.
 */
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
      // Reserva: a regra própria (mensagem em português, também aliases e total de campos) barra antes.
      depthLimit: LIMITES_PADRAO.profundidade + 4,
      amountLimit: 100,
      // As regras de validação se somam às do plugin; o CORS do GraphQL é o global (`strapi::cors`),
      // não o "qualquer origem" do plugin.
      apolloServer: { validationRules: [regraLimitesGraphql()], cors: false },
    },
  },
  // E-mail pelo plugin do Strapi com nodemailer (SMTP_*); sem SMTP_HOST o canal aparece desligado no painel.
  ...(env('SMTP_HOST')
    ? {
        email: {
          config: {
            provider: 'nodemailer',
            providerOptions: {
              host: env('SMTP_HOST'),
              port: env.int('SMTP_PORTA', 587),
              secure: env.bool('SMTP_SEGURO', false),
              ...(env('SMTP_USUARIO')
                ? { auth: { user: env('SMTP_USUARIO'), pass: env('SMTP_SENHA') } }
                : {}),
              connectionTimeout: 15_000,
              greetingTimeout: 10_000,
              socketTimeout: 20_000,
            },
            settings: {
              defaultFrom: env('EMAIL_REMETENTE', 'Orquestrador RPA <nao-responda@orquestrador.local>'),
            },
          },
        },
      }
    : {}),
  'orquestrador-rpa': {
    enabled: true,
    resolve: './src/plugins/orquestrador-rpa',
  },
});

export default config;
