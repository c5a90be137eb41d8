/*
 * O worker recebe só o que usa (nenhum segredo do banco, do admin, da cifra ou do SAT): o
 * ROBO_TOKEN, os endereços, as variáveis WORKER_/LIMITE_/NAVEGADOR_ e as de sistema.
 */
const VARIAVEIS_DO_WORKER =
  /^(ROBO_TOKEN|STRAPI_URL|REDIS_URL|FILAS_PREFIXO|FILAS_TENTATIVAS|PORTAIS_LOCAIS_PERMITIDOS|CHROMIUM_BINARIO|CHROMEDRIVER_BINARIO|(WORKER|LIMITE|NAVEGADOR|OI|DIGITALNET|AZUTON)_[A-Z0-9_]+|NODE_ENV|PATH|HOME|LANG|LC_ALL|TZ|TMPDIR|DISPLAY)$/;

const ambienteDoWorker = (ambiente) =>
  Object.fromEntries(Object.entries(ambiente).filter(([nome]) => VARIAVEIS_DO_WORKER.test(nome)));

module.exports = { ambienteDoWorker };
