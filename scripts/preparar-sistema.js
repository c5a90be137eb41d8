/*
 * Garante os programas do Debian de que o produto depende: Chromium e ChromeDriver (robôs; caminhos
 * por CHROMIUM_BINARIO e CHROMEDRIVER_BINARIO), qpdf (decifrar as faturas protegidas por senha) e
 * poppler-utils (pdftotext: a conferência fiscal lê o texto de cada fatura recebida); nos testes,
 * também o Dovecot (servidor IMAP real da caixa de e-mail da Azuton). Faltando, instala com apt-get
 * quando roda como root; senão explica como.
 */
const fs = require('fs');
const { spawnSync } = require('child_process');

const PACOTES = [
  { pacote: 'chromium', binario: () => process.env.CHROMIUM_BINARIO || '/usr/bin/chromium' },
  { pacote: 'chromium-driver', binario: () => process.env.CHROMEDRIVER_BINARIO || '/usr/bin/chromedriver' },
  { pacote: 'qpdf', binario: () => '/usr/bin/qpdf' },
  { pacote: 'poppler-utils', binario: () => '/usr/bin/pdftotext' },
];

const PACOTES_TESTES = [{ pacote: 'dovecot-imapd', binario: () => '/usr/sbin/dovecot' }];

const prepararSistema = ({ testes = false } = {}) => {
  const faltando = () =>
    [...PACOTES, ...(testes ? PACOTES_TESTES : [])].filter((p) => !fs.existsSync(p.binario()));
  if (faltando().length === 0) return true;
  const nomes = faltando().map((p) => p.pacote);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || spawnSync('which', ['apt-get']).status !== 0) {
    console.warn(
      `Faltam programas do Debian: ${nomes.join(', ')}. Instale: sudo apt-get install -y ${nomes.join(' ')} (ou defina CHROMIUM_BINARIO e CHROMEDRIVER_BINARIO).`
    );
    return false;
  }
  console.log(`Instalando do Debian: ${nomes.join(', ')} (apt-get install)...`);
  const ambiente = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: ambiente });
  spawnSync('apt-get', ['install', '-y', '-qq', ...nomes], { stdio: 'inherit', env: ambiente });
  return faltando().length === 0;
};

module.exports = { prepararSistema };
if (require.main === module) process.exit(prepararSistema() ? 0 : 1);
