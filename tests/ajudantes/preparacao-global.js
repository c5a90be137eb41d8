/* Compila uma vez por execução: o app (tsc -> dist) e o lado servidor do plugin local. */
const { execFileSync } = require('child_process');
const path = require('path');

module.exports = async () => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const raiz = path.join(__dirname, '..', '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'src/plugins/orquestrador-rpa/tsconfig.server.json'], {
    cwd: raiz,
    stdio: 'inherit',
  });
  await require('@strapi/strapi').compileStrapi({ appDir: raiz });
};
