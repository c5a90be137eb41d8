import path from 'path';
import { RPABase, type SucessoRobo } from '../base/rpa-base';
import type { NavegadorRPA } from '../../navegador/navegador-rpa';
import { lerConfiguracaoRobos } from '../../configuracao';
import { contemSubstringParecida } from '../../navegador/similaridade';
import { SELETORES_OI as S } from './seletores';
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

/** Espera implícita do `BrowserChrome` do legado (botão Filtrar, tabela e células). */
const ESPERA_LEGADO_MS = 10_000;

/** Origem das URLs que o legado fixava (`todas-as-contas` e a API do PDF): `OI_URL_BASE` ou a origem de `url_portal`. */
export const baseDoPortalOi = (urlPortal: string, base = lerConfiguracaoRobos().oiUrlBase): string =>
  (base || new URL(urlPortal).origin).replace(/\/+$/, '');

/** Período do mês do processo como o legado montava: do dia 1 ao último dia, às 04:00Z. */
export const periodoOi = (mesAno: string): { inicio: string; fim: string } => {
  const [ano, mes] = mesAno.split('-').map(Number) as [number, number];
  const ultimoDia = new Date(Date.UTC(ano, mes, 0)).getUTCDate();
  const mm = String(mes).padStart(2, '0');
  return {
    inicio: `${ano}-${mm}-01T04:00:00.000Z`,
    fim: `${ano}-${mm}-${String(ultimoDia).padStart(2, '0')}T04:00:00.000Z`,
  };
};

/** URL de `/todas-as-contas` com os mesmos parâmetros e a mesma ordem do `urlencode(doseq=True)` do legado. */
export const urlTodasAsContas = (base: string, cnpj: string, mesAno: string): string => {
  const { inicio, fim } = periodoOi(mesAno);
  const consulta = new URLSearchParams([
    ['cnpj', cnpj],
    ['limit', '10'],
    ['offset', '0'],
    ['paymentStatus', 'em_aberto'],
    ['paymentStatus', 'sem_status'],
    ['refDateStart', inicio],
    ['refDateEnd', fim],
  ]);
  return `${base}/todas-as-contas?${consulta.toString()}`;
};

/** O telefone do serviço como o legado o buscava: `servico.split(" ")[1].replace("-", "")` ("67 3333-4444" → "33334444"). */
export const telefoneDoServico = (servico: string): string => {
  const numero = servico.split(' ')[1];
  // No legado, serviço sem espaço virava exceção e "nenhuma fatura": aqui é erro de cadastro dito com clareza.
  if (!numero)
    throw erroNegocio(
      `O serviço "${servico}" não traz o telefone no formato "DDD NNNN-NNNN" que o robô da Oi procura na lista de contas.`
    );
  return numero.replace(/-/g, '');
};

/**
 * Robô de download da Oi Soluções, porte fiel de `oi.py` (ver `docs/legado.md`): login no iframe,
 * "Ver contas", `/todas-as-contas` filtrada pelo CNPJ e pelo mês do processo, a primeira linha cujo
 * telefone contém o do serviço (ou um trecho com similaridade ≥ 0,7), vencimento e id da fatura na
 * página da conta, e o PDF pela API do portal com os cookies da sessão do navegador.
 */
export class OiRPA extends RPABase {
  readonly codigo = 'OI';

