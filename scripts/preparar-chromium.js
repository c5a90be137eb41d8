/*
 * Garante o Chromium e o ChromeDriver do Debian para os robôs (caminhos por CHROMIUM_BINARIO e
 * CHROMEDRIVER_BINARIO). Faltando, instala com apt-get quando roda como root; senão explica como.
 */
const fs = require('fs');
const { spawnSync } = require('child_process');

const binarios = () => [process.env.CHROMIUM_BINARIO || '/usr/bin/chromium', process.env.CHROMEDRIVER_BINARIO || '/usr/bin/chromedriver'];

const prepararChromium = () => {
  if (binarios().every((b) => fs.existsSync(b))) return true;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || spawnSync('which', ['apt-get']).status !== 0) {
    console.warn('Chromium/ChromeDriver não encontrados. Instale: sudo apt-get install -y chromium chromium-driver (ou defina CHROMIUM_BINARIO e CHROMEDRIVER_BINARIO).');
    return false;
  }
  console.log('Instalando Chromium e ChromeDriver do Debian (apt-get install chromium chromium-driver)...');
  const ambiente = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: ambiente });
  spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'chromium-driver'], { stdio: 'inherit', env: ambiente });
  return binarios().every((b) => fs.existsSync(b));
};

module.exports = { prepararChromium };
if (require.main === module) process.exit(prepararChromium() ? 0 : 1);
