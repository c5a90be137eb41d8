import path from 'path';
import { createHash } from 'crypto';
import { RPABase, type SucessoRobo } from '../base/rpa-base';
import type { NavegadorRPA } from '../../navegador/navegador-rpa';
import { juntarPdfs } from '../../navegador/pdf';
import { SELETORES_EMBRATEL as S } from './seletores';
import {
  erroLogin,
  erroNegocio,
  ErroRPA,
  erroSemFatura,
  nomeFaturaLegado,
  type ParametrosEntradaPadrao,
  TipoErro,
} from '@orquestrador-rpa/contrato';

type Log = (linha: string) => void;

/** Espera implícita do `BrowserChrome` do legado: tabela de faturas e células das notas. */
const ESPERA_LEGADO_MS = 10_000;

/** Filtro do cadastro: `CONTA` ou `CONTA_DD` (DD = dia do vencimento), como o `split("_")` do legado. */
export const lerFiltroEmbratel = (filtro: string | null): { conta: string; dia: string | null } => {
  const texto = (filtro ?? '').trim();
  if (!texto) throw erroNegocio('O cliente não tem filtro (conta Embratel) cadastrado.');
  const partes = texto.split('_');
  // Mais de um "_": no legado o `split` falhava e o filtro inteiro virava a conta.
  if (partes.length !== 2) return { conta: texto, dia: null };
  const dia = partes[1]!.trim();
  // No legado, "CONTA_" nunca casava com linha nenhuma (dia vazio): aqui é um erro de cadastro dito com clareza.
  if (!/^\d{2}$/.test(dia))
    throw erroNegocio(
      `Filtro "${texto}" inválido: use CONTA ou CONTA_DD (DD = dia do vencimento com dois dígitos).`
    );
  return { conta: partes[0]!.trim(), dia };
};

/** "R$ 1.234,56" → 1234.56; texto sem valor monetário → null. */
export const lerValorBoleto = (texto: string): number | null => {
  const achado = /(\d{1,3}(?:\.\d{3})*|\d+),(\d{2})/.exec(texto);
  return achado ? Number(`${achado[1]!.replace(/\./g, '')}.${achado[2]}`) : null;
};

/**
 * Robô de download da Embratel: o fluxo do legado passo a passo (ver `docs/legado.md`), com o
 * mês do processo (não o do relógio) e cada documento impresso pelo Chromium: Fatura, Boleto e as
 * notas ICMS e ISS abertas pelo clique na célula, juntadas nessa ordem em `{hash}_{DD-MM-AAAA}.pdf`.
 */
export class EmbratelRPA extends RPABase {
  readonly codigo = 'EMB';

  protected override async baixarFatura(
    nav: NavegadorRPA,
    p: ParametrosEntradaPadrao,
    log: Log
  ): Promise<SucessoRobo> {
    const { conta, dia } = lerFiltroEmbratel(p.filtro);
    await this.entrar(nav, p, log);
    await this.abrirFaturasDoMes(nav, p.mes_ano);
    const vencimentoDaLinha = await this.abrirFaturaDaConta(nav, conta, dia, log);

    const pasta = path.join(nav.pastaTrabalho, 'documentos');
    const principal = await nav.janelaAtual();
    let vencimento = '';
    let valor: number | null = null;
    /** `baixar_documento` do legado: clica, vai para a última aba, espera o conteúdo, imprime e volta à principal. */
    const imprimirDocumento = async (seletor: string, nome: string): Promise<string> => {
      await nav.irParaUltimaJanela(() => nav.clicar(seletor));
      await nav.esperarConteudo();
      if (nome === 'Boleto') {
        vencimento = await nav.texto(S.vencimentoBoleto, 5_000).catch(() => '');
        valor = lerValorBoleto(await nav.texto(S.valorBoleto, 1_000).catch(() => ''));
      }
      log(`Gerando ${nome}.pdf pela impressão do Chromium.`);
      const arquivo = await nav.imprimirPdf(path.join(pasta, `${nome}.pdf`));
      await this.voltarParaPrincipal(nav, principal);
      return arquivo;
    };
    /** `acessar_area_nf` + a célula da nota: abre a página das notas, clica na célula e imprime a nota que ela abre. */
    const imprimirNota = async (celula: string, nome: 'NF_ICMS' | 'NF_ISS'): Promise<string | null> => {
      await nav.irParaUltimaJanela(() => nav.clicar(S.notaFiscal));
      if (!(await nav.existe(celula, ESPERA_LEGADO_MS))) {
        log(`Não há NF do tipo ${nome.slice(3)}.`);
        await this.voltarParaPrincipal(nav, principal);
        return null;
      }
      return imprimirDocumento(celula, nome);
    };
    const documentos = [
      await imprimirDocumento(S.fatura, 'Fatura'),
      await imprimirDocumento(S.boleto, 'Boleto'),
      await imprimirNota(S.notaIcms, 'NF_ICMS'),
      await imprimirNota(S.notaIss, 'NF_ISS'),
    ].filter((d): d is string => d !== null);
    if (!/^\d{2}\/\d{2}\/\d{4}$/.test(vencimento))
      throw new ErroRPA(TipoErro.SELETOR, `Vencimento não encontrado no boleto (lido: "${vencimento}").`);
    if (vencimento !== vencimentoDaLinha)
      log(
        `Aviso: vencimento do boleto (${vencimento}) difere do da tabela (${vencimentoDaLinha}); vale o do boleto.`
      );

    const [d, m, a] = vencimento.split('/');
    const iso = `${a}-${m}-${d}`;
    const destino = path.join(nav.pastaTrabalho, 'saida', nomeFaturaLegado(p.hash_cliente, iso));
    const { paginas, conteudo } = await juntarPdfs(documentos, destino);
    log(
      `Fatura montada com ${documentos.length} documento(s) e ${paginas} página(s): ${path.basename(destino)}.`
    );
    return {
      mensagem: `Fatura da conta ${conta} (${d}/${m}/${a}) baixada com ${documentos.length} documento(s).`,
      arquivo_baixado: destino,
      dados_extraidos: {
        data_vencimento: iso,
        ...(valor !== null ? { valor_fatura: valor } : {}),
        conta,
        documentos: documentos.map((doc) => path.basename(doc, '.pdf')),
        paginas,
        sha256: createHash('sha256').update(conteudo).digest('hex'),
        tamanho_bytes: conteudo.length,
      },
    };
  }