  protected override async baixarFatura(
    nav: NavegadorRPA,
    p: ParametrosEntradaPadrao,
    log: Log
  ): Promise<SucessoRobo> {
    const alvo = telefoneDoServico(p.servico);
    if (!p.cnpj)
      throw erroNegocio('O cliente não tem CNPJ cadastrado: a lista de contas da Oi é filtrada por ele.');
    const base = baseDoPortalOi(p.url_portal);
    await this.entrar(nav, p, log);

    await nav.clicar(S.verContas);
    await nav.elemento(S.rotuloCnpj);
    const url = urlTodasAsContas(base, p.cnpj, p.mes_ano);
    await nav.ir(url);
    // O legado só imprimia a diferença; aqui ela vai ao log da execução.
    const atual = await nav.urlAtual();
    if (!atual.startsWith(`${base}/todas-as-contas`))
      log(`Aviso: o portal levou a ${new URL(atual).pathname} em vez de /todas-as-contas.`);
    await nav.clicar(S.filtrar, ESPERA_LEGADO_MS);

    const correspondencia = await this.abrirContaDoTelefone(nav, alvo, log);
    const vencimento = (await nav.texto(S.vencimento, ESPERA_LEGADO_MS).catch(() => '')).trim();
    if (!/^\d{2}\/\d{2}\/\d{4}$/.test(vencimento))
      throw new ErroRPA(TipoErro.SELETOR, `Vencimento não encontrado na conta (lido: "${vencimento}").`);
    const href =
      (await (await nav.elemento(S.contestarConta, 'presente', ESPERA_LEGADO_MS)).getAttribute('href')) ?? '';
    const idFatura = href.split('/').pop() ?? '';
    if (!idFatura) throw new ErroRPA(TipoErro.SELETOR, 'O link "Contestar conta" não trouxe o id da fatura.');

    const [d, m, a] = vencimento.split('/');
    const iso = `${a}-${m}-${d}`;
    const destino = path.join(nav.pastaTrabalho, 'saida', nomeFaturaLegado(p.hash_cliente, iso));
    const pdf = await nav.baixarComSessao(
      `${base}/api/invoices/pdf/${encodeURIComponent(idFatura)}`,
      destino,
      { accept: 'application/json', 'user-agent': 'Mozilla/5.0' }
    );
    log(`Fatura ${idFatura} baixada pela API do portal: ${path.basename(destino)}.`);
    return {
      mensagem: `Fatura da linha ${correspondencia.texto} (${vencimento}) baixada.`,
      arquivo_baixado: destino,
      dados_extraidos: {
        data_vencimento: iso,
        linha: correspondencia.texto,
        correspondencia: correspondencia.tipo,
        id_fatura: idFatura,
        sha256: pdf.sha256,
        tamanho_bytes: pdf.tamanho,
      },
    };
  }

  /** Login dentro do iframe, como o legado: e-mail e senha sem limpar, "Entrar" e o carregando sumir (10 s). */
  private async entrar(nav: NavegadorRPA, p: ParametrosEntradaPadrao, log: Log): Promise<void> {
    await nav.ir(p.url_portal);
    await nav.elemento(S.iframeLogin);
    await nav.dentroDoIframe(S.iframeLogin, async () => {
      await nav.digitar(S.email, p.usuario);
      await nav.digitarSenha(S.senha, p.senha);
      await nav.clicar(S.entrar);
      await nav.esperarSumir(S.carregando, ESPERA_LEGADO_MS);
    });
    // Sem "Ver contas" e com o iframe de login ainda na tela: o portal recusou (o legado esperava 30 s e falhava sem dizer).
    if (!(await nav.existe(S.verContas, nav.esperaPadraoMs, 'clicavel'))) {
      if (await nav.existe(S.iframeLogin, 500))
        throw erroLogin('O portal da Oi recusou o e-mail ou a senha.');
      throw new ErroRPA(
        TipoErro.SELETOR,
        `O botão "Ver contas" não apareceu depois do login (o portal mudou?): ${S.verContas}`
      );
    }
    log('Login feito no portal da Oi.');
  }

  /**
   * Percorre as linhas **em ordem** e clica na primeira cujo `td[2]` contém o telefone ou, senão,
   * um trecho com similaridade ≥ 0,7 (`contains_similar_substring`): uma linha "parecida" anterior
   * vence uma exata posterior, como no legado.
   */
  private async abrirContaDoTelefone(
    nav: NavegadorRPA,
    alvo: string,
    log: Log
  ): Promise<{ texto: string; tipo: 'exata' | 'similaridade' }> {
    if (!(await nav.existe(S.tabelaContas, ESPERA_LEGADO_MS)))
      throw new ErroRPA(
        TipoErro.SELETOR,
        `A tabela de contas não apareceu depois do "Filtrar" (o portal mudou?): ${S.tabelaContas}`
      );
    const tabela = await nav.elemento(S.tabelaContas);
    for (const linha of await nav.elementos(S.linhas, tabela)) {
      const [celula] = await nav.elementos(S.celulaLinha, linha);
      if (!celula) continue;
      const texto = (await celula.getText()).trim();
      const tipo = texto.includes(alvo)
        ? 'exata'
        : contemSubstringParecida(texto, alvo)
          ? 'similaridade'
          : null;
      if (!tipo) continue;
      log(
        `Conta encontrada (${tipo === 'exata' ? 'telefone contido na linha' : 'trecho parecido, similaridade ≥ 0,7'}): linha "${texto}", procurado ${alvo}.`
      );
      await linha.click();
      await nav.esperarCarregar();
      return { texto, tipo };
    }
    throw erroSemFatura('Nenhuma fatura correspondente foi encontrada', { telefone: alvo });
  }
}
