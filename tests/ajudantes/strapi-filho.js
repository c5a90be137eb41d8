/**
 * Strapi num processo filho (para um `kill -9` de verdade): o mesmo app compilado em dist/ e as
 * variáveis de ambiente herdadas do teste (banco, Redis, prefixo das filas, canais).
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const raiz = path.join(__dirname, '..', '..');
createStrapi({ appDir: raiz, distDir: path.join(raiz, 'dist'), autoReload: false, serveAdminPanel: false })
  .start()
  .catch((erro) => {
    console.error(erro);
    process.exit(1);
  });
