import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';

/**
 * Limites de custo do GraphQL, numa regra de validação (antes de executar): profundidade das
 * seleções, quantidade de aliases e total de campos da operação, com cada uso de fragmento contado
 * onde é usado. Uma consulta com 500 aliases do mesmo campo, aninhada até o fundo ou que repete um
 * fragmento até explodir é recusada com mensagem em português sem tocar no banco.
 */
export interface LimitesGraphql {
  profundidade: number;
  aliases: number;
  campos: number;
}

export const LIMITES_PADRAO: LimitesGraphql = { profundidade: 6, aliases: 15, campos: 250 };

/** Custo de uma seleção: campos e aliases somados, profundidade em níveis a partir de onde ela entra. */
interface Custo {
  campos: number;
  aliases: number;
  profundidade: number;
}

/** Fragmentos em cascata multiplicam a contagem: ela para no teto (já muito além de qualquer limite). */
const TETO = 1e9;
const contagem = (n: number): string => (n >= TETO ? 'mais de 1 bilhão de' : String(n));

const somar = (custo: Custo, parte: Custo): void => {
  custo.campos = Math.min(TETO, custo.campos + parte.campos);
  custo.aliases = Math.min(TETO, custo.aliases + parte.aliases);
  custo.profundidade = Math.max(custo.profundidade, parte.profundidade);
};

export const regraLimitesGraphql =
  (limites: LimitesGraphql = LIMITES_PADRAO) =>
  (contexto: ValidationContext): ASTVisitor => {
    // O custo de um fragmento não depende de onde ele é usado (a profundidade é relativa): calculado
    // uma vez e somado a cada uso, sem expandir de novo — fragmentos que se repetem em cascata não
    // custam tempo exponencial para medir.
    const fragmentos = new Map<string, Custo>();
    const emCurso = new Set<string>();
    const doFragmento = (nome: string): Custo => {
      const pronto = fragmentos.get(nome);
      if (pronto) return pronto;
      // Ciclo: o próprio graphql recusa (NoFragmentCyclesRule); aqui só não entra em laço.
      if (emCurso.has(nome)) return { campos: 0, aliases: 0, profundidade: 0 };
      emCurso.add(nome);
      const custo = medir(contexto.getFragment(nome)?.selectionSet);
      emCurso.delete(nome);
      fragmentos.set(nome, custo);
      return custo;
    };
    const medir = (selecao: SelectionSetNode | undefined): Custo => {
      const custo: Custo = { campos: 0, aliases: 0, profundidade: 0 };
      for (const no of selecao?.selections ?? []) {
        if (no.kind === Kind.FIELD) {
          if (no.name.value.startsWith('__')) continue;
          const filhos = medir(no.selectionSet);
          somar(custo, {
            campos: filhos.campos + 1,
            aliases: filhos.aliases + (no.alias ? 1 : 0),
            profundidade: filhos.profundidade + 1,
          });
        } else
          somar(
            custo,
            no.kind === Kind.INLINE_FRAGMENT ? medir(no.selectionSet) : doFragmento(no.name.value)
          );
      }
      return custo;
    };
    return {
      OperationDefinition(operacao) {
        const total = medir(operacao.selectionSet);
        const problemas = [
          total.profundidade > limites.profundidade &&
            `profundidade ${total.profundidade} (máximo ${limites.profundidade})`,
          total.aliases > limites.aliases && `${contagem(total.aliases)} aliases (máximo ${limites.aliases})`,
          total.campos > limites.campos && `${contagem(total.campos)} campos (máximo ${limites.campos})`,
        ].filter(Boolean);
        if (problemas.length)
          contexto.reportError(
            new GraphQLError(
              `Consulta GraphQL cara demais: ${problemas.join(', ')}. Divida-a em consultas menores.`
            )
          );
      },
    };
  };
