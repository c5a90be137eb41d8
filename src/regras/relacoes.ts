/**
 * Lê o alvo de uma relação "para um" na entrada do Document Service, em qualquer das formas
 * aceitas pelo Strapi (REST, GraphQL, Content Manager): documentId, id, `{ documentId }`,
 * `{ connect: [...] }`, `{ set: [...] }`, `{ disconnect: [...] }`.
 */
export type AlvoRelacao =
  { tipo: 'inalterada' } | { tipo: 'removida' } | { tipo: 'definida'; documentId?: string; id?: number };

const lerReferencia = (valor: unknown): AlvoRelacao | null => {
  if (typeof valor === 'string' && valor.trim() !== '') {
    return /^\d+$/.test(valor)
      ? { tipo: 'definida', id: Number(valor) }
      : { tipo: 'definida', documentId: valor };
  }
  if (typeof valor === 'number') return { tipo: 'definida', id: valor };
  if (valor && typeof valor === 'object') {
    const { documentId, id } = valor as { documentId?: unknown; id?: unknown };
    if (typeof documentId === 'string') return { tipo: 'definida', documentId };
    if (typeof id === 'number' || typeof id === 'string') return lerReferencia(id);
  }
  return null;
};

const ultimo = (lista: unknown): unknown => (Array.isArray(lista) ? lista[lista.length - 1] : lista);

export const lerAlvoRelacao = (entrada: unknown): AlvoRelacao => {
  if (entrada === undefined) return { tipo: 'inalterada' };
  if (entrada === null) return { tipo: 'removida' };
  if (Array.isArray(entrada))
    return entrada.length === 0
      ? { tipo: 'removida' }
      : (lerReferencia(ultimo(entrada)) ?? { tipo: 'inalterada' });
  const direta = lerReferencia(entrada);
  if (direta && !(typeof entrada === 'object' && ('connect' in entrada || 'set' in entrada))) return direta;
  const { connect, set, disconnect } = entrada as { connect?: unknown; set?: unknown; disconnect?: unknown };
  if (set !== undefined)
    return (Array.isArray(set) && set.length === 0) || set === null
      ? { tipo: 'removida' }
      : (lerReferencia(ultimo(set)) ?? { tipo: 'inalterada' });
  const conectada = Array.isArray(connect) ? ultimo(connect) : connect;
  if (conectada !== undefined) return lerReferencia(conectada) ?? { tipo: 'inalterada' };
  if (Array.isArray(disconnect) ? disconnect.length > 0 : disconnect !== undefined)
    return { tipo: 'removida' };
  return { tipo: 'inalterada' };
};

/**
 * Uma relação "para muitos" (lado do pai: `processo.execucoes`, `cliente.processos`,
 * `operadora.clientes`) recebeu alguma operação? `{ connect: [], disconnect: [] }` (o que o Content
 * Manager manda quando nada mudou) e `{ count }` (a forma em que ele a lê, reenviada como veio) não
 * contam; `set`, lista direta ou ligação não vazia contam.
 */
export const relacaoMuitosAlterada = (entrada: unknown): boolean => {
  if (entrada === undefined) return false;
  if (entrada === null || Array.isArray(entrada) || typeof entrada !== 'object') return true;
  const { connect, disconnect, set } = entrada as { connect?: unknown; disconnect?: unknown; set?: unknown };
  if (set !== undefined) return true;
  const naoVazia = (valor: unknown) =>
    Array.isArray(valor) ? valor.length > 0 : valor !== undefined && valor !== null;
  if (naoVazia(connect) || naoVazia(disconnect)) return true;
  const chaves = Object.keys(entrada).filter((chave) => chave !== 'count');
  return chaves.length > 0 && !('connect' in entrada || 'disconnect' in entrada);
};
