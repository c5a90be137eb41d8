import { spawn, type ChildProcess } from 'child_process';
import net from 'net';

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

export const portaLivre = (): Promise<number> =>
  new Promise((resolver, rejeitar) => {
    const servidor = net.createServer();
    servidor.listen(0, '127.0.0.1', () => {
      const { port } = servidor.address() as net.AddressInfo;
      servidor.close(() => resolver(port));
    });
    servidor.on('error', rejeitar);
  });

const portaAberta = (porta: number): Promise<boolean> =>
  new Promise((resolver) => {
    const socket = net.connect(porta, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolver(true)));
    socket.once('error', () => resolver(false));
  });

const esperarPorta = async (porta: number, aberta: boolean): Promise<void> => {
  for (let i = 0; i < 100; i += 1) {
    if ((await portaAberta(porta)) === aberta) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`A porta ${porta} não ficou ${aberta ? 'aberta' : 'fechada'} em 5 s.`);
};
