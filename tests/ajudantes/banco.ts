import { randomBytes } from 'crypto';
import path from 'path';
import fs from 'fs';
import { Client } from 'pg';

/**
 * Banco descartável por arquivo de teste: PostgreSQL real quando alcançável (o CI usa o de
 * 127.0.0.1:5432), senão um arquivo SQLite em .tmp/. `TESTE_BANCO=sqlite` força o SQLite.
 */
// Lida a cada uso: um teste pode apontar para um PostgreSQL próprio antes de subir o Strapi.
export const urlAdminPg = (): string =>
  process.env.TESTE_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BancoTeste {
  cliente: 'postgres' | 'sqlite';
  variaveis: Record<string, string>;
  apagar: () => Promise<void>;
}

const postgresAlcancavel = async (): Promise<boolean> => {
  if (process.env.TESTE_BANCO === 'sqlite') return false;
  const conexao = new Client({ connectionString: urlAdminPg(), connectionTimeoutMillis: 2000 });
  try {
    await conexao.connect();
    await conexao.end();
    return true;
  } catch {
    if (process.env.CI === 'true')
      throw new Error(`PostgreSQL de testes inalcançável em ${urlAdminPg()} (obrigatório no CI).`);
    return false;
  }
};

export const comAdmin = async (sql: string): Promise<void> => {
  const conexao = new Client({ connectionString: urlAdminPg() });
  await conexao.connect();
  try {
    await conexao.query(sql);
  } finally {
    await conexao.end();
  }
};

export const criarBancoTeste = async (): Promise<BancoTeste> => {
  const nome = `teste_orq_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (await postgresAlcancavel()) {
    await comAdmin(`CREATE DATABASE ${nome}`);
    const url = new URL(urlAdminPg());
    url.pathname = `/${nome}`;
    return {
      cliente: 'postgres',
      variaveis: {
        DATABASE_CLIENT: 'postgres',
        DATABASE_URL: url.toString(),
        DATABASE_POOL_MIN: '0',
        DATABASE_POOL_MAX: '5',
      },
      apagar: () => comAdmin(`DROP DATABASE IF EXISTS ${nome} WITH (FORCE)`),
    };
  }
  const arquivo = path.join('.tmp', `${nome}.db`);
  return {
    cliente: 'sqlite',
    variaveis: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: arquivo },
    apagar: async () => {
      for (const sufixo of ['', '-wal', '-shm'])
        fs.rmSync(path.join(process.cwd(), arquivo + sufixo), { force: true });
    },
  };
};
