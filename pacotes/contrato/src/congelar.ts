/** Congela um objeto em profundidade (contratos imutáveis depois de criados). */
export type Imutavel<T> = T extends (infer E)[]
  ? ReadonlyArray<Imutavel<E>>
  : T extends object
    ? { readonly [K in keyof T]: Imutavel<T[K]> }
    : T;

export const congelarProfundo = <T>(valor: T): Imutavel<T> => {
  if (valor && typeof valor === 'object' && !Object.isFrozen(valor)) {
    for (const chave of Object.keys(valor)) congelarProfundo((valor as Record<string, unknown>)[chave]);
    Object.freeze(valor);
  }
  return valor as Imutavel<T>;
};
