import { spawn, type ChildProcess } from 'child_process';
import { portaAberta } from './portas';

/** Um redis-server só deste teste, numa porta livre, que pode ser derrubado e religado. */
export class RedisProprio {
  private processo: ChildProcess | null = null;

  constructor(readonly porta: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.porta}`;
  }

  async ligar(): Promise<void> {
    this.processo = spawn(
      'redis-server',
      ['--port', String(this.porta), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' }
    );
    await esperarPorta(this.porta, true);
  }

  /** SIGKILL: queda abrupta, como um Redis que some da rede. */
  async derrubar(): Promise<void> {
    this.processo?.kill('SIGKILL');
    this.processo = null;
    await esperarPorta(this.porta, false);
  }
}

const esperarPorta = async (porta: number, aberta: boolean): Promise<void> => {
  for (let i = 0; i < 100; i += 1) {
    if ((await portaAberta(porta)) === aberta) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`A porta ${porta} não ficou ${aberta ? 'aberta' : 'fechada'} em 5 s.`);
};
