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
