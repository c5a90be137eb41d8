import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { regraLimitesGraphql } from './graphql-limites';

const esquema = buildSchema(`
  type Operadora { nome: String codigo: String clientes: [Cliente] }
  type Cliente { nome_sat: String operadora: Operadora processos: [Processo] }
  type Processo { mes_ano: String cliente: Cliente }
  type Query { operadoras: [Operadora] processos: [Processo] }
`);

const LIMITES = { profundidade: 6, aliases: 15, campos: 250 };
const erros = (consulta: string, regras = [regraLimitesGraphql(LIMITES)]): string[] =>
  validate(esquema, parse(consulta), regras).map((e) => e.message);
const soDosLimites = (consulta: string) => erros(consulta)[0] ?? null;

describe('limite de custo do GraphQL: cada uso de fragmento conta onde é usado', () => {
  test('o fragmento usado mais fundo na segunda vez conta a profundidade de lá', () => {
    const F = 'fragment F on Operadora { clientes { processos { cliente { nome_sat } } } }';
    // 1º uso: operadoras(1) clientes(2) processos(3) cliente(4) nome_sat(5); 2º uso: do 4 ao 7.
    expect(soDosLimites(`${F} { operadoras { ...F } }`)).toBeNull();
    expect(soDosLimites(`${F} { operadoras { ...F clientes { operadora { ...F } } } }`)).toBe(
      'Consulta GraphQL cara demais: profundidade 7 (máximo 6). Divida-a em consultas menores.'
    );
  });

  test('campos e aliases do fragmento somam a cada uso', () => {
    const campos = Array.from({ length: 20 }, (_, i) => `c${i}: nome`).join(' ');
    const F = `fragment F on Operadora { nome codigo ${Array(9).fill('clientes { nome_sat }').join(' ')} }`;
    const usos = Array.from({ length: 14 }, (_, i) => `o${i}: operadoras { ...F }`).join(' ');
    // Cada uso: 2 + 9 × 2 = 20 campos, mais o campo que o recebe: 14 × 21 = 294.
    expect(soDosLimites(`${F} { ${usos} }`)).toBe(
      'Consulta GraphQL cara demais: 294 campos (máximo 250). Divida-a em consultas menores.'
    );
    const A = `fragment A on Operadora { ${campos} }`;
    expect(soDosLimites(`${A} { operadoras { ...A } processos { cliente { operadora { ...A } } } }`)).toBe(
      'Consulta GraphQL cara demais: 40 aliases (máximo 15). Divida-a em consultas menores.'
    );
  });

  test('fragmentos em cascata não explodem o tempo de medir: a contagem para no teto', () => {
    const niveis = 80;
    const cascata = Array.from(
      { length: niveis },
      (_, i) => `fragment N${i} on Operadora { ...N${i + 1} ...N${i + 1} }`
    ).join(' ');
    const consulta = `${cascata} fragment N${niveis} on Operadora { nome } { operadoras { ...N0 } }`;
    const inicio = Date.now();
    expect(soDosLimites(consulta)).toBe(
      'Consulta GraphQL cara demais: mais de 1 bilhão de campos (máximo 250). Divida-a em consultas menores.'
    );
    expect(Date.now() - inicio).toBeLessThan(1000);
  });

  test('fragmento em ciclo não trava a regra (o graphql é quem o recusa)', () => {
    const ciclo =
      'fragment A on Operadora { nome clientes { operadora { ...B } } } fragment B on Operadora { ...A } { operadoras { ...A } }';
    expect(soDosLimites(ciclo)).toBeNull();
    expect(erros(ciclo, [...specifiedRules, regraLimitesGraphql(LIMITES)]).join(' ')).toContain(
      'Cannot spread fragment "A" within itself'
    );
  });

  test('fragmento em linha, __typename e consulta dentro dos limites passam', () => {
    expect(
      soDosLimites('{ operadoras { __typename ... on Operadora { nome clientes { nome_sat } } } }')
    ).toBeNull();
    expect(
      soDosLimites(
        '{ operadoras { ... on Operadora { clientes { processos { cliente { operadora { clientes { nome_sat } } } } } } } }'
      )
    ).toBe('Consulta GraphQL cara demais: profundidade 7 (máximo 6). Divida-a em consultas menores.');
  });
});
