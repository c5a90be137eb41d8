import type IORedis from 'ioredis';

/**
 * Limite de sessões simultâneas por portal, valendo para vários workers em várias máquinas:
 * um conjunto ordenado no Redis com uma concessão por job (validade renovada enquanto o robô roda).
 * Concessão de worker morto expira sozinha. O relógio é o do Redis (TIME), não o das máquinas.
 */
const ADQUIRIR = `
local agora = redis.call('TIME')
local ms = tonumber(agora[1]) * 1000 + math.floor(tonumber(agora[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms)
if redis.call('ZSCORE', KEYS[1], ARGV[3]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ms + tonumber(ARGV[1]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) * 2)
  return 1
end
return 0`;

export class SemaforoOperadora {
  constructor(
    private readonly redis: IORedis,
    private readonly prefixo: string,
    private readonly concessaoMs: number
  ) {}

  private chave(codigo: string): string {
    return `${this.prefixo}:sessoes:${codigo.toUpperCase()}`;
  }

  /** Tenta ocupar uma vaga; devolve a função que mantém e a que libera, ou null sem vaga. */
  async adquirir(
    codigo: string,
    dono: string,
    limite: number
  ): Promise<{ liberar: () => Promise<void> } | null> {
    const pegar = async () =>
      (await this.redis.eval(
        ADQUIRIR,
        1,
        this.chave(codigo),
        String(this.concessaoMs),
        String(limite),
        dono
      )) === 1;
    if (!(await pegar())) return null;
    const renovacao = setInterval(
      () => void pegar().catch(() => undefined),
      Math.max(1_000, Math.floor(this.concessaoMs / 3))
    );
    renovacao.unref();
    return {
      liberar: async () => {
        clearInterval(renovacao);
        await this.redis.zrem(this.chave(codigo), dono).catch(() => undefined);
      },
    };
  }

  /** Quantas vagas estão ocupadas agora (para testes e monitoração). */
  async ocupadas(codigo: string): Promise<number> {
    return this.redis.zcount(this.chave(codigo), `(${Date.now()}`, '+inf');
  }
}
