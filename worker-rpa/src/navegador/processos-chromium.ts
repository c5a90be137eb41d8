import fs from 'fs';

/**
 * Processos do sistema cuja linha de comando contém um marcador (a pasta de perfil única de uma
 * execução). Serve para matar o Chromium de uma execução que travou e para provar que não sobrou órfão.
 */
export const processosCom = (marcador: string): number[] => {
  const pids: number[] = [];
  for (const nome of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(nome)) continue;
    try {
      const linha = fs.readFileSync(`/proc/${nome}/cmdline`, 'utf8');
      if (linha.includes(marcador)) pids.push(Number(nome));
    } catch {
      // processo terminou durante a leitura
    }
  }
  return pids.filter((pid) => pid !== process.pid);
};

export const matarProcessosCom = (marcador: string): number => {
  const pids = processosCom(marcador);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // já terminou
    }
  }
  return pids.length;
};

/** Espera até `limiteMs` que não reste processo com o marcador; devolve se conseguiu. */
export const esperarSemProcessos = async (marcador: string, limiteMs: number): Promise<boolean> => {
  const fim = Date.now() + limiteMs;
  for (;;) {
    if (processosCom(marcador).length === 0) return true;
    if (Date.now() > fim) return false;
    await new Promise((resolver) => setTimeout(resolver, 100));
  }
};
