/**
 * Similaridade de Ratcliff/Obershelp (a mesma medida do `difflib.SequenceMatcher.ratio` que o
 * legado usava para escolher a filial): 2·M / T, com M = caracteres em blocos comuns.
 */
const blocoComum = (a: string, b: string): { i: number; j: number; tamanho: number } => {
  let melhor = { i: 0, j: 0, tamanho: 0 };
  let anterior = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    const atual = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j += 1) {
      if (a[i - 1] === b[j - 1]) {
        atual[j] = anterior[j - 1]! + 1;
        if (atual[j]! > melhor.tamanho) melhor = { i: i - atual[j]!, j: j - atual[j]!, tamanho: atual[j]! };
      }
    }
    anterior = atual;
  }
  return melhor;
};

const coincidencias = (a: string, b: string): number => {
  if (!a.length || !b.length) return 0;
  const { i, j, tamanho } = blocoComum(a, b);
  if (tamanho === 0) return 0;
  return (
    tamanho +
    coincidencias(a.slice(0, i), b.slice(0, j)) +
    coincidencias(a.slice(i + tamanho), b.slice(j + tamanho))
  );
};

export const similaridade = (a: string, b: string): number => {
  const total = a.length + b.length;
  return total === 0 ? 1 : (2 * coincidencias(a, b)) / total;
};

/** A opção mais parecida (comparação em maiúsculas), se atingir o corte (padrão 0,6 como no legado). */
export const maisParecida = (
  alvo: string,
  opcoes: readonly string[],
  corte = 0.6
): { opcao: string; nota: number } | null => {
  const referencia = alvo.trim().toUpperCase();
  let melhor: { opcao: string; nota: number } | null = null;
  for (const opcao of opcoes) {
    const nota = similaridade(referencia, opcao.trim().toUpperCase());
    if (nota >= corte && (!melhor || nota > melhor.nota)) melhor = { opcao, nota };
  }
  return melhor;
};

const somenteDigitos = (texto: string): string => texto.replace(/\D/g, '');

/**
 * `contains_similar_substring` do legado (robô da Oi): só os dígitos de cada texto; uma janela do
 * tamanho do menor desliza pelo maior, e basta um trecho com similaridade ≥ `limiar` (0,7).
 */
export const contemSubstringParecida = (textoSite: string, textoBanco: string, limiar = 0.7): boolean => {
  const [a, b] = [somenteDigitos(textoSite), somenteDigitos(textoBanco)];
  const [maior, menor] = a.length > b.length ? [a, b] : [b, a];
  for (let i = 0; i <= maior.length - menor.length; i += 1) {
    if (similaridade(maior.slice(i, i + menor.length), menor) >= limiar) return true;
  }
  return false;
};
