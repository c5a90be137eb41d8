#!/usr/bin/env node
/* npm run semear: carrega o Strapi compilado e grava os dados de demonstração (idempotente). */
const path = require('path');
const { createStrapi, compileStrapi } = require('@strapi/strapi');

(async () => {
  const raiz = path.join(__dirname, '..');
  const { distDir } = await compileStrapi({ appDir: raiz });
  const strapi = await createStrapi({ appDir: raiz, distDir }).load();
  try {
    await require(path.join(distDir, 'src', 'demonstracao', 'semear.js')).semear(strapi);
  } finally {
    await strapi.destroy().catch(() => {}); // conexões pendentes abortadas no desligamento
  }
})()
  .then(() => process.exit(0))
  .catch((erro) => {
    console.error(`Falha ao semear a demonstração: ${erro.message}`);
    process.exit(1);
  });
