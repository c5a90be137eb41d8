import path from 'path';
import { RPABase, type SucessoRobo } from '../base/rpa-base';
import type { NavegadorRPA } from '../../navegador/navegador-rpa';
import { decifrarPdf, ErroSenhaPdf, juntarPdfs } from '../../navegador/pdf';
import { lerConfiguracaoRobos } from '../../configuracao';
import { SELETORES_DIGITALNET as S } from './seletores';
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

/** Esperas fixas do legado (3 s depois do login e da troca de contrato, 5 s antes do id, 2 s depois). */
const ESPERA_LEGADO_MS = 5_000;
/** O token da sessão vive 5 min: um que vence em menos que isto já não serve para os dois downloads. */
const FOLGA_TOKEN_S = 20;

/** Senha do PDF da fatura: os 3 primeiros dígitos do CNPJ (`obter_tres_primeiros_digitos_cnpj`). */
export const senhaDaFatura = (cnpj: string | null): string => {
  const digitos = (cnpj ?? '').replace(/\D/g, '');
  if (digitos.length < 3)
    throw erroNegocio(
      'O cliente não tem CNPJ cadastrado: a fatura da Digitalnet é aberta com os 3 primeiros dígitos dele.'
    );
  return digitos.slice(0, 3);
};

/** Id da fatura pelo título da página: a 2ª parte de " | ", como o legado. */
export const idPeloTitulo = (titulo: string): string | null => titulo.split(' | ')[1]?.trim() || null;

