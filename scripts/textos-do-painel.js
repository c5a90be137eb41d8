#!/usr/bin/env node
/*
 * Textos do painel (admin do plugin): cada `t('id', 'padrão em português')` do código é a fonte.
 * `npm run textos-do-painel` regrava translations/pt-BR.json com eles e lista as chaves que faltam
 * no en.json; o teste textos.test.ts falha se os arquivos e o código divergirem.
 */
const fs = require('fs');
const path = require('path');

const PASTA_ADMIN = path.join(__dirname, '..', 'src', 'plugins', 'orquestrador-rpa', 'admin', 'src');
const PASTA_TRADUCOES = path.join(PASTA_ADMIN, 'translations');
const CHAMADA = /\bt\(\s*'([^']+)',\s*(['`])((?:\\.|(?!\2)[^\\])*)\2/gs;
// Textos declarados em tabelas e passados a t() por variável: o menu (['caminho', 'nav.x', 'Texto', ...])
// e as colunas (['col.x', 'Texto'], para o CabecalhoTabela).
const DECLARADO = /'(nav\.[\w.]+)',\s*(')((?:\\.|[^'\\])*)'/g;
const PAR = /\[\s*'([a-zA-Z]+\.[\w.]+)',\s*(')((?:\\.|[^'\\])*)'\s*\]/g;

const arquivosDe = (pasta) =>
  fs.readdirSync(pasta, { withFileTypes: true }).flatMap((item) => {
    const caminho = path.join(pasta, item.name);
    if (item.isDirectory()) return item.name === 'translations' ? [] : arquivosDe(caminho);
    return /\.tsx?$/.test(item.name) && !item.name.endsWith('.test.ts') ? [caminho] : [];
  });

/** `{ id: texto }` de todas as chamadas, em ordem alfabética; o mesmo id com dois textos é erro. */
const extrairTextos = (pasta = PASTA_ADMIN) => {
  const textos = new Map();
  for (const arquivo of arquivosDe(pasta)) {
    const fonte = fs.readFileSync(arquivo, 'utf8');
    for (const [, id, , bruto] of [
      ...fonte.matchAll(CHAMADA),
      ...fonte.matchAll(DECLARADO),
      ...fonte.matchAll(PAR),
    ]) {
      const texto = bruto.replace(/\\(['`\\])/g, '$1');
      if (textos.has(id) && textos.get(id) !== texto)
        throw new Error(`O texto "${id}" tem dois padrões diferentes (${path.relative(pasta, arquivo)}).`);
      textos.set(id, texto);
    }
  }
  for (const [id, texto] of Object.entries(rotulosDosGrupos(pasta))) textos.set(id, texto);
  return Object.fromEntries([...textos].sort(([a], [b]) => a.localeCompare(b)));
};

/**
 * Rótulos dos valores do contrato (textos.ts): cada grupo de `GRUPOS` aponta para um mapa
 * `ROTULOS_X = { VALOR: 'Texto' }`; a chave é `<grupo>.<VALOR>`, como no `useRotulo`.
 */
function rotulosDosGrupos(pasta) {
  const fonte = fs.readFileSync(path.join(pasta, 'textos.ts'), 'utf8');
  const grupos = /const GRUPOS = \{([^}]*)\}/.exec(fonte)?.[1] ?? '';
  const rotulos = {};
  for (const [, grupo, mapa] of grupos.matchAll(/(\w+): (ROTULOS_\w+)/g)) {
    const corpo = new RegExp(`export const ${mapa}\\b[^=]*= \\{([^}]*)\\}`).exec(fonte)?.[1];
    if (!corpo) throw new Error(`O mapa ${mapa} do grupo ${grupo} não está em textos.ts.`);
    for (const [, valor, texto] of corpo.matchAll(/(\w+): '([^']*)'/g)) rotulos[`${grupo}.${valor}`] = texto;
  }
  return rotulos;
}

const lerTraducao = (locale) =>
  JSON.parse(fs.readFileSync(path.join(PASTA_TRADUCOES, `${locale}.json`), 'utf8'));

if (require.main === module) {
  const textos = { 'menu.titulo': 'Orquestrador RPA', ...extrairTextos() };
  const ordenados = Object.fromEntries(Object.entries(textos).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(path.join(PASTA_TRADUCOES, 'pt-BR.json'), `${JSON.stringify(ordenados, null, 2)}\n`);
  const ingles = lerTraducao('en');
  const faltam = Object.keys(ordenados).filter((id) => !(id in ingles));
  console.log(
    `pt-BR.json: ${Object.keys(ordenados).length} texto(s). Faltam no en.json: ${faltam.join(', ') || 'nenhum'}.`
  );
}

module.exports = { extrairTextos, lerTraducao };
