import { spawn, type ChildProcess } from 'child_process';
import path from 'path';

/** O worker de verdade (worker-rpa/dist, compilado no globalSetup) como processo filho. */
export class WorkerFilho {
  private processo: ChildProcess | null = null;
  readonly saida: string[] = [];

  constructor(private readonly ambiente: Record<string, string>) {}

  get pid(): number | undefined {
    return this.processo?.pid;
  }

  async ligar(): Promise<void> {
    const entrada = path.join(__dirname, '..', '..', 'worker-rpa', 'dist', 'src', 'index.js');
    const filho = spawn(process.execPath, [entrada], {
      env: { ...process.env, ...this.ambiente },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.processo = filho;
    const guardar = (parte: Buffer) => this.saida.push(...parte.toString().split('\n').filter(Boolean));
    filho.stdout!.on('data', guardar);
    filho.stderr!.on('data', guardar);
    await esperar(
      async () => this.saida.some((l) => l.includes('worker-rpa: pronto')),
      20_000,
      () => `worker não ficou pronto:\n${this.saida.join('\n')}`
    );
  }

  /** SIGKILL: o worker morre no meio do que estiver fazendo. */
  matar(): void {
    this.processo?.kill('SIGKILL');
    this.processo = null;
  }

  /** SIGTERM e espera sair (desligamento gracioso). */
  async desligar(): Promise<number | null> {
    const filho = this.processo;
    if (!filho) return null;
    this.processo = null;
    const saida = new Promise<number | null>((resolver) => filho.once('exit', (codigo) => resolver(codigo)));
    filho.kill('SIGTERM');
    return saida;
  }
}

export const esperar = async <T>(
  condicao: () => Promise<T | null | undefined | false>,
  ms = 60_000,
  explicar: () => string = () => ''
): Promise<T> => {
  const limite = Date.now() + ms;
  for (;;) {
    const valor = await condicao();
    if (valor) return valor;
    if (Date.now() > limite) throw new Error(`Condição não atendida em ${ms} ms. ${explicar()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};
