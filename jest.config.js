/** Jest: testes de unidade (src) e de integração com o Strapi carregado no processo (tests/). */
module.exports = {
  testEnvironment: 'node',
  globalSetup: '<rootDir>/tests/ajudantes/preparacao-global.js',
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/tests/**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.tmp/', '<rootDir>/dist/', '<rootDir>/.strapi/', '<rootDir>/worker-rpa/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.strapi/', '<rootDir>/build/', '<rootDir>/src/plugins/orquestrador-rpa/dist/'],
  testTimeout: 120000,
  collectCoverageFrom: ['src/regras/**/*.ts', 'src/api/**/*.ts', '!**/*.test.ts'],
  coverageReporters: ['text-summary', 'text', 'lcov'],
};
