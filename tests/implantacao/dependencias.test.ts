import fs from 'fs';
import path from 'path';
import { builtinModules } from 'module';
import { RAIZ } from '../ajudantes/implantacao';

/**
 * Todo pacote importado pelo código é declarado no package.json de quem o importa (nada chega só
 * por ser dependência de outra dependência), e todo pacote com script de instalação está decidido
 * em `allowScripts` (o npm novo deixa de rodar os que não estão).
 */
type Pacote = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
const lerPacote = (arquivo: string): Pacote & { allowScripts?: Record<string, boolean> } =>
  JSON.parse(fs.readFileSync(path.join(RAIZ, arquivo), 'utf8'));

const IGNORADAS = new Set(['node_modules', 'dist', 'build', '.tmp', '.strapi', '.cache']);
const arquivosDeCodigo = (pasta: string): string[] =>
  fs.readdirSync(pasta, { withFileTypes: true }).flatMap((e) => {
    if (IGNORADAS.has(e.name)) return [];
    const caminho = path.join(pasta, e.name);
    if (e.isDirectory()) return arquivosDeCodigo(caminho);
    return /\.(c|m)?(t|j)sx?$/.test(e.name) ? [caminho] : [];
  });

const IMPORTACAO =
  /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire(?:\.resolve)?\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
const SO_TIPOS = /^\s*import\s+type\b|^\s*export\s+type\b/;

/** Nome do pacote de uma importação, ou nulo para relativas, absolutas e módulos do Node. */
export const nomeDoPacote = (especificador: string): string | null => {
  if (/^(\.|\/|node:|#)/.test(especificador)) return null;
  const partes = especificador.split('/');
  const nome = especificador.startsWith('@') ? partes.slice(0, 2).join('/') : partes[0]!;
  return builtinModules.includes(nome) ? null : nome;
};

/** Pacotes importados sob estas pastas e não declarados (`import type` aceita o `@types/` dele). */
const naoDeclarados = (pacote: string, pastas: string[], semTestes = false): Record<string, string> => {
  const { dependencies = {}, devDependencies = {} } = lerPacote(pacote);
  const declarados = new Set([...Object.keys(dependencies), ...Object.keys(devDependencies)]);
  const faltam: Record<string, string> = {};
  for (const pasta of pastas.map((p) => path.join(RAIZ, p)).filter((p) => fs.existsSync(p))) {
    for (const arquivo of arquivosDeCodigo(pasta).filter((a) => !semTestes || !a.endsWith('.test.ts'))) {
      for (const linha of fs.readFileSync(arquivo, 'utf8').split('\n')) {
        for (const [, especificador] of linha.matchAll(IMPORTACAO)) {
          const nome = nomeDoPacote(especificador!);
          if (!nome || declarados.has(nome)) continue;
          const tipos = `@types/${nome.replace(/^@/, '').replace('/', '__')}`;
          if (SO_TIPOS.test(linha) && declarados.has(tipos)) continue;
          faltam[nome] ??= path.relative(RAIZ, arquivo);
        }
      }
    }
  }
  return faltam;
};

test('o reconhecedor de importações separa pacotes de caminhos e módulos do Node', () => {
  expect(nomeDoPacote('@strapi/design-system/v2')).toBe('@strapi/design-system');
  expect(nomeDoPacote('pdf-lib')).toBe('pdf-lib');
  expect(nomeDoPacote('./local')).toBeNull();
  expect(nomeDoPacote('node:fs')).toBeNull();
  expect(nomeDoPacote('child_process')).toBeNull();
  expect(nomeDoPacote('fs/promises')).toBeNull();
});

test('o app, o plugin, os testes e os benchmarks só importam o que o package.json da raiz declara', () => {
  // Os testes do contrato rodam pelo jest da raiz, com as dependências dela.
  const pastas = ['src', 'config', 'scripts', 'tests', 'bench', 'database', 'types', 'pacotes/contrato/src'];
  expect(naoDeclarados('package.json', pastas)).toEqual({});
});

test('o worker só importa o que o package.json dele declara (é a imagem dele em produção)', () => {
  expect(
    naoDeclarados('worker-rpa/package.json', ['worker-rpa/src', 'worker-rpa/portais-simulados'])
  ).toEqual({});
});

test('o contrato compartilhado (fora os testes dele) só importa o que declara', () => {
  expect(naoDeclarados('pacotes/contrato/package.json', ['pacotes/contrato/src'], true)).toEqual({});
});

test('todo pacote instalado com script de instalação está decidido em allowScripts', () => {
  const { allowScripts = {} } = lerPacote('package.json');
  const lock = JSON.parse(fs.readFileSync(path.join(RAIZ, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { hasInstallScript?: boolean; link?: boolean }>;
  };
  const comScript = Object.entries(lock.packages)
    .filter(([caminho, p]) => p.hasInstallScript && caminho.includes('node_modules/'))
    .map(([caminho]) => caminho.slice(caminho.lastIndexOf('node_modules/') + 'node_modules/'.length));
  expect(comScript.length).toBeGreaterThan(0);
  expect([...new Set(comScript)].filter((nome) => !(nome in allowScripts)).sort()).toEqual([]);
  // Nenhuma entrada sobrando para um pacote que não está mais na árvore.
  expect(Object.keys(allowScripts).filter((nome) => !comScript.includes(nome))).toEqual([]);
});
