import type { ContextoExecucao, RPABase } from './rpa-base';
import {
  CODIGO_SAT,
  type ParametrosEntradaPadrao,
  resultadoDeErro,
  type ResultadoSaidaPadrao,
  TipoErro,
  TipoExecucao,
  type TipoExecucaoRobo,
} from '@orquestrador-rpa/contrato';

/**
 * Registro dos robôs por código da operadora (e `SAT` para o envio). Código desconhecido ou
 * operação fora do contrato viram resultado de erro, nunca exceção.
 */
export class ConcentradorRPA {
  private readonly robos = new Map<string, RPABase>();

  constructor(robos: readonly RPABase[] = []) {
    for (const robo of robos) this.registrar(robo);
  }

  registrar(robo: RPABase): this {
    const codigo = robo.codigo.trim().toUpperCase();
    if (this.robos.has(codigo)) throw new Error(`Já existe um robô registrado com o código ${codigo}.`);
    this.robos.set(codigo, robo);
    return this;
  }

  codigos(): string[] {
    return [...this.robos.keys()].sort();
  }

  possui(codigo: string): boolean {
    return this.robos.has(codigo.trim().toUpperCase());
  }

  async executarOperacao(
    operacao: TipoExecucaoRobo,
    parametros: ParametrosEntradaPadrao,
    contexto: ContextoExecucao = {}
  ): Promise<ResultadoSaidaPadrao> {
    const codigo =
      operacao === TipoExecucao.UPLOAD_SAT ? CODIGO_SAT : parametros.operadora_codigo.trim().toUpperCase();
    const robo = this.robos.get(codigo);
    if (!robo)
      return resultadoDeErro(`RPA não encontrado: ${codigo}`, TipoErro.NEGOCIO, {
        tentativa_numero: contexto.tentativa ?? 1,
      });
    if (operacao === TipoExecucao.DOWNLOAD_FATURA) return robo.executarDownload(parametros, contexto);
    if (operacao === TipoExecucao.UPLOAD_SAT) return robo.executarUploadSat(parametros, contexto);
    return resultadoDeErro(`Operação não suportada: ${String(operacao)}`, TipoErro.NEGOCIO);
  }
}
