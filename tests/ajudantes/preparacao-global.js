/* Uma vez por execução: programas do Debian (Chromium dos robôs, qpdf, pdftotext, Dovecot) e compilação do contrato, do app (tsc -> dist), do lado servidor do plugin e do worker. */
const { execFileSync } = require('child_process');
const path = require('path');

module.exports = async () => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const raiz = path.join(__dirname, '..', '..');
  process.env.SE_OFFLINE = 'true'; // o Selenium Manager nunca baixa nada: os caminhos são explícitos
  if (!require(path.join(raiz, 'scripts', 'preparar-sistema.js')).prepararSistema({ testes: true })) {
    throw new Error(
      'Os testes precisam do Chromium, do ChromeDriver, do qpdf, do pdftotext e do Dovecot (veja a mensagem acima).'
    );
  }
  // O contrato primeiro: o app, o plugin e o worker compilados o importam de pacotes/contrato/dist.
  execFileSync('npm', ['run', 'compilar', '--silent', '--workspace=@orquestrador-rpa/contrato'], {
    cwd: raiz,
    stdio: 'inherit',
  });
  for (const projeto of ['src/plugins/orquestrador-rpa/tsconfig.server.json', 'worker-rpa/tsconfig.json']) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', projeto], {
      cwd: raiz,
      stdio: 'inherit',
    });
  }
  await require('@strapi/strapi').compileStrapi({ appDir: raiz });
};
