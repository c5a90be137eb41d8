import fs from 'fs';
import path from 'path';
import { PDFDocument } from 'pdf-lib';
import { createHash } from 'crypto';
import { erroLogin, erroNegocio, erroSemFatura, ErroRPA } from '../../contrato/erro-rpa';
import type { ParametrosEntradaPadrao } from '../../contrato/parametros';
import { RPABase, type SucessoRobo } from '../../contrato/rpa-base';
import { TipoErro } from '../../contrato/tipos';
import type { NavegadorRPA } from '../../navegador/navegador-rpa';
import { SELETORES_EMBRATEL as S } from './seletores';

type Log = (linha: string) => void;

/** Filtro do cadastro: `CONTA` ou `CONTA_DD` (DD = dia do vencimento). */
export const lerFiltroEmbratel = (filtro: string | null): { conta: string; dia: string | null } => {
  const texto = (filtro ?? '').trim();
  if (!texto) throw erroNegocio('O cliente não tem filtro (conta Embratel) cadastrado.');
  const [conta, dia] = texto.split('_');
  return { conta: conta!.trim(), dia: dia?.trim() || null };
};

/** Robô de download da Embratel: fluxo do legado, com o mês do processo e PDFs pela impressão do Chromium. */
export class EmbratelRPA extends RPABase {
  readonly codigo = 'EMB';

  protected override async baixarFatura(nav: NavegadorRPA, p: ParametrosEntradaPadrao, log: Log): Promise<SucessoRobo> {
    const { conta, dia } = lerFiltroEmbratel(p.filtro);
    await this.entrar(nav, p, log);
    await nav.clicar(S.faturaOnLine);
    const aaaamm = p.mes_ano.replace('-', '');
    if (!(await nav.existe(S.opcaoMes(aaaamm)))) throw erroSemFatura(`O portal não oferece faturas de ${aaaamm.slice(4)}/${aaaamm.slice(0, 4)}.`);
    await nav.clicar(S.opcaoMes(aaaamm));
    await nav.clicar(S.ok);
    if (!(await nav.existe(S.tabelaFaturas))) throw erroSemFatura(`Nenhuma fatura no portal em ${aaaamm.slice(4)}/${aaaamm.slice(0, 4)}.`);
    const vencimentoDaLinha = await this.abrirFaturaDaConta(nav, conta, dia, log);

    const pasta = path.join(nav.pastaTrabalho, 'documentos');
    const principal = await nav.janelaAtual();
    let vencimento = '';
    let valor: number | null = null;
    const imprimir = async (seletor: string, nome: string, exigir?: string): Promise<string | null> => {
      await nav.irParaJanelaNova(() => nav.clicar(seletor));
      try {
        if (exigir && !(await nav.existe(exigir, 2_000))) {
          log(`Não há ${nome.replace('_', ' do tipo ')}.`);
          return null;
        }
        if (nome === 'Boleto') {
          vencimento = await nav.texto(S.vencimentoBoleto, 5_000).catch(() => '');
          valor = lerValorBoleto(await nav.texto(S.valorBoleto, 1_000).catch(() => ''));
        }
        log(`Gerando ${nome}.pdf pela impressão do Chromium.`);
        return await nav.imprimirPdf(path.join(pasta, `${nome}.pdf`));
      } finally {
        await nav.fecharJanelaEVoltar(principal);
      }
    };
    const documentos = [
      await imprimir(S.fatura, 'Fatura'),
      await imprimir(S.boleto, 'Boleto'),
      await imprimir(S.notaFiscal, 'NF_ICMS', S.notaIcms),
      await imprimir(S.notaFiscal, 'NF_ISS', S.notaIss),
    ].filter((d): d is string => d !== null);
    if (!/^\d{2}\/\d{2}\/\d{4}$/.test(vencimento)) throw new ErroRPA(TipoErro.SELETOR, `Vencimento não encontrado no boleto (lido: "${vencimento}").`);
    if (vencimento !== vencimentoDaLinha) log(`Aviso: vencimento do boleto (${vencimento}) difere do da tabela (${vencimentoDaLinha}); vale o do boleto.`);

    const [d, m, a] = vencimento.split('/');
    const destino = path.join(nav.pastaTrabalho, 'saida', `${p.id_processo}_${d}-${m}-${a}.pdf`);
    const { paginas, conteudo } = await juntarPdfs(documentos, destino);
    log(`Fatura montada com ${documentos.length} documento(s) e ${paginas} página(s).`);
    return {
      mensagem: `Fatura da conta ${conta} (${d}/${m}/${a}) baixada com ${documentos.length} documento(s).`,
      arquivo_baixado: destino,
      dados_extraidos: {
        data_vencimento: `${a}-${m}-${d}`,
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
    if (!(await nav.existe(S.faturaOnLine)) && (await nav.existe(S.usuario, 500))) {
      throw erroLogin('O portal da Embratel recusou o usuário ou a senha.');
    }
    log('Login feito no portal da Embratel.');
  }

  /** Percorre a tabela: conta na 2ª célula, data na 5ª; com dia no filtro, a data tem de começar por ele. */
  private async abrirFaturaDaConta(nav: NavegadorRPA, conta: string, dia: string | null, log: Log): Promise<string> {
    const tabela = await nav.elemento(S.tabelaFaturas);
    for (const linha of await nav.elementos(S.linhas, tabela)) {
      const celulas = await nav.elementos(S.celulas, linha);
      if (celulas.length < 5) continue;
      const contaLinha = (await celulas[1]!.getText()).trim();
      const data = (await celulas[4]!.getText()).trim();
      if (contaLinha === conta && (!dia || data.slice(0, 2) === dia)) {
        log(`Fatura encontrada: conta ${conta}, vencimento ${data}.`);
        await linha.click();
        await nav.esperarCarregar();
        return data;
      }
    }
    throw erroSemFatura(`Nenhuma fatura encontrada para Conta '${conta}'${dia ? ` com vencimento no dia ${dia}` : ''}.`);
  }
}

/** "R$ 1.234,56" → 1234.56; texto sem valor monetário → null. */
export const lerValorBoleto = (texto: string): number | null => {
  const achado = /(\d{1,3}(?:\.\d{3})*|\d+),(\d{2})/.exec(texto);
  return achado ? Number(`${achado[1]!.replace(/\./g, '')}.${achado[2]}`) : null;
};

/** Junta os PDFs na ordem dada (pdf-lib) e grava o resultado. */
export const juntarPdfs = async (arquivos: readonly string[], destino: string): Promise<{ paginas: number; conteudo: Buffer }> => {
  const saida = await PDFDocument.create();
  for (const arquivo of arquivos) {
    const origem = await PDFDocument.load(fs.readFileSync(arquivo));
    for (const pagina of await saida.copyPages(origem, origem.getPageIndices())) saida.addPage(pagina);
  }
  const conteudo = Buffer.from(await saida.save());
  fs.mkdirSync(path.dirname(destino), { recursive: true });
  fs.writeFileSync(destino, conteudo);
  return { paginas: saida.getPageCount(), conteudo };
};
