import fs from 'fs';
import path from 'path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/**
 * As traduções que completam o pt-BR do admin do Strapi, um arquivo por pacote: cada chave existe no
 * inglês do pacote (nada de chave inventada que o admin nunca pede), leva as mesmas variáveis ICU e,
 * juntas com o pt-BR do próprio pacote, cobrem **todo** o inglês — uma atualização do Strapi que
 * traga textos novos derruba este teste até que sejam traduzidos.
 */
const PASTA = __dirname;
/** Arquivo daqui → pasta do pacote em node_modules/@strapi. */
const PACOTES: Record<string, string> = {
  admin: 'admin',
  'content-manager': 'content-manager',
  'content-releases': 'content-releases',
  'content-type-builder': 'content-type-builder',
  email: 'email',
  graphql: 'plugin-graphql',
  i18n: 'i18n',
  'review-workflows': 'review-workflows',
  upload: 'upload',
  'users-permissions': 'plugin-users-permissions',
};

const carregar = (arquivo: string): Record<string, string> | null => {
  if (!fs.existsSync(arquivo)) return null;
  const modulo = require(arquivo) as { default?: Record<string, string> } & Record<string, string>;
  return modulo.default ?? modulo;
};

/** en.json e pt-BR.json do pacote (o admin guarda os dele numa pasta a mais). */
const textosDoPacote = (pacote: string, idioma: 'en' | 'pt-BR'): Record<string, string> => {
  const base = path.join(process.cwd(), 'node_modules', '@strapi', pacote, 'dist', 'admin');
  for (const pasta of [path.join(base, 'admin', 'src', 'translations'), path.join(base, 'translations')]) {
    const textos = carregar(path.join(pasta, `${idioma}.json.js`));
    if (textos || fs.existsSync(path.join(pasta, 'en.json.js'))) return textos ?? {};
  }
  throw new Error(`Traduções do pacote @strapi/${pacote} não encontradas.`);
};

/** Nomes das variáveis ICU (argumentos, plural, select, tags), pelo analisador do próprio react-intl. */
const variaveis = (texto: string): string[] => {
  const nomes: string[] = [];
  const visitar = (elementos: MessageFormatElement[]) => {
    for (const e of elementos) {
      if (e.type === TYPE.literal || e.type === TYPE.pound) continue;
      nomes.push(e.value);
      if (e.type === TYPE.tag) visitar(e.children);
      if (e.type === TYPE.plural || e.type === TYPE.select)
        for (const opcao of Object.values(e.options)) visitar(opcao.value);
    }
  };
  // O inglês do Strapi tem select sem `other` e "<e-mail>" que não é tag: o parse é tolerante nos dois.
  const opcoes = { requiresOtherClause: false };
  let elementos: MessageFormatElement[];
  try {
    elementos = parse(texto, opcoes);
  } catch {
    elementos = parse(texto, { ...opcoes, ignoreTag: true });
  }
  visitar(elementos);
  return nomes.sort();
};

/** Chaves que o código do Strapi pede sem tê-las no en.json (o texto em inglês é o `defaultMessage`). */
const SO_NO_CODIGO: Record<string, string> = { 'content-manager.plugin.name': 'Content Manager' };

const arquivos = fs
  .readdirSync(PASTA)
  .filter((a) => a.endsWith('.json'))
  .map((a) => a.replace(/\.json$/, ''));

test('há um arquivo por pacote conhecido, e nenhum a mais', () => {
  expect(arquivos.sort()).toEqual(Object.keys(PACOTES).sort());
});

describe.each(arquivos)('%s', (arquivo) => {
  const pacote = PACOTES[arquivo]!;
  const prefixo = arquivo === 'admin' ? '' : `${arquivo}.`;
  const nossas = JSON.parse(fs.readFileSync(path.join(PASTA, `${arquivo}.json`), 'utf8')) as Record<string, string>;
  const ingles = textosDoPacote(pacote, 'en');
  const doPacote = textosDoPacote(pacote, 'pt-BR');

  test.each(Object.entries(nossas))('%s existe no pacote e leva as mesmas variáveis', (chave, texto) => {
    expect(chave.startsWith(prefixo)).toBe(true);
    const original = SO_NO_CODIGO[chave] ?? ingles[chave.slice(prefixo.length)];
    expect(original).toBeDefined();
    expect(variaveis(texto)).toEqual(variaveis(original!));
    expect(texto.trim()).not.toBe('');
  });

  test('nenhum texto em inglês fica sem pt-BR (do pacote ou daqui)', () => {
    const semTraducao = Object.keys(ingles).filter((k) => !(k in doPacote) && !(`${prefixo}${k}` in nossas));
    expect(semTraducao).toEqual([]);
  });
});

test('a chave só do código existe no Content Manager', () => {
  const fonte = fs.readFileSync(
    path.join(process.cwd(), 'node_modules/@strapi/content-manager/dist/admin/index.mjs'),
    'utf8'
  );
  for (const chave of Object.keys(SO_NO_CODIGO)) expect(fonte).toContain(`id: \`${chave}\``);
});
