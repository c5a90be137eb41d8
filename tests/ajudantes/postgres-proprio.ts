import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

/**
 * Um PostgreSQL só deste teste (cluster novo numa pasta temporária, porta livre), para ser reiniciado
 * com o sistema rodando sem mexer no servidor que os outros testes usam. Os programas vêm do pacote
 * do Debian; como o `initdb` recusa rodar como root, o cluster pertence ao usuário `postgres`.
 */
export class PostgresProprio {
  readonly pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-proprio-'));

  constructor(readonly porta: number) {}

  /** URL de administração (confiança local, como o PostgreSQL dos testes). */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.porta}/postgres`;
  }

  async ligar(): Promise<void> {
    if (!fs.existsSync(path.join(this.pasta, 'dados', 'PG_VERSION'))) {
      if (ehRoot()) execFileSync('chown', ['postgres', this.pasta]);
      rodar('initdb', ['-D', this.dados, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    }
    rodar('pg_ctl', [
      '-D',
      this.dados,
      '-l',
      path.join(this.pasta, 'servidor.log'),
      '-w',
      '-o',
      `-p ${this.porta} -k ${this.pasta} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  }

  /** Parada imediata (sem checkpoint, como uma queda): a subida seguinte faz a recuperação do WAL. */
  async derrubar(): Promise<void> {
    rodar('pg_ctl', ['-D', this.dados, '-m', 'immediate', '-w', 'stop']);
  }

  async apagar(): Promise<void> {
    await this.derrubar().catch(() => undefined);
    fs.rmSync(this.pasta, { recursive: true, force: true });
  }

  private get dados(): string {
    return path.join(this.pasta, 'dados');
  }
}

const ehRoot = () => process.getuid?.() === 0;

/** Pasta dos programas do servidor (`pg_config --bindir` do pacote instalado). */
const pastaDosProgramas = (): string => {
  const base = '/usr/lib/postgresql';
  const versao = fs.existsSync(base) ? fs.readdirSync(base).sort().at(-1) : undefined;
  if (!versao) throw new Error('Programas do servidor PostgreSQL (initdb, pg_ctl) não encontrados.');
  return path.join(base, versao, 'bin');
};

const rodar = (programa: string, argumentos: string[]): void => {
  const caminho = path.join(pastaDosProgramas(), programa);
  const [comando, args] = ehRoot()
    ? ['runuser', ['-u', 'postgres', '--', caminho, ...argumentos]]
    : [caminho, argumentos];
  execFileSync(comando, args, { stdio: 'pipe', cwd: os.tmpdir() });
};
