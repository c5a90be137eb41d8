import createHttpError from 'http-errors';
import type { Core } from '@strapi/strapi';
import { identidadeAtual } from './requisitante';
import { configuracao } from '../configuracao';

/**
 * Janela deslizante por chave (em memória, por instância do Strapi): quantas vezes alguém pode
 * fazer uma operação por minuto. Usada nas exportações (CSV/JSON de execuções e a
 * rastreabilidade), que leem muito do banco, na importação de clientes e nas rotas públicas do
 * link de decisão.
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

/** Uma janela por operação, com o limite da configuração (refeita se a configuração muda). */
const janelas = new Map<string, LimiteDeTaxa>();
const janela = (operacao: string, porMinuto: number): LimiteDeTaxa => {
  let limite = janelas.get(operacao);
  if (limite?.porMinuto !== porMinuto) janelas.set(operacao, (limite = new LimiteDeTaxa(porMinuto)));
  return limite;
};

type Mensagem = (limite: number, espera: number) => string;
const demais =
  (oQue: string): Mensagem =>
  (limite, espera) =>
    `${oQue} demais em pouco tempo: o limite é ${limite} por minuto. Tente de novo em ${espera} s.`;

/** Registra um uso de `chave`; passou do limite, 429 em português com `Retry-After`. */
const conferirLimite = (
  ctx: { set: (campo: string, valor: string) => void },
  limite: LimiteDeTaxa,
  chave: string,
  mensagem: Mensagem
): void => {
  const espera = limite.usar(chave);
  if (espera === 0) return;
  ctx.set('Retry-After', String(espera));
  throw Object.assign(createHttpError(429, mensagem(limite.porMinuto, espera)), {
    details: { tentar_em_segundos: espera },
  });
};

/**
 * Importação de clientes (prévia e definitiva, pela API ou pelo painel): limite por pessoa, a
 * identidade de login sem o IP (trocar de endereço não renova a cota).
 */
export const limitarImportacao = (strapi: Core.Strapi, ctx: Parameters<typeof conferirLimite>[0]): void =>
  conferirLimite(
    ctx,
    janela('importacao', configuracao().limites.importacoesPorMinuto),
    identidadeAtual(strapi),
    demais('Importações (prévias e definitivas)')
  );

/** Middleware de rota das exportações: 429 com `Retry-After` quando a pessoa passa do limite. */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (ctx, next) => {
    conferirLimite(
      ctx,
      janela('exportacao', configuracao().limites.exportacoesPorMinuto),
      `${identidadeAtual(strapi)}|${ctx.ip}`,
      demais('Exportações')
    );
    await next();
  };

/**
 * Rotas públicas do link de decisão: limite por IP (o token é a credencial; quem tenta adivinhá-lo
 * ou martela a página é freado antes de qualquer consulta ao banco).
 */
export const limiteDecisoes = (): Core.MiddlewareHandler => async (ctx, next) => {
  conferirLimite(
    ctx,
    janela('decisao', configuracao().limites.decisoesPorMinuto),
    ctx.ip,
    (limite, espera) =>
      `Pedidos demais a links de decisão deste endereço (limite de ${limite} por minuto). Tente de novo em ${espera} s.`
  );
  await next();
};
