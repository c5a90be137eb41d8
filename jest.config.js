/**
 * Jest em três projetos: `unidade` (segundos: sem compilar o Strapi nem abrir o Chromium),
 * `integracao` (Strapi carregado no processo sobre bancos descartáveis, Redis real, robôs no
 * Chromium contra os portais simulados) e `ponta-a-ponta` (worker de verdade e o painel no
 * navegador). `npm test` roda os três; `npm run test:unidade` só o primeiro.
 */
const base = {
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/tests/ajudantes/ambiente-jest.js'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  // O contrato é lido da fonte (cobertura e nenhum passo de compilação entre a edição e o teste); os
  // imports relativos dele levam `.js`, como pede o ESM.
  moduleNameMapper: {
    '^@orquestrador-rpa/contrato$': '<rootDir>/pacotes/contrato/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/.tmp/',
    '<rootDir>/dist/',
    '<rootDir>/pacotes/contrato/dist/',
    '<rootDir>/.strapi/',
    '<rootDir>/worker-rpa/dist/',
  ],
  modulePathIgnorePatterns: [
    '<rootDir>/dist/',
    '<rootDir>/pacotes/contrato/dist/',
    '<rootDir>/.strapi/',
    '<rootDir>/build/',
    '<rootDir>/src/plugins/orquestrador-rpa/dist/',
  ],
};
const PONTA_A_PONTA = ['<rootDir>/tests/e2e-painel.test.ts', '<rootDir>/tests/fatia-completa.test.ts'];
// Ensaio de produção (npm run ensaio-producao, chamado à parte pelo .ci/run): monta as imagens do
// Dockerfile em pastas e sobe os serviços do compose como processos desta máquina.
const ENSAIO = ['<rootDir>/tests/implantacao/ensaio-producao.test.ts'];
// Leem arquivos da implantação (Dockerfile, compose, package.json), sem subir nada: rodam na unidade.
const DEFINICAO_DE_PRODUCAO = [
  '<rootDir>/tests/implantacao/definicao.test.ts',
  '<rootDir>/tests/implantacao/dependencias.test.ts',
];
const ROBOS_NO_CHROMIUM = [
  '<rootDir>/worker-rpa/src/navegador/**/*.test.ts',
  '<rootDir>/worker-rpa/src/robos/{embratel,oi,digitalnet,vivo,azuton,sat}/**/*.test.ts',
];

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      ...base,
      displayName: 'unidade',
      testMatch: [
        '<rootDir>/pacotes/*/src/**/*.test.ts',
        '<rootDir>/src/**/*.test.ts',
        '<rootDir>/worker-rpa/src/*.test.ts',
        '<rootDir>/worker-rpa/src/robos/base/**/*.test.ts',
        '<rootDir>/worker-rpa/src/robos/registro.test.ts',
        '<rootDir>/config/**/*.test.ts',
        ...DEFINICAO_DE_PRODUCAO,
      ],
    },
    {
      ...base,
      displayName: 'integracao',
      // Uma vez por execução: Chromium, qpdf e pdftotext, e a compilação do contrato, do app, do plugin e do worker.
      globalSetup: '<rootDir>/tests/ajudantes/preparacao-global.js',
      testMatch: ['<rootDir>/tests/**/*.test.ts', ...ROBOS_NO_CHROMIUM],
      testPathIgnorePatterns: [
        ...base.testPathIgnorePatterns,
        '<rootDir>/tests/e2e-painel.test.ts',
        '<rootDir>/tests/fatia-completa.test.ts',
        ...DEFINICAO_DE_PRODUCAO,
        ...ENSAIO,
      ],
    },
    {
      ...base,
      displayName: 'ponta-a-ponta',
      globalSetup: '<rootDir>/tests/ajudantes/preparacao-global.js',
      testMatch: PONTA_A_PONTA,
    },
    { ...base, displayName: 'ensaio', testMatch: ENSAIO },
  ],
  // O Strapi executa o código compilado (dist/); os mapas de fonte levam a cobertura de volta ao TS.
  collectCoverageFrom: [
    'pacotes/contrato/src/**/*.ts',
    'src/regras/**/*.ts',
    'src/consultas/**/*.ts',
    'src/configuracao.ts',
    'src/demonstracao/**/*.ts',
    'dist/src/**/*.js',
    'src/plugins/orquestrador-rpa/dist/server/**/*.js',
    'worker-rpa/src/{navegador,robos}/**/*.ts',
    'worker-rpa/src/{cliente-strapi,semaforo,limpeza,configuracao}.ts',
    'worker-rpa/portais-simulados/**/*.ts',
    'src/plugins/orquestrador-rpa/admin/src/componentes/juntar-logs.ts',
    '!**/*.test.ts',
  ],
  coverageProvider: 'v8',
  coverageThreshold: { global: { statements: 85, branches: 80, functions: 85, lines: 85 } },
  coverageReporters: ['text-summary', 'text', 'lcov'],
};
