/** XPaths do legado (`vivo.py`, classes `LoginPage` e `ClientePage`), sem mudança; os não usados ficaram de fora. */
export const SELETORES_VIVO = {
  login: "//input[@id='login-input']",
  cpf: "//input[@id='input-document-id']",
  senha: "//input[@name='password' and @type='password' and not(@disabled)]",
  entrar: '//button[@data-test-access-button]',
  pesquisaCliente: '//div[@data-e2e-header-customer-box]//p[@data-e2e-header-customer-name]',
  pesquisaCnpj: '//input[@data-customer-search-input]',
  selecionarCnpj: "//div[@data-customer-select-slider-list]//h1[@class='title']",
  pesquisaServico: "//li[@id='service-select-desktop']",
  servicoFixoCorp: "//li[@data-service-id='ADVANCED_FIXA']",
} as const;
