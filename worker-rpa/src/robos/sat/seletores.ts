/** Seletores literais do robô legado do SAT (`attached_assets/sat.py`), e o único que o legado não tinha, marcado. */
export const SELETORES_SAT = {
  usuario: "//input[@name='login']",
  senha: "//input[@name='senha']",
  entrar: "//input[@value='Entrar']",
  menuClientes: "//a[normalize-space(text())='Clientes']",
  busca: "//input[@placeholder='Buscando algo ?']",
  semResultado: "//td[contains(normalize-space(text()), 'Sua busca não trouxe nenhum resultado')]",
  faturasDoCliente: "//a[contains(@href, 'fatura')][img[contains(@src, 'ref.png')]]",
  adicionar: "//a[contains(text(), 'Adicionar') and not(contains(text(), 'Excel'))]",
  operadora: "//input[@name='input[operadora]']",
  telefone: "//input[@name='input[telefone]']",
  arquivoVisivel: "//input[@class='file' and @style='display: inline; width: 250px;']",
  arquivo: "//input[@type='file' and @name='file[]']",
  competencia: "//input[@name='input[data_competencia]']",
  categoria: "//select[@id='categorias']",
  filial: "//select[@id='categorias' and @name='input[id_filial]']",
  cadastrar: "//input[@class='envia' and @name='cadastar']",
  /**
   * Não existe no legado (que só esperava 3 s depois do clique): uma mensagem de erro visível do
   * formulário nesses 3 s faz o envio falhar (e ir a "conferir no SAT").
   */
  erroFormulario: "//div[contains(@class, 'alert-danger')]",
} as const;

/** Categoria fixa do legado. */
export const CATEGORIA_SAT = 'PAGAR';

/** A espera do legado depois de "cadastrar" (`sleep(3)`). */
export const ESPERA_DEPOIS_DO_CADASTRO_MS = 3_000;
