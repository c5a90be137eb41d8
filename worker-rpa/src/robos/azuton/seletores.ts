/** Seletores do legado (`azuton.py`) na página do boleto. */
export const SELETORES_AZUTON = {
  /** O legado tem um espaço antes do `]`: mesmo XPath, o mesmo botão. */
  BOTAO_DOWNLOAD_BOLETO: "//button[@id='download' ]",
  /** `span` com a classe exata "value name" (o `find('span', class_='value name')`). */
  NOME_PAGADOR: "//span[@class='value name']",
  /** `li` com a classe "dadosPagador"; o CNPJ é o texto depois de "CNPJ: ". */
  DADOS_PAGADOR: "//li[contains(concat(' ', normalize-space(@class), ' '), ' dadosPagador ')]",
} as const;

/** Prefixos dos arquivos que o legado esperava na pasta de downloads (`get_latest_file`). */
export const PREFIXO_BOLETO = 'Boleto';
export const PREFIXO_FATURA = 'Fatura';
