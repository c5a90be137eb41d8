/** Jest: testes de unidade (src) e de integração com o Strapi carregado no processo (tests/). */
module.exports = {
  testEnvironment: 'node',
  globalSetup: '<rootDir>/tests/ajudantes/preparacao-global.js',
  setupFiles: ['<rootDir>/tests/ajudantes/ambiente-jest.js'],
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/tests/**/*.test.ts', '<rootDir>/worker-rpa/src/**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.tmp/', '<rootDir>/dist/', '<rootDir>/.strapi/', '<rootDir>/worker-rpa/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.strapi/', '<rootDir>/build/', '<rootDir>/src/plugins/orquestrador-rpa/dist/'],
  testTimeout: 120000,
  // O Strapi executa o código compilado (dist/); os mapas de fonte levam a cobertura de volta ao TS.
  collectCoverageFrom: ['src/regras/**/*.ts', 'src/demonstracao/**/*.ts', 'dist/src/**/*.js', 'src/plugins/orquestrador-rpa/dist/server/**/*.js',
    'worker-rpa/src/{contrato,navegador,robos}/**/*.ts', 'worker-rpa/src/{cliente-strapi,semaforo,limpeza,configuracao}.ts', 'worker-rpa/portais-simulados/**/*.ts',
    'src/plugins/orquestrador-rpa/admin/src/componentes/juntar-logs.ts', '!**/*.test.ts'],
  coverageProvider: 'v8',
  coverageThreshold: { global: { statements: 85, branches: 80, functions: 85, lines: 85 } },
  coverageReporters: ['text-summary', 'text', 'lcov'],
};
