import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import path from 'path';
import { portaLivre } from './portas';
import { esperar } from './worker';

/**
 * Strapis de verdade em processos filhos (mesmo dist/, mesmo banco e Redis do Strapi do teste,
 * pelas variáveis herdadas): para `kill -9` e para provar o que vale com vários servidores.
 */
const filhos: ChildProcess[] = [];

/** O processo filho e a porta em que ele atende. */
export type StrapiFilho = ChildProcess & { porta: number };

export const subirFilho = async (extras: Record<string, string>): Promise<StrapiFilho> => {
  const porta = await portaLivre();
  // A saída de cada filho fica em .tmp/ (ignorada) para diagnosticar uma falha.
  fs.mkdirSync(path.join(__dirname, '..', '..', '.tmp'), { recursive: true });
  const saida = fs.openSync(path.join(__dirname, '..', '..', '.tmp', `strapi-filho-${porta}.log`), 'w');
  const filho = spawn(process.execPath, [path.join(__dirname, 'strapi-filho.js')], {
    env: { ...process.env, ...extras, PORT: String(porta) },
    stdio: ['ignore', saida, saida],
  });
  fs.closeSync(saida);
  filhos.push(filho);
  await esperar(
    () =>
      fetch(`http://127.0.0.1:${porta}/_health`)
        .then((r) => r.status === 204)
        .catch(() => false),
    120_000
  );
  return Object.assign(filho, { porta });
};

export const matar = async (filho: ChildProcess): Promise<void> => {
  if (filho.exitCode !== null || filho.signalCode !== null) return;
  const saiu = new Promise((r) => filho.once('exit', r));
  filho.kill('SIGKILL');
  await saiu;
};

export const matarTodos = (): Promise<void[]> => Promise.all(filhos.map(matar));
