import fs from 'fs';
import path from 'path';

/**
 * `.env.example` documenta toda variável que o código lê: configuração do app e do worker, os
 * arquivos de config/ do Strapi, o armazenamento, a segurança e o script de subida.
 */
const RAIZ = path.join(__dirname, '..');
const listar = (pasta: string): string[] =>
  fs
    .readdirSync(path.join(RAIZ, pasta), { recursive: true, withFileTypes: false })
    .map((nome) => path.join(pasta, String(nome)))
    .filter((nome) => /\.(ts|js)$/.test(nome) && !nome.endsWith('.test.ts'));

const LEITURAS = [
  /(?:texto|inteiro|decimal|logico|url|env(?:\.\w+)?)\(\s*'([A-Z][A-Z0-9_]{2,})'/g,
  /process\.env\.([A-Z][A-Z0-9_]{2,})/g,
  /ambiente\.([A-Z][A-Z0-9_]{2,})/g,
];
/** Lidas só por bibliotecas ou pelo próprio Node/CI, não pelo produto. */
const FORA = new Set(['NODE_ENV', 'CI', 'HOME', 'PATH']);

test('toda variável lida pelo código está no .env.example', () => {
  const arquivos = [
    'src/configuracao.ts',
    'scripts/iniciar.js',
    ...listar('config'),
    ...listar('src/arquivos'),
    ...listar('src/seguranca'),
    ...listar('worker-rpa/src').filter((n) => !n.includes(`${path.sep}testes${path.sep}`)),
  ];
  const exemplo = fs.readFileSync(path.join(RAIZ, '.env.example'), 'utf8');
  const faltando = new Set<string>();
  const lidas = new Set<string>();
  for (const arquivo of arquivos) {
    const codigo = fs.readFileSync(path.join(RAIZ, arquivo), 'utf8');
    for (const leitura of LEITURAS)
      for (const [, nome] of codigo.matchAll(leitura)) {
        lidas.add(nome);
        if (!FORA.has(nome) && !new RegExp(`\\b${nome}=`).test(exemplo)) faltando.add(`${nome} (${arquivo})`);
      }
  }
  // A busca acha de fato as leituras (o teste não passa por não ter achado nada).
  expect(lidas.size).toBeGreaterThan(80);
  expect([...faltando].sort()).toEqual([]);
});
