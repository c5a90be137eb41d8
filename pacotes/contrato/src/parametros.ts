import { ehCompetencia, ehData } from './competencia.js';
import { congelarProfundo } from './congelar.js';

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
  /** Hash do cadastro do cliente (a do legado): dá o nome do arquivo `{hash}_{DD-MM-AAAA}.pdf`. */
  readonly hash_cliente: string;
  /** Hosts onde o robô pode navegar e digitar a senha (`*.dominio` vale para subdomínios). */
  readonly dominios_permitidos: readonly string[];
}

export const CAMPOS_PARAMETROS = [
  'id_processo',
  'id_cliente',
  'operadora_codigo',
  'url_portal',
  'usuario',
  'senha',
  'cpf',
  'filtro',
  'nome_sat',
  'dados_sat',
  'unidade',
  'servico',
  'cnpj',
  'mes_ano',
  'razao_social',
  'operadora_nome',
  'arquivo_fatura',
  'data_vencimento',
  'hash_cliente',
  'dominios_permitidos',
] as const satisfies ReadonlyArray<keyof ParametrosEntradaPadrao>;

const OPCIONAIS = new Set<string>([
  'cpf',
  'filtro',
  'arquivo_fatura',
  'data_vencimento',
  'dados_sat',
  'servico',
  'razao_social',
  'operadora_nome',
  'nome_sat',
  'unidade',
  'cnpj',
  'hash_cliente',
]);

export class ErroParametros extends Error {
  constructor(readonly problemas: readonly string[]) {
    super(`Parâmetros de entrada inválidos: ${problemas.join('; ')}.`);
    this.name = 'ErroParametros';
  }
}

const texto = (valor: unknown): string | null =>
  valor === null || valor === undefined ? null : String(valor).trim();

/** Lista de textos (array ou separada por vírgula), aparados e sem vazios. */
const lerLista = (valor: unknown): string[] =>
  (Array.isArray(valor) ? valor.map(String) : typeof valor === 'string' ? valor.split(',') : [])
    .map((v) => v.trim())
    .filter(Boolean);

/** Valida, normaliza (texto aparado, opcionais ausentes = null/"") e congela. Campo desconhecido é erro. */
export const criarParametros = (dados: Record<string, unknown>): ParametrosEntradaPadrao => {
  const problemas: string[] = [];
  const desconhecidos = Object.keys(dados).filter(
    (campo) => !(CAMPOS_PARAMETROS as readonly string[]).includes(campo)
  );
  if (desconhecidos.length) problemas.push(`campos fora do contrato: ${desconhecidos.join(', ')}`);
  const saida: Record<string, string | null | string[]> = {};
  for (const campo of CAMPOS_PARAMETROS) {
    if (campo === 'dominios_permitidos') {
      saida[campo] = lerLista(dados[campo]);
      continue;
    }
    const valor = texto(dados[campo]);
    if (!OPCIONAIS.has(campo) && !valor) problemas.push(`${campo} é obrigatório`);
    const anulavel =
      campo === 'cpf' || campo === 'filtro' || campo === 'arquivo_fatura' || campo === 'data_vencimento';
    saida[campo] = valor || (anulavel ? null : '');
  }
  const { mes_ano: mes, data_vencimento: vencimento } = saida as Record<string, string | null>;
  if (mes && !ehCompetencia(mes)) problemas.push(`mes_ano "${mes}" fora do formato AAAA-MM`);
  if (vencimento && !ehData(vencimento))
    problemas.push(`data_vencimento "${vencimento}" fora do formato AAAA-MM-DD`);
  if (problemas.length) throw new ErroParametros(problemas);
  return congelarProfundo(saida) as unknown as ParametrosEntradaPadrao;
};

/** Cópia para logs e banco: a senha nunca sai do robô. */
export const parametrosSemSenha = (
  parametros: ParametrosEntradaPadrao
): Omit<ParametrosEntradaPadrao, 'senha'> => {
  const { senha: _senha, ...resto } = parametros;
  return resto;
};
