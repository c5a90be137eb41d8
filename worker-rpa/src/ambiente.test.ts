import fs from 'fs';
import os from 'os';
import path from 'path';
import { carregarEnv } from './ambiente';

test('o .env dá ao worker só as variáveis dele, sem passar por cima do ambiente', () => {
  const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-env-'));
  const arquivo = path.join(pasta, '.env');
  fs.writeFileSync(
    arquivo,
    [
      'ROBO_TOKEN=token-do-arquivo-0123456789-abcdefghij',
      'REDIS_URL=redis://arquivo:6379',
      'WORKER_CONCORRENCIA=3',
      'DATABASE_PASSWORD=segredo-do-banco',
      'CHAVE_CRIPTOGRAFIA=chave-das-senhas',
      'SAT_SENHA=senha-do-sat',
    ].join('\n')
  );
  const ambiente: NodeJS.ProcessEnv = { REDIS_URL: 'redis://ambiente:6379' };
  try {
    expect(carregarEnv(arquivo, ambiente)).toBe(2);
    expect(ambiente).toEqual({
      REDIS_URL: 'redis://ambiente:6379',
      ROBO_TOKEN: 'token-do-arquivo-0123456789-abcdefghij',
      WORKER_CONCORRENCIA: '3',
    });
    expect(carregarEnv(path.join(pasta, 'nao-existe'), ambiente)).toBe(0);
  } finally {
    fs.rmSync(pasta, { recursive: true, force: true });
  }
});
