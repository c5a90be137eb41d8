import createHttpError from 'http-errors';
import type { Core } from '@strapi/strapi';
import { identidadeAtual } from './requisitante';
import { configuracao } from '../configuracao';

/**
 * Janela deslizante por identidade (em memória, por instância do Strapi): quantas vezes alguém
 * pode fazer uma operação cara por minuto. Usada nas exportações (CSV/JSON de execuções e a
 * rastreabilidade), que leem muito do banco.
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

/** Uma janela para todas as rotas de exportação (criada no primeiro uso, com o limite da configuração). */
let limiteExportacao: LimiteDeTaxa | null = null;

/** Middleware de rota das exportações: 429 com `Retry-After` quando a pessoa passa do limite. */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (ctx, next) => {
    limiteExportacao ??= new LimiteDeTaxa(configuracao().limites.exportacoesPorMinuto);
    const espera = limiteExportacao.usar(`${identidadeAtual(strapi)}|${ctx.ip}`);
    if (espera > 0) {
      ctx.set('Retry-After', String(espera));
      throw Object.assign(
        createHttpError(
          429,
          `Exportações demais em pouco tempo: o limite é ${limiteExportacao.porMinuto} por minuto. Tente de novo em ${espera} s.`
        ),
        { details: { tentar_em_segundos: espera } }
      );
    }
    await next();
  };
