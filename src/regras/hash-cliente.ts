import { createHash } from 'crypto';

/** Campos que compõem a hash do cadastro, na ordem do legado (`generate_hash_cad`). */
export interface CamposHashCliente {
  nome_sat?: string | null;
  operadora_nome?: string | null;
  servico?: string | null;
  dados_sat?: string | null;
  filtro?: string | null;
  unidade?: string | null;
}

/** Remove espaços das pontas como o `str.strip()` do Python (espaços Unicode incluídos). */
// Os separadores de informação (\x1c–\x1f) contam como espaço no `str.strip()` do Python.
// eslint-disable-next-line no-control-regex -- os caracteres de controle são de propósito
const ESPACOS_NAS_PONTAS = new RegExp('^[\\s\\u0085\\u001c-\\u001f]+|[\\s\\u0085\\u001c-\\u001f]+$', 'gu');
const aparar = (valor: string): string => valor.replace(ESPACOS_NAS_PONTAS, '');

/**
 * Hash única do cliente, compatível com o legado: SHA-256 em hex, 16 primeiros caracteres,
 * de `[nome_sat, operadora, servico, dados_sat, filtro, unidade]` com `strip().lower()`, unidos por `-`.
 */
export const calcularHashCliente = (campos: CamposHashCliente): string => {
  const partes = [
    campos.nome_sat,
    campos.operadora_nome,
    campos.servico,
    campos.dados_sat,
    campos.filtro,
    campos.unidade,
  ].map((valor) => aparar(valor ?? '').toLowerCase());
  return createHash('sha256').update(partes.join('-'), 'utf8').digest('hex').slice(0, 16);
};
