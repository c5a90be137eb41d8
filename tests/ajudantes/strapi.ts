import fs from 'fs';
import os from 'os';
import path from 'path';
import { createStrapi, type Core } from '@strapi/strapi';
import { randomBytes } from 'crypto';
import { criarBancoTeste, type BancoTeste } from './banco';
import { apagarPrefixo } from './filas';

/** Strapi real carregado no processo do Jest, sobre um banco descartável. */

export const CHAVE_TESTE = Buffer.alloc(32, 7).toString('base64');
export const TOKEN_ROBO_TESTE = 'token-robo-teste-0123456789-abcdefghij';

/** Prefixo das filas no Redis real, próprio deste arquivo de teste. */
export const PREFIXO_FILAS = `teste-orq-${process.pid}-${randomBytes(3).toString('hex')}`;

let banco: BancoTeste | null = null;

/** Disco privado das faturas e capturas deste arquivo de teste (apagado no fim). */
export const PASTA_ARMAZENAMENTO = fs.mkdtempSync(path.join(os.tmpdir(), 'teste-armazenamento-'));
let instancia: Core.Strapi | null = null;

const variaveisBase = (): Record<string, string> => ({
  NODE_ENV: 'test',
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_DISABLE_CRON: 'true',
  HOST: '127.0.0.1',
  PORT: '0',
  APP_KEYS: 'chaveTesteA,chaveTesteB',
  API_TOKEN_SALT: 'sal-teste',
  ADMIN_JWT_SECRET: 'segredo-admin-teste',
  JWT_SECRET: 'segredo-jwt-teste',
  TRANSFER_TOKEN_SALT: 'sal-transferencia-teste',
  ENCRYPTION_KEY: 'chave-cifra-admin-teste-0123456789',
  CHAVE_CRIPTOGRAFIA: CHAVE_TESTE,
  FILAS_PREFIXO: PREFIXO_FILAS,
  FILAS_INTERVALO_DESPACHO_MS: '0',
  RECONCILIADOR_INTERVALO_MS: '0',
  ROBO_TOKEN: TOKEN_ROBO_TESTE,
  PORTAIS_LOCAIS_PERMITIDOS: 'true',
  ARMAZENAMENTO_PASTA: PASTA_ARMAZENAMENTO,
});

/**
 * Sobe o Strapi (uma vez por arquivo de teste); `extras` sobrepõe variáveis de ambiente.
 * `servirPainel` serve o admin compilado (`strapi build`), para os testes de ponta a ponta.
 */
export const iniciarStrapi = async (
  extras: Record<string, string> = {},
  servirPainel = false
): Promise<Core.Strapi> => {
  if (instancia) return instancia;
  banco ??= await criarBancoTeste();
  Object.assign(process.env, variaveisBase(), banco.variaveis, extras);
  const raiz = path.join(__dirname, '..', '..');
  instancia = await createStrapi({
    appDir: raiz,
    distDir: path.join(raiz, 'dist'),
    autoReload: false,
    serveAdminPanel: servirPainel,
  }).load();
  instancia.server.mount();
  (instancia.log as unknown as { level: string }).level = 'error';
  return instancia;
};

/** Desliga o Strapi mantendo o banco (para provar o que sobrevive a um reinício). */
export const pararStrapi = async (): Promise<void> => {
  if (!instancia) return;
  await instancia.destroy();
  instancia = null;
};

/** Desliga o Strapi e apaga o banco descartável. */
export const encerrarStrapi = async (): Promise<void> => {
  await pararStrapi();
  await banco?.apagar();
  await apagarPrefixo(PREFIXO_FILAS).catch(() => undefined);
  fs.rmSync(PASTA_ARMAZENAMENTO, { recursive: true, force: true });
  banco = null;
};

export const clienteDoBanco = (): BancoTeste['cliente'] => banco?.cliente ?? 'sqlite';

/** Variáveis que apontam para o banco descartável deste arquivo (para subir um Strapi em outro processo). */
export const variaveisDoBanco = (): Record<string, string> => ({
  ...variaveisBase(),
  ...(banco?.variaveis ?? {}),
});
