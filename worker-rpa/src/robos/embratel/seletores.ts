/** Seletores literais do robô legado da Embratel (`attached_assets/embratel.py`), e os poucos que o legado não tinha, marcados. */
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
  /**
   * O legado lia o boleto com BeautifulSoup: o div "Data de Vencimento" e o **próximo**
   * `div.txtPretoBold12` do documento (`find_next`), esteja ele ao lado ou em outra célula.
   */
  vencimentoBoleto:
    "(//div[normalize-space(.)='Data de Vencimento']/following::div[contains(concat(' ', normalize-space(@class), ' '), ' txtPretoBold12 ')])[1]",
  /** Não existe no legado (que só lia o vencimento): o valor do boleto, para o aprovador comparar meses. Ausente → valor nulo. */
  valorBoleto:
    "(//div[normalize-space(.)='Valor do Documento']/following::div[contains(concat(' ', normalize-space(@class), ' '), ' txtPretoBold12 ')])[1]",
  /** Não existe no legado: o marcador positivo de "período sem faturas" (sem ele, tabela ausente é portal mudado). */
  semFaturasNoPeriodo: "//*[contains(normalize-space(text()), 'Não há faturas para o período')]",
  /** Não existe no legado: a lista de meses (`select` com as opções AAAAMM). */
  listaDeMeses: '//select[option]',
} as const;
