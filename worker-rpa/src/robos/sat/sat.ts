import fs from 'fs';
import path from 'path';
import { erroLogin, erroNegocio } from '../../contrato/erro-rpa';
import type { ParametrosEntradaPadrao } from '../../contrato/parametros';
import { RPABase, type RecursosRobo, type SucessoRobo } from '../../contrato/rpa-base';
import { CODIGO_SAT } from '../../contrato/tipos';
import type { NavegadorRPA } from '../../navegador/navegador-rpa';
import { CATEGORIA_SAT, SELETORES_SAT as S } from './seletores';

type Log = (linha: string) => void;

const exigir = (p: ParametrosEntradaPadrao): { arquivo: string; vencimento: string } => {
  const faltando = (['nome_sat', 'dados_sat', 'unidade', 'operadora_nome', 'arquivo_fatura', 'data_vencimento'] as const).filter((campo) => !p[campo]);
  if (faltando.length) throw erroNegocio(`Faltam dados para o envio ao SAT: ${faltando.join(', ')}.`);
  const arquivo = path.resolve(p.arquivo_fatura!);
  if (!fs.existsSync(arquivo)) throw erroNegocio(`O PDF da fatura não está disponível para o envio (${p.arquivo_fatura}).`);
  const [ano, mes, dia] = p.data_vencimento!.split('-');
  return { arquivo, vencimento: `${dia}/${mes}/${ano}` };
};

/**
 * Robô do envio ao SAT: fluxo do legado (cliente pela busca, "Adicionar", operadora, telefone =
 * `dados_sat`, arquivo, competência = vencimento, categoria PAGAR, filial por similaridade ≥ 0,6).
 * Diferente do legado, só conclui com a confirmação do SAT na tela.
 */
export class SatRPA extends RPABase {
  readonly codigo = CODIGO_SAT;

  protected override async enviarAoSat(nav: NavegadorRPA, p: ParametrosEntradaPadrao, log: Log, recursos: RecursosRobo): Promise<SucessoRobo> {
    const { arquivo, vencimento } = exigir(p);
    await nav.ir(p.url_portal);
    await nav.digitar(S.usuario, p.usuario);
    await nav.digitarSenha(S.senha, p.senha);
    await nav.clicar(S.entrar);
    if (!(await nav.existe(S.menuClientes)) && (await nav.existe(S.usuario, 500))) throw erroLogin('O SAT recusou o usuário ou a senha.');
    log('Login feito no SAT.');

    await nav.clicar(S.menuClientes);
    await nav.digitar(S.busca, p.nome_sat, { enter: true });
    if ((await nav.primeiroQueExistir([S.faturasDoCliente, S.semResultado])) !== 0) {
      throw erroNegocio(`Cliente "${p.nome_sat}" não encontrado no SAT.`, { nome_sat: p.nome_sat });
    }
    await nav.clicar(S.faturasDoCliente);
    await nav.elemento(S.adicionar, 'clicavel');
    await nav.clicar(S.adicionar);

    await nav.digitar(S.operadora, p.operadora_nome);
    await nav.digitar(S.telefone, p.dados_sat);
    await nav.digitar(S.arquivoVisivel, arquivo);
    await nav.anexar(S.arquivo, arquivo);
    await nav.digitar(S.competencia, vencimento, { limpar: true });
    await nav.selecionarTexto(S.categoria, CATEGORIA_SAT);
    const filial = await nav.selecionarPorSimilaridade(S.filial, p.unidade);
    if (!filial) throw erroNegocio(`Nenhuma filial do SAT parecida com "${p.unidade}" (similaridade mínima 0,6).`, { unidade: p.unidade });
    log(`Formulário preenchido: ${p.operadora_nome}, ${p.dados_sat}, competência ${vencimento}, ${CATEGORIA_SAT}, filial ${filial}.`);

    await recursos.pontoSemRetorno();
    await nav.clicar(S.cadastrar);
    const resposta = await nav.primeiroQueExistir([S.confirmacao, S.erroFormulario]);
    if (resposta === 1) throw erroNegocio(`O SAT recusou o cadastro: ${await nav.texto(S.erroFormulario)}`);
    if (resposta !== 0) {
      throw erroNegocio('O SAT não mostrou a confirmação do cadastro. Confira no SAT antes de reenviar: a fatura pode ter sido gravada.');
    }
    const confirmacao = await nav.texto(S.confirmacao);
    return {
      mensagem: `Fatura enviada ao SAT: ${confirmacao}`,
      dados_extraidos: { confirmacao, filial, competencia: vencimento, categoria: CATEGORIA_SAT },
    };
  }
}
