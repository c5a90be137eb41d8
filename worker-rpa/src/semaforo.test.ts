import { randomBytes } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import IORedis from 'ioredis';
import { SemaforoOperadora } from './semaforo';
import { limparOrfaos } from './limpeza';

/** Limite de sessões por portal contra o Redis real. */
let redis: IORedis;
const prefixo = `teste-semaforo-${randomBytes(4).toString('hex')}`;

beforeAll(() => {
  redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const chaves = await redis.keys(`${prefixo}:*`);
  if (chaves.length) await redis.del(...chaves);
  redis.disconnect();
});

test('com limite 2, a terceira sessão espera; liberar abre vaga; o mesmo dono não ocupa duas', async () => {
  const semaforo = new SemaforoOperadora(redis, prefixo, 10_000);
  const a = await semaforo.adquirir('emb', 'job-a', 2);
  const b = await semaforo.adquirir('EMB', 'job-b', 2);
  expect(a).not.toBeNull();
  expect(b).not.toBeNull();
  expect(await semaforo.adquirir('EMB', 'job-c', 2)).toBeNull();
  expect(await semaforo.adquirir('EMB', 'job-a', 2)).not.toBeNull();
  expect(await semaforo.ocupadas('EMB')).toBe(2);
  await a!.liberar();
  const c = await semaforo.adquirir('EMB', 'job-c', 2);
  expect(c).not.toBeNull();
  expect(await semaforo.adquirir('OI', 'job-d', 2)).not.toBeNull();
  await Promise.all([b!.liberar(), c!.liberar()]);
});

test('concessão de worker morto expira sozinha', async () => {
  const semaforo = new SemaforoOperadora(redis, prefixo, 300);
  await redis.zadd(`${prefixo}:sessoes:SAT`, String(Date.now() + 300), 'job-de-worker-morto');
  expect(await semaforo.adquirir('SAT', 'job-novo', 1)).toBeNull();
  await new Promise((r) => setTimeout(r, 400));
  const vaga = await semaforo.adquirir('SAT', 'job-novo', 1);
  expect(vaga).not.toBeNull();
  await vaga!.liberar();
});

test('limpeza na subida: apaga só as pastas de workers mortos', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'teste-limpeza-'));
  fs.mkdirSync(path.join(base, 'w999999999-exec'), { recursive: true });
  fs.mkdirSync(path.join(base, `w${process.pid}-exec`), { recursive: true });
  fs.mkdirSync(path.join(base, 'outra-pasta'));
  expect(limparOrfaos(base)).toEqual({ pastas: 1, processos: 0 });
  expect(fs.readdirSync(base).sort()).toEqual(['outra-pasta', `w${process.pid}-exec`]);
  expect(limparOrfaos(path.join(base, 'nao-existe'))).toEqual({ pastas: 0, processos: 0 });
  fs.rmSync(base, { recursive: true, force: true });
});
