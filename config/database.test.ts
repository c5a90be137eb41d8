import path from 'path';
import { env } from '@strapi/utils';
import configuracaoDoBanco from './database';

/** Configuração do banco lida das variáveis: caminho do SQLite absoluto ou relativo e cliente inválido. */
const comAmbiente = (variaveis: Record<string, string>) => {
  const antes = { ...process.env };
  Object.assign(process.env, variaveis);
  try {
    return configuracaoDoBanco({ env } as never);
  } finally {
    process.env = antes;
  }
};
const arquivo = (config: ReturnType<typeof configuracaoDoBanco>) =>
  (config.connection as { connection: { filename: string } }).connection.filename;

test('DATABASE_FILENAME absoluto é usado como está; relativo fica sob a raiz do app', () => {
  const absoluto = path.join('/var/lib/orquestrador', 'dados.db');
  expect(arquivo(comAmbiente({ DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: absoluto }))).toBe(absoluto);
  const relativo = arquivo(comAmbiente({ DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: '.tmp/outro.db' }));
  expect(path.isAbsolute(relativo)).toBe(true);
  expect(relativo.endsWith(path.join('.tmp', 'outro.db'))).toBe(true);
});

test('cliente de banco desconhecido: erro claro em português', () => {
  expect(() => comAmbiente({ DATABASE_CLIENT: 'oracle' })).toThrow(
    'DATABASE_CLIENT "oracle" não é suportado: use "postgres", "mysql" ou "sqlite".'
  );
});

test('PostgreSQL: JIT desligado por padrão nas conexões; DATABASE_JIT=true o devolve ao servidor', () => {
  const opcoes = (config: ReturnType<typeof configuracaoDoBanco>) =>
    (config.connection as { connection: { options?: string } }).connection.options;
  expect(opcoes(comAmbiente({ DATABASE_CLIENT: 'postgres' }))).toBe('-c jit=off');
  expect(opcoes(comAmbiente({ DATABASE_CLIENT: 'postgres', DATABASE_JIT: 'true' }))).toBeUndefined();
});
