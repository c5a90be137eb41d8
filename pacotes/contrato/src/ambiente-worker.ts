/**
 * Variáveis de ambiente que o worker recebe: só o que ele usa (nenhum segredo do banco, do admin,
 * da cifra ou do SAT) — o ROBO_TOKEN, os endereços, as variáveis WORKER_/LIMITE_/NAVEGADOR_ e as
 * de robô, e as de sistema. Vale para o `iniciar` (ambiente do filho) e para o `.env` lido pelo
 * próprio worker.
 */
export const VARIAVEIS_DO_WORKER =
  /^(ROBO_TOKEN|STRAPI_URL|REDIS_URL|FILAS_PREFIXO|FILAS_TENTATIVAS|PORTAIS_LOCAIS_PERMITIDOS|CHROMIUM_BINARIO|CHROMEDRIVER_BINARIO|(WORKER|LIMITE|NAVEGADOR|OI|DIGITALNET|AZUTON)_[A-Z0-9_]+|NODE_ENV|PATH|HOME|LANG|LC_ALL|TZ|TMPDIR|DISPLAY)$/;

export const ambienteDoWorker = (ambiente: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(ambiente).filter(
      (par): par is [string, string] => VARIAVEIS_DO_WORKER.test(par[0]) && par[1] !== undefined
    )
  );
