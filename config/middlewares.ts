import type { Core } from '@strapi/strapi';
import { lerConfiguracaoOrquestrador } from '../src/configuracao';
import { limitesMultipart, PASTA_MULTIPART, registrarParte } from '../src/seguranca/multipart';

/**
 * Origens aceitas pelo CORS (com credenciais): `CORS_ORIGENS` (separadas por vírgula) ou, no
 * padrão, a própria URL do servidor. O admin é servido pela mesma origem e não depende disso.
 */
const origensCors = (env: Core.Config.Shared.ConfigParams['env']): string[] => {
  const configuradas = env('CORS_ORIGENS', '')
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
  if (configuradas.length) return configuradas;
  const porta = env('PORT', '1337');
  return [
    env('PUBLIC_URL', '').replace(/\/$/, ''),
    `http://127.0.0.1:${porta}`,
    `http://localhost:${porta}`,
  ].filter(Boolean);
};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  // Log de acesso com a URL sem tokens (o do Strapi grava o token do link de decisão).
  'global::registro-de-acesso',
  'strapi::errors',
  // Banco fora do ar → 503 em português; erro inesperado → 500 em português (detalhe só no log).
  'global::erros-do-servidor',
  {
    // A prévia da fatura no painel é um PDF em `blob:` dentro de um iframe.
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: { 'frame-src': ["'self'", 'blob:'], 'object-src': ["'self'", 'blob:'] },
      },
    },
  },
  { name: 'strapi::cors', config: { origin: origensCors(env), credentials: true } },
  // Sem `strapi::poweredBy`: o servidor não anuncia o que roda.
  'strapi::query',
  'global::cadastro-publico-desligado',
  'global::limite-populate',
  'global::multipart-temporario',
  {
    name: 'strapi::body',
    config: {
      formLimit: '1mb',
      jsonLimit: '2mb',
      textLimit: '1mb',
      formidable: {
        ...limitesMultipart(lerConfiguracaoOrquestrador(process.env).limites),
        uploadDir: PASTA_MULTIPART,
        keepExtensions: false,
        onFileBegin: registrarParte,
      },
    },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
