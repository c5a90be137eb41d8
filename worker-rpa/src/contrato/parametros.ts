import { congelarProfundo } from './congelar';

/**
 * Entrada de todo robô: exatamente os campos da especificação (snake_case) e os poucos que os
 * fluxos do legado exigem (cnpj, mes_ano, razão social, nome da operadora; arquivo e vencimento
 * para o SAT). Criada só por `criarParametros`, que valida e congela em profundidade.
 */
export interface ParametrosEntradaPadrao {
  readonly id_processo: string;
  readonly id_cliente: string;
  readonly operadora_codigo: string;
  readonly url_portal: string;
  readonly usuario: string;
  readonly senha: string;
  readonly cpf: string | null;
  readonly filtro: string | null;
  readonly nome_sat: string;
  readonly dados_sat: string;
  readonly unidade: string;
  readonly servico: string;
  readonly cnpj: string;
  /** Competência do processo, AAAA-MM. */
  readonly mes_ano: string;
  readonly razao_social: string;
  readonly operadora_nome: string;
  /** Envio ao SAT: caminho local do PDF aprovado (o worker o traz do armazenamento antes). */
  readonly arquivo_fatura: string | null;
  /** Envio ao SAT: vencimento da fatura, AAAA-MM-DD. */
  readonly data_vencimento: string | null;
}

export const CAMPOS_PARAMETROS = [
  'id_processo', 'id_cliente', 'operadora_codigo', 'url_portal', 'usuario', 'senha', 'cpf', 'filtro', 'nome_sat', 'dados_sat',
  'unidade', 'servico', 'cnpj', 'mes_ano', 'razao_social', 'operadora_nome', 'arquivo_fatura', 'data_vencimento',
] as const satisfies ReadonlyArray<keyof ParametrosEntradaPadrao>;

const OPCIONAIS = new Set<string>(['cpf', 'filtro', 'arquivo_fatura', 'data_vencimento', 'dados_sat', 'servico', 'razao_social', 'operadora_nome', 'nome_sat', 'unidade', 'cnpj']);

export class ErroParametros extends Error {
  constructor(readonly problemas: readonly string[]) {
    super(`Parâmetros de entrada inválidos: ${problemas.join('; ')}.`);
    this.name = 'ErroParametros';
  }
}

const texto = (valor: unknown): string | null => (valor === null || valor === undefined ? null : String(valor).trim());

/** Valida, normaliza (texto aparado, opcionais ausentes = null/"") e congela. Campo desconhecido é erro. */
export const criarParametros = (dados: Record<string, unknown>): ParametrosEntradaPadrao => {
  const problemas: string[] = [];
  const desconhecidos = Object.keys(dados).filter((campo) => !(CAMPOS_PARAMETROS as readonly string[]).includes(campo));
  if (desconhecidos.length) problemas.push(`campos fora do contrato: ${desconhecidos.join(', ')}`);
  const saida: Record<string, string | null> = {};
  for (const campo of CAMPOS_PARAMETROS) {
    const valor = texto(dados[campo]);
    if (!OPCIONAIS.has(campo) && !valor) problemas.push(`${campo} é obrigatório`);
    const anulavel = campo === 'cpf' || campo === 'filtro' || campo === 'arquivo_fatura' || campo === 'data_vencimento';
    saida[campo] = valor || (anulavel ? null : '');
  }
  if (saida.mes_ano && !/^\d{4}-(0[1-9]|1[0-2])$/.test(saida.mes_ano)) problemas.push(`mes_ano "${saida.mes_ano}" fora do formato AAAA-MM`);
  if (saida.data_vencimento && !/^\d{4}-\d{2}-\d{2}$/.test(saida.data_vencimento)) problemas.push(`data_vencimento "${saida.data_vencimento}" fora do formato AAAA-MM-DD`);
  if (problemas.length) throw new ErroParametros(problemas);
  return congelarProfundo(saida) as unknown as ParametrosEntradaPadrao;
};

/** Cópia para logs e banco: a senha nunca sai do robô. */
export const parametrosSemSenha = (parametros: ParametrosEntradaPadrao): Omit<ParametrosEntradaPadrao, 'senha'> => {
  const { senha: _senha, ...resto } = parametros;
  return resto;
};
