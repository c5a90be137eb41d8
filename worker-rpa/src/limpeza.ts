import fs from 'fs';
import path from 'path';
import { matarProcessosCom } from './navegador/processos-chromium';

/** O processo ainda existe? */
const vivo = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (erro) {
    return (erro as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Na subida do worker: pastas de execução de workers mortos (ex.: `kill -9`) têm o Chromium
 * órfão encerrado e são apagadas. O pid do dono está no nome da pasta (`w<pid>-…`).
 */
export const limparOrfaos = (pastaBase: string): { pastas: number; processos: number } => {
  if (!fs.existsSync(pastaBase)) return { pastas: 0, processos: 0 };
  let pastas = 0;
  let processos = 0;
  for (const nome of fs.readdirSync(pastaBase)) {
    const dono = /^w(\d+)-/.exec(nome);
    if (!dono || vivo(Number(dono[1]))) continue;
    const pasta = path.join(pastaBase, nome);
    processos += matarProcessosCom(pasta);
    fs.rmSync(pasta, { recursive: true, force: true });
    pastas += 1;
  }
  return { pastas, processos };
};
