/** Os textos do painel: o código é a fonte; pt-BR.json acompanha e en.json é inglês de verdade. */
const { extrairTextos, lerTraducao } = require('../../../../../scripts/textos-do-painel') as {
  extrairTextos: () => Record<string, string>;
  lerTraducao: (locale: string) => Record<string, string>;
};

const portugues = lerTraducao('pt-BR');
const ingles = lerTraducao('en');
const variaveis = (texto: string) => [...texto.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('pt-BR.json tem cada t(id, padrão) do código, com o mesmo texto (npm run textos-do-painel regrava)', () => {
  expect(portugues).toEqual({ 'menu.titulo': 'Orquestrador RPA', ...extrairTextos() });
});

test('en.json traduz todas as chaves, com as mesmas variáveis, e nada em português', () => {
  expect(Object.keys(ingles).sort()).toEqual(Object.keys(portugues).sort());
  for (const [id, texto] of Object.entries(ingles)) {
    expect({ id, vazio: !texto.trim() }).toEqual({ id, vazio: false });
    expect({ id, variaveis: variaveis(texto) }).toEqual({ id, variaveis: variaveis(portugues[id]!) });
    expect({ id, acentuado: /[ãõçáéíóúâêôà]/i.test(texto) }).toEqual({ id, acentuado: false });
  }
});
