import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';

/**
 * Limites de custo do GraphQL, numa regra de validação (antes de executar): profundidade das
 * seleções, quantidade de aliases e total de campos da operação (fragmentos expandidos). Uma
 * consulta com 500 aliases do mesmo campo, ou aninhada até o fundo, é recusada com mensagem em
 * português sem tocar no banco.
 */
export interface LimitesGraphql {
  profundidade: number;
  aliases: number;
  campos: number;
}

export const LIMITES_PADRAO: LimitesGraphql = { profundidade: 6, aliases: 15, campos: 250 };

export const regraLimitesGraphql =
  (limites: LimitesGraphql = LIMITES_PADRAO) =>
  (contexto: ValidationContext): ASTVisitor => {
    const medir = (
      selecao: SelectionSetNode | undefined,
      nivel: number,
      visitados: Set<string>,
      total: { campos: number; aliases: number; profundidade: number }
    ): void => {
      if (!selecao) return;
      for (const no of selecao.selections) {
        if (no.kind === Kind.FIELD) {
          if (no.name.value.startsWith('__')) continue;
          total.campos += 1;
          if (no.alias) total.aliases += 1;
          total.profundidade = Math.max(total.profundidade, nivel);
          medir(no.selectionSet, nivel + 1, visitados, total);
        } else if (no.kind === Kind.INLINE_FRAGMENT) {
          medir(no.selectionSet, nivel, visitados, total);
        } else if (no.kind === Kind.FRAGMENT_SPREAD && !visitados.has(no.name.value)) {
          visitados.add(no.name.value);
          medir(contexto.getFragment(no.name.value)?.selectionSet, nivel, visitados, total);
        }
      }
    };
    return {
      OperationDefinition(operacao) {
        const total = { campos: 0, aliases: 0, profundidade: 0 };
        medir(operacao.selectionSet, 1, new Set(), total);
        const problemas = [
          total.profundidade > limites.profundidade &&
            `profundidade ${total.profundidade} (máximo ${limites.profundidade})`,
          total.aliases > limites.aliases && `${total.aliases} aliases (máximo ${limites.aliases})`,
          total.campos > limites.campos && `${total.campos} campos (máximo ${limites.campos})`,
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
