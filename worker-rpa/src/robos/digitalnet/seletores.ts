/** XPaths do legado (`digitalnet.py`, classes `LoginPage`, `Contrato` e `DadosFatura`), sem mudança. */
export const SELETORES_DIGITALNET = {
  usuario: "//input[@id='cpfcnpj']",
  senha: "//input[@id='passwd']",
  entrar: "//button[@id='loginButton']",
  loginGeral: "//button[contains(text(), 'Fazer login')]",
  todosOsContratos: "//span[@class='ml-3 text-sm font-medium text-gray-900']/preceding-sibling::div[1]",
  mudarContrato: "//button[@tabindex='2']",
  contratos: "//div[@class='flex items-center gap-1']",
  idFatura: "//div[@id='invoiceFirstElement']",
  faturasPendentes:
    "(//p[contains(@class, 'text-center') and contains(text(), 'Não existem faturas pendentes para este contrato.')])[1]",
  pagarAgora:
    "//button[@type='button' and contains(@class, 'btn-base-submit') and contains(text(), 'Pagar agora')]",
  vencimento: "//div[contains(@class, 'card-invoice-text-color') and contains(@class, 'font-bold')]",
} as const;
