/** Seletores literais do robô legado da Oi (`attached_assets/oi.py`); as classes `sc-…` são hashes do styled-components do portal. */
export const SELETORES_OI = {
  iframeLogin: "//iframe[@src='/api/login/customer']",
  email: "//input[@class='email']",
  senha: "//input[@class='password']",
  entrar: "//button[@id='loginButtonApp']",
  carregando: '//i[@class="sc-hKwDye fbVeFn sc-jRQBWg iZxZFG"]',
  verContas: "//a[@data-context='btn_ver_contas']",
  rotuloCnpj: "//label[@class='sc-bdvvtL fNKGRl' and text()='CNPJ']/../div/div",
  filtrar: "//button[@data-context='btn_filtrar']",
  tabelaContas: "//tbody[@class='sc-gsDKAQ sc-dkPtRN erBbkF cwekcn']",
  linhas: './/tr',
  /** `.//td[2]` do legado: o texto da linha telefônica. */
  celulaLinha: './/td[2]',
  vencimento: "//p[@class='sc-bdvvtL dxOhdO' and text()='Vencimento']/following-sibling::*[1]",
  contestarConta: "//a[@class='sc-eCImPb jxJukv' and @data-context='btn_contestar_conta']",
} as const;