  private async entrar(nav: NavegadorRPA, p: ParametrosEntradaPadrao, log: Log): Promise<void> {
    await nav.ir(p.url_portal);
    await nav.digitar(S.usuario, p.usuario);
    await nav.digitarSenha(S.senha, p.senha);
    await nav.clicar(S.entrar);
    // Sem "Fatura On Line" e com o formulário de login de volta: a senha foi recusada (o legado não conferia).
    if (!(await nav.existe(S.faturaOnLine)) && (await nav.existe(S.usuario, 500))) {
      throw erroLogin('O portal da Embratel recusou o usuário ou a senha.');
    }
    log('Login feito no portal da Embratel.');
  }

  /**
   * "Fatura On Line", o mês do **processo** (o legado usava o do relógio: ver `docs/legado.md`) e
   * "Ok". Mês ausente de uma lista de meses → sem fatura; sem lista, tabela ou link → o portal mudou.
   */
  private async abrirFaturasDoMes(nav: NavegadorRPA, mesAno: string): Promise<void> {
    await nav.clicar(S.faturaOnLine);
    const aaaamm = mesAno.replace('-', '');
    const mes = `${aaaamm.slice(4)}/${aaaamm.slice(0, 4)}`;
    if (!(await nav.existe(S.opcaoMes(aaaamm)))) {
      if (await nav.existe(S.listaDeMeses, 1_000))
        throw erroSemFatura(`O portal não oferece faturas de ${mes}.`);
      throw new ErroRPA(
        TipoErro.SELETOR,
        `A lista de meses do "Fatura On Line" não apareceu (o portal mudou?): ${S.opcaoMes(aaaamm)}`
      );
    }
    await nav.clicar(S.opcaoMes(aaaamm));
    await nav.clicar(S.ok);
    if (!(await nav.existe(S.tabelaFaturas, ESPERA_LEGADO_MS))) {
      if (await nav.existe(S.semFaturasNoPeriodo, 1_000))
        throw erroSemFatura(`Nenhuma fatura no portal em ${mes}.`);
      throw new ErroRPA(
        TipoErro.SELETOR,
        `A tabela de faturas não apareceu e o portal não disse que o período está vazio (o portal mudou?): ${S.tabelaFaturas}`
      );
    }
  }

  /** Percorre a tabela: conta na 2ª célula, data na 5ª; com dia no filtro, a data tem de começar por ele. */
  private async abrirFaturaDaConta(
    nav: NavegadorRPA,
    conta: string,
    dia: string | null,
    log: Log
  ): Promise<string> {
    const tabela = await nav.elemento(S.tabelaFaturas);
    for (const linha of await nav.elementos(S.linhas, tabela)) {
      const celulas = await nav.elementos(S.celulas, linha);
      if (celulas.length < 5) continue;
      const contaLinha = (await celulas[1]!.getText()).trim();
      const data = (await celulas[4]!.getText()).trim();
      if (data.length < 2) continue; // proteção do legado contra data ausente
      if (contaLinha === conta && (!dia || data.slice(0, 2) === dia)) {
        log(`Fatura encontrada: conta ${conta}, vencimento ${data}.`);
        await linha.click();
        await nav.esperarCarregar();
        return data;
      }
    }
    // A tabela do mês veio: a conta sem linha é a resposta do portal, não um seletor quebrado.
    throw erroSemFatura(
      `Nenhuma fatura encontrada para Conta '${conta}'${dia ? ` com vencimento no dia ${dia}` : ''}.`
    );
  }

  /** Fecha as abas abertas pelos documentos e volta à principal (o legado as deixava abertas). */
  private async voltarParaPrincipal(nav: NavegadorRPA, principal: string): Promise<void> {
    for (const janela of await nav.driver.getAllWindowHandles()) {
      if (janela === principal) continue;
      await nav.driver.switchTo().window(janela);
      await nav.driver.close();
    }
    await nav.voltarParaJanela(principal);
  }
}
