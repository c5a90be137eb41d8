import fs from 'fs';
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

/** Chaves que o código do Strapi pede sem tê-las no en.json (o texto em inglês é o `defaultMessage`). */
const SO_NO_CODIGO: Record<string, [string, string]> = {
  'content-manager.plugin.name': ['node_modules/@strapi/content-manager/dist/admin/index.mjs', 'Content Manager'],
};

test.each(Object.entries(traducoes))('%s existe no admin do Strapi e leva as mesmas variáveis', (chave, texto) => {
  const prefixo = Object.keys(PACOTES).find((p) => p && chave.startsWith(p)) ?? '';
  const noCodigo = SO_NO_CODIGO[chave];
  if (noCodigo) {
    const fonte = fs.readFileSync(path.join(process.cwd(), noCodigo[0]), 'utf8');
    expect(fonte).toContain(`id: \`${chave}\``);
    expect(variaveis(texto)).toEqual(variaveis(noCodigo[1]));
    return;
  }
  const original = ingles(PACOTES[prefixo]!)[chave.slice(prefixo.length)];
  expect(original).toBeDefined();
  expect(variaveis(texto)).toEqual(variaveis(original!));
  expect(texto.trim()).not.toBe('');
});
