#!/usr/bin/env node
/*
 * npm run rotacionar-chave: recifra as senhas de portal com a CHAVE_CRIPTOGRAFIA atual, lendo as
 * antigas pelas chaves de CHAVES_CRIPTOGRAFIA_ANTERIORES (ver docs/seguranca.md). Idempotente.
 */
const fs = require('fs');
const path = require('path');
const { createStrapi, compileStrapi } = require('@strapi/strapi');

(async () => {
  const raiz = path.join(__dirname, '..');
  // Na imagem de produção o servidor já vem compilado (e não há TypeScript para compilar).
  const compilado = path.join(raiz, 'dist');
  const pronto =
    process.env.NODE_ENV === 'production' &&
    fs.existsSync(path.join(compilado, 'src', 'regras', 'rotacao-chave.js'));
  const { distDir } = pronto ? { distDir: compilado } : await compileStrapi({ appDir: raiz });
  const strapi = await createStrapi({ appDir: raiz, distDir }).load();
  try {
    const { rotacionarChave } = require(path.join(distDir, 'src', 'regras', 'rotacao-chave.js'));
    const resultado = await rotacionarChave(strapi);
    console.log(
      `Rotação concluída: ${resultado.recifradas} de ${resultado.verificadas} senha(s) recifrada(s) com a chave ${resultado.chave}.`
    );
    console.log('Depois de conferir, a chave antiga pode sair de CHAVES_CRIPTOGRAFIA_ANTERIORES.');
  } finally {
    await strapi.destroy().catch(() => {});
  }
})()
  .then(() => process.exit(0))
  .catch((erro) => {
    console.error(`Falha na rotação da chave: ${erro.message}`);
    process.exit(1);
  });
