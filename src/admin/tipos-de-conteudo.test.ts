import fs from 'fs';
import path from 'path';
import { nomesDosTiposDeConteudo, SCHEMAS_DO_APP } from './tipos-de-conteudo';

/** Todo tipo de conteúdo que o Content Manager lista tem o nome no pt-BR (nenhum MISSING_TRANSLATION). */
const PASTA_API = path.join(__dirname, '..', 'api');
const schemasNoDisco = fs
  .readdirSync(PASTA_API)
  .flatMap((api) => {
    const tipos = path.join(PASTA_API, api, 'content-types');
    return fs.existsSync(tipos) ? fs.readdirSync(tipos).map((t) => path.join(tipos, t, 'schema.json')) : [];
  })
  .map((arquivo) => JSON.parse(fs.readFileSync(arquivo, 'utf8')) as { info: { displayName: string } });

test('cada schema do app entra na lista, e nenhum a mais', () => {
  const nomes = (lista: ReadonlyArray<{ info: { displayName: string } }>) => lista.map((s) => s.info.displayName).sort();
  expect(nomes(SCHEMAS_DO_APP)).toEqual(nomes(schemasNoDisco));
  expect(schemasNoDisco.length).toBeGreaterThanOrEqual(11);
});

test('o login do users-permissions, visível no Content Manager, tem nome em pt-BR', () => {
  type Schema = { info: { displayName: string }; pluginOptions?: { 'content-manager'?: { visible?: boolean } } };
  const pacote = path.dirname(require.resolve('@strapi/plugin-users-permissions/package.json'));
  const tipos = require(path.join(pacote, 'dist/server/content-types/index.js')) as {
    __require: () => Record<string, { schema: Schema }>;
  };
  const { schema } = tipos.__require().user!;
  expect(schema.pluginOptions?.['content-manager']?.visible).not.toBe(false);
  expect(nomesDosTiposDeConteudo[schema.info.displayName]).toBe('Login da API');
});

test('nenhum nome fica vazio', () => {
  for (const texto of Object.values(nomesDosTiposDeConteudo)) expect(texto.trim()).not.toBe('');
  expect(nomesDosTiposDeConteudo['Registro de auditoria']).toBe('Registro de auditoria');
});
