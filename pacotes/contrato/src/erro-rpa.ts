import { TipoErro } from './robo.js';

/** Falha classificada lançada pelos robôs; o RPABase a transforma em ResultadoSaidaPadrao. */
export class ErroRPA extends Error {
  constructor(
    readonly tipo: TipoErro,
    mensagem: string,
    readonly detalhes: Record<string, unknown> = {}
  ) {
    super(mensagem);
    this.name = 'ErroRPA';
  }
}

export const erroLogin = (mensagem: string) => new ErroRPA(TipoErro.LOGIN, mensagem);
export const erroSemFatura = (mensagem: string, detalhes?: Record<string, unknown>) =>
  new ErroRPA(TipoErro.SEM_FATURA, mensagem, detalhes);
export const erroNegocio = (mensagem: string, detalhes?: Record<string, unknown>) =>
  new ErroRPA(TipoErro.NEGOCIO, mensagem, detalhes);