/** Segundos até o vencimento de um JWT (`exp` do payload); null se não for um JWT legível. */
export const validadeDoJwt = (token: string, agoraS = Date.now() / 1000): number | null => {
  const partes = token.split('.');
  if (partes.length !== 3) return null;
  try {
    const { exp } = JSON.parse(Buffer.from(partes[1]!, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp === 'number' ? exp - agoraS : null;
  } catch {
    return null;
  }
};

/**
 * Candidatos a token no armazenamento da página (localStorage e sessionStorage, inclusive dentro de
 * valores JSON): qualquer `eyJ….eyJ….…`, sem depender do nome da chave que o portal usa.
 */
const BUSCAR_TOKENS = `
  const achados = [];
  const padrao = /eyJ[\\w-]+\\.eyJ[\\w-]+\\.[\\w-]+/g;
  for (const armazenamento of [window.localStorage, window.sessionStorage])
    for (let i = 0; i < armazenamento.length; i += 1) {
      const valor = armazenamento.getItem(armazenamento.key(i)) || '';
      for (const token of valor.match(padrao) || []) achados.push(token);
    }
  return achados;`;

/**
 * Robô de download da Digitalnet, porte de `digitalnet.py` (ver `docs/legado.md`): login em duas
 * etapas, troca de contrato pelo `filtro`, vencimento em "Pagar agora", id da fatura pelo título e
 * os dois PDFs pela API do portal com o token Bearer **da própria sessão** (o legado tinha um JWT
 * fixo no código, vencido). A fatura vem cifrada com os 3 primeiros dígitos do CNPJ: decifrada só
 * se estiver cifrada e juntada ao documento fiscal.
 */
export class DigitalnetRPA extends RPABase {
  readonly codigo = 'DIG';

  protected override async baixarFatura(
    nav: NavegadorRPA,
    p: ParametrosEntradaPadrao,
    log: Log
  ): Promise<SucessoRobo> {
    const senhaPdf = senhaDaFatura(p.cnpj);
    await this.entrar(nav, p, log);
    await this.escolherContrato(nav, p.filtro, log);

    if (await nav.existe(S.faturasPendentes, ESPERA_LEGADO_MS))
      throw erroSemFatura('Erro ao encontrar a fatura. Não existe fatura disponível.');
    await nav.clicar(S.pagarAgora);
    const vencimento = (await nav.texto(S.vencimento, ESPERA_LEGADO_MS).catch(() => '')).trim();
    if (!/^\d{2}\/\d{2}\/\d{4}$/.test(vencimento))
      throw new ErroRPA(
        TipoErro.SELETOR,
        `Vencimento não encontrado depois de "Pagar agora" (lido: "${vencimento}").`
      );

    await nav.clicar(S.idFatura, ESPERA_LEGADO_MS);
    const idFatura = await this.idDaFatura(nav);
    log(`Fatura ${idFatura} com vencimento ${vencimento}.`);

    // O token é lido logo antes dos downloads (vida de 5 min) e nunca vai a log.
    const token = await this.tokenDaSessao(nav);
    const api = lerConfiguracaoRobos().digitalnetUrlApi;
    const origem = new URL(p.url_portal).origin;
    const cabecalhos = {
      authorization: `Bearer ${token}`,
      origin: origem,
      referer: `${origem}/`,
      accept: 'application/json, text/plain, */*',
      'cache-control': 'no-cache',
      pragma: 'no-cache',
    };
    const pasta = path.join(nav.pastaTrabalho, 'digitalnet');
    const id = encodeURIComponent(idFatura);
    // A API fica fora do domínio do portal: confiada por vir da configuração do worker, não do cadastro.
    const baixar = (caminho: string, arquivo: string) =>
      nav.baixarComSessao(`${api}${caminho}`, path.join(pasta, arquivo), cabecalhos, [new URL(api).hostname]);
    const cifrada = await baixar(`/invoices/${id}/pdf`, 'fatura.pdf');
    const fiscal = await baixar(`/invoices/fiscal-documents/${id}`, 'documento-fiscal.pdf');
    const aberta = path.join(pasta, 'fatura-aberta.pdf');
    const { cifrado } = await this.decifrar(cifrada.caminho, aberta, senhaPdf);
    log(cifrado ? 'Fatura decifrada com os 3 primeiros dígitos do CNPJ.' : 'Fatura veio sem cifra.');

    const [d, m, a] = vencimento.split('/');
    const iso = `${a}-${m}-${d}`;
    const destino = path.join(nav.pastaTrabalho, 'saida', nomeFaturaLegado(p.hash_cliente, iso));
    const { paginas } = await juntarPdfs([aberta, fiscal.caminho], destino);
    log(
      `Fatura montada com a fatura e o documento fiscal (${paginas} página(s)): ${path.basename(destino)}.`
    );
    return {
      mensagem: `Fatura ${idFatura} (${vencimento}) baixada.`,
      arquivo_baixado: destino,
      dados_extraidos: { data_vencimento: iso, id_fatura: idFatura, fatura_cifrada: cifrado, paginas },
    };
  }

  /** CPF/CNPJ; "Fazer login" (5 s); de novo o CPF/CNPJ, a senha e "Entrar". */
  private async entrar(nav: NavegadorRPA, p: ParametrosEntradaPadrao, log: Log): Promise<void> {
    await nav.ir(p.url_portal);
    await nav.digitar(S.usuario, p.usuario);
    if (!(await nav.existe(S.loginGeral, ESPERA_LEGADO_MS)))
      // O legado clicava em "Entrar" e tratava a volta como login que falhou: aqui, dito com clareza.
      throw erroLogin(
        'O portal da Digitalnet não ofereceu "Fazer login" depois do CPF/CNPJ. Verifique as credenciais.'
      );
    await nav.clicar(S.loginGeral);
    // O legado digitava de novo sem limpar (podia duplicar o texto): aqui o campo é limpo antes.
    await nav.digitar(S.usuario, p.usuario, { limpar: true });
    await nav.digitarSenha(S.senha, p.senha, { limpar: true });
    await nav.clicar(S.entrar);
    const tela = await nav.primeiroQueExistir([S.todosOsContratos, S.faturasPendentes, S.pagarAgora], 10_000);
    if (tela < 0) throw erroLogin('Erro ao realizar o login. Verifique as credenciais.');
    log('Login feito no portal da Digitalnet.');
  }

  /** Com vários contratos, o que contém o `filtro`; nenhum casando é erro (o legado seguia com o atual). */
  private async escolherContrato(nav: NavegadorRPA, filtro: string | null, log: Log): Promise<void> {
    if (!(await nav.existe(S.todosOsContratos, ESPERA_LEGADO_MS))) {
      log('Cliente de contrato único com a operadora.');
      return;
    }
    if (!filtro?.trim())
      throw erroNegocio(
        'O cliente tem vários contratos na Digitalnet e nenhum filtro cadastrado para escolher um.'
      );
    await nav.clicar(S.todosOsContratos);
    await nav.clicar(S.mudarContrato);
    const contratos = await nav.elementosPresentes(S.contratos, ESPERA_LEGADO_MS);
    const textos: string[] = [];
    for (const contrato of contratos) {
      const texto = (await contrato.getText()).trim();
      textos.push(texto);
      if (!texto.includes(filtro)) continue;
      await contrato.click();
      log(`Contrato escolhido pelo filtro "${filtro}": ${texto}.`);
      await nav.primeiroQueExistir([S.faturasPendentes, S.pagarAgora], ESPERA_LEGADO_MS);
      return;
    }
    throw erroNegocio(`Nenhum contrato da Digitalnet contém o filtro "${filtro}".`, { contratos: textos });
  }

  private async idDaFatura(nav: NavegadorRPA): Promise<string> {
    let titulo = '';
    const id = await nav.driver
      .wait(async () => idPeloTitulo((titulo = await nav.driver.getTitle())), ESPERA_LEGADO_MS)
      .catch(() => null);
    if (!id)
      throw new ErroRPA(
        TipoErro.SELETOR,
        `O título da página não trouxe o id da fatura (título: "${titulo}").`
      );
    return id;
  }

  private async tokenDaSessao(nav: NavegadorRPA): Promise<string> {
    const candidatos = (await nav.driver.executeScript(BUSCAR_TOKENS)) as string[];
    const validos = candidatos
      .map((token) => ({ token, validade: validadeDoJwt(token) }))
      .filter(
        (c): c is { token: string; validade: number } => c.validade !== null && c.validade > FOLGA_TOKEN_S
      )
      .sort((a, b) => b.validade - a.validade);
    if (!validos[0])
      throw erroLogin(
        candidatos.length
          ? 'O token da sessão do portal venceu (ou vence em instantes): faça o login de novo.'
          : 'A sessão do portal não tem token para a API de faturas (o login não terminou?).'
      );
    return validos[0].token;
  }

  private async decifrar(origem: string, destino: string, senha: string): Promise<{ cifrado: boolean }> {
    try {
      return await decifrarPdf(origem, destino, senha);
    } catch (erro) {
      if (erro instanceof ErroSenhaPdf)
        throw erroNegocio(
          'A fatura veio cifrada e os 3 primeiros dígitos do CNPJ não a abrem (a senha mudou?).'
        );
      throw new ErroRPA(
        TipoErro.DESCONHECIDO,
        `A fatura baixada está corrompida: ${(erro as Error).message}`
      );
    }
  }
}
