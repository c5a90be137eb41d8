/** Seletores literais do robô legado da Embratel (`attached_assets/embratel.py`). */
export const SELETORES_EMBRATEL = {
  usuario: "//input[@id='login']",
  senha: "//input[@id='MainContent_password']",
  entrar: "//input[@type='submit']",
  faturaOnLine: "//a[contains(normalize-space(.), 'Fatura On Line')]",
  /** Valor sem aspas, como no legado: `//option[@value=202505]`. */
  opcaoMes: (aaaamm: string) => `//option[@value=${aaaamm}]`,
  ok: "//input[@id='submit']",
  tabelaFaturas: "//table[contains(@class, 'txtCinzaHand')]/tbody",
  linhas: './/tr',
  celulas: './/td',
  fatura: `//tr[@onclick="return chamaFatura('imprimirFatura')"]`,
  boleto: `//tr[@onclick="return chamaFatura('imprimirBoleto')"]`,
  notaFiscal: `//tr[@onclick="return chamaFatura('notaFiscal')"]`,
  notaIcms: "//td[contains(text(), 'ICMS') and @align='left']",
  notaIss: "//td[contains(text(), 'ISS') and @align='left']",
  /** No boleto: a div "Data de Vencimento" e a próxima div `txtPretoBold12`. */
  vencimentoBoleto: "//div[normalize-space(.)='Data de Vencimento']/following-sibling::div[contains(@class, 'txtPretoBold12')][1]",
  /** Não existe no legado (que só lia o vencimento): o valor do boleto, para o aprovador comparar meses. Ausente → valor nulo. */
  valorBoleto: "//div[normalize-space(.)='Valor do Documento']/following-sibling::div[contains(@class, 'txtPretoBold12')][1]",
} as const;
