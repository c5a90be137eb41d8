import createHttpError from 'http-errors';
import type { Core } from '@strapi/strapi';
import { identidadeAtual } from './requisitante';
import { configuracao } from '../configuracao';

/**
 * Janela deslizante por chave (em memória, por instância do Strapi): quantas vezes alguém pode
 * fazer uma operação por minuto. Usada nas exportações (CSV/JSON de execuções e a
 * rastreabilidade), que leem muito do banco, e nas rotas públicas do link de decisão.
 */
export class LimiteDeTaxa {
  private readonly usos = new Map<string, number[]>();

  constructor(
    readonly porMinuto: number,
    private readonly agora: () => number = Date.now
  ) {}

  /** Registra um uso; devolve em quantos segundos pode tentar de novo (0 = liberado). */
  usar(chave: string): number {
    const instante = this.agora();
    const recentes = (this.usos.get(chave) ?? []).filter((t) => instante - t < 60_000);
    if (recentes.length >= this.porMinuto) {
      this.usos.set(chave, recentes);
      return Math.max(1, Math.ceil((60_000 - (instante - recentes[0]!)) / 1000));
    }
    recentes.push(instante);
    this.usos.set(chave, recentes);
    if (this.usos.size > 10_000) this.usos.clear();
    return 0;
  }
}

interface OpcoesDoLimite {
  porMinuto: () => number;
  /** De quem é a janela (pessoa, IP...). */
  chave: (strapi: Core.Strapi, ctx: Parameters<Core.MiddlewareHandler>[0]) => string;
  mensagem: (limite: number, espera: number) => string;
}

/** Middleware de rota com uma janela por chave: 429 com `Retry-After` quando passa do limite. */
export const limitePorMinuto =
  (opcoes: OpcoesDoLimite) =>
  (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
    let limite: LimiteDeTaxa | null = null; // criado no primeiro uso, com o limite da configuração
    return async (ctx, next) => {
      limite ??= new LimiteDeTaxa(opcoes.porMinuto());
      const espera = limite.usar(opcoes.chave(strapi, ctx));
      if (espera > 0) {
        ctx.set('Retry-After', String(espera));
        throw Object.assign(createHttpError(429, opcoes.mensagem(limite.porMinuto, espera)), {
          details: { tentar_em_segundos: espera },
        });
      }
      await next();
    };
  };

/** Exportações: por pessoa e IP (rotas que leem muito do banco). */
export default limitePorMinuto({
  porMinuto: () => configuracao().limites.exportacoesPorMinuto,
  chave: (strapi, ctx) => `${identidadeAtual(strapi)}|${ctx.ip}`,
  mensagem: (limite, espera) =>
    `Exportações demais em pouco tempo: o limite é ${limite} por minuto. Tente de novo em ${espera} s.`,
});
