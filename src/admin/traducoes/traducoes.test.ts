import path from 'path';
import traducoes from './pt-BR.json';

/**
 * As traduções que completam o pt-BR do admin do Strapi: cada chave existe no inglês do pacote de
 * onde ela vem (nada de chave inventada que o admin nunca pede) e leva as mesmas variáveis.
 */
const PACOTES: Record<string, string> = { '': 'admin', 'content-manager.': 'content-manager', 'upload.': 'upload' };
const ingles = (pacote: string): Record<string, string> => {
  const base = path.join(process.cwd(), 'node_modules', '@strapi', pacote, 'dist');
  const arquivo =
    pacote === 'admin'
      ? path.join(base, 'admin', 'admin', 'src', 'translations', 'en.json.js')
      : path.join(base, 'admin', 'translations', 'en.json.js');
  const modulo = require(arquivo) as { default?: Record<string, string> } & Record<string, string>;
  return modulo.default ?? modulo;
};
// Variáveis ICU ({name}, {count, plural, …}); os ramos do plural ({Entries} depois de "one ") não contam.
const variaveis = (texto: string) =>
  [...texto.matchAll(/(?<!(?:=\d+|zero|one|two|few|many|other)\s)\{(\w+)(?=[,}])/g)].map((m) => m[1]).sort();

test.each(Object.entries(traducoes))('%s existe no admin do Strapi e leva as mesmas variáveis', (chave, texto) => {
  const prefixo = Object.keys(PACOTES).find((p) => p && chave.startsWith(p)) ?? '';
  const original = ingles(PACOTES[prefixo]!)[chave.slice(prefixo.length)];
  expect(original).toBeDefined();
  expect(variaveis(texto)).toEqual(variaveis(original!));
  expect(texto.trim()).not.toBe('');
});
