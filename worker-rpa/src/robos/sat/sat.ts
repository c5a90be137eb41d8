import fs from 'fs';
import path from 'path';
import { RPABase, type RecursosRobo, type SucessoRobo } from '../base/rpa-base';
import type { NavegadorRPA } from '../../navegador/navegador-rpa';
import { CATEGORIA_SAT, ESPERA_DEPOIS_DO_CADASTRO_MS, SELETORES_SAT as S } from './seletores';
import { CODIGO_SAT, erroLogin, erroNegocio, type ParametrosEntradaPadrao } from '@orquestrador-rpa/contrato';

type Log = (linha: string) => void;

const exigir = (p: ParametrosEntradaPadrao): { arquivo: string; vencimento: string } => {
  const faltando = (
    ['nome_sat', 'dados_sat', 'unidade', 'operadora_nome', 'arquivo_fatura', 'data_vencimento'] as const
  ).filter((campo) => !p[campo]);
  if (faltando.length) throw erroNegocio(`Faltam dados para o envio ao SAT: ${faltando.join(', ')}.`);
  const arquivo = path.resolve(p.arquivo_fatura!);
  if (!fs.existsSync(arquivo))
    throw erroNegocio(`O PDF da fatura não está disponível para o envio (${p.arquivo_fatura}).`);
  const [ano, mes, dia] = p.data_vencimento!.split('-');
  return { arquivo, vencimento: `${dia}/${mes}/${ano}` };
};

/**
 * Robô do envio ao SAT, fiel ao legado (`docs/legado.md`): cliente pela busca, "Adicionar",
 * operadora, telefone = `dados_sat`, o arquivo nos dois campos (o do legado:
 * `{hash}_{DD-MM-AAAA}.pdf`), competência = vencimento, categoria PAGAR e filial por similaridade
 * ≥ 0,6 — sem filial parecida, envia assim mesmo e avisa. Antes do clique final registra o ponto
 * sem retorno; depois dele, sucesso é nenhuma mensagem de erro do formulário em 3 s (como o
 * `sleep(3)` do legado), e qualquer falha vira "conferir no SAT", nunca uma nova tentativa.
 */
export class SatRPA extends RPABase {
  readonly codigo = CODIGO_SAT;

  protected override async enviarAoSat(
    nav: NavegadorRPA,
    p: ParametrosEntradaPadrao,
    log: Log,
    recursos: RecursosRobo
  ): Promise<SucessoRobo> {
    const { arquivo, vencimento } = exigir(p);
    await nav.ir(p.url_portal);
    await nav.digitar(S.usuario, p.usuario);
    await nav.digitarSenha(S.senha, p.senha);
    await nav.clicar(S.entrar);
    if (!(await nav.existe(S.menuClientes)) && (await nav.existe(S.usuario, 500)))
      throw erroLogin('O SAT recusou o usuário ou a senha.');
    log('Login feito no SAT.');

    await nav.clicar(S.menuClientes);
    await nav.digitar(S.busca, p.nome_sat, { enter: true });
    if (await nav.existe(S.semResultado, 5_000, 'visivel'))
      throw erroNegocio(`Cliente "${p.nome_sat}" não encontrado no SAT.`, { nome_sat: p.nome_sat });
    await nav.clicar(S.faturasDoCliente);
    await nav.elemento(S.adicionar, 'clicavel');
    await nav.clicar(S.adicionar);

    await nav.elemento(S.operadora, 'visivel');
    await nav.digitar(S.operadora, p.operadora_nome);
    await nav.digitar(S.telefone, p.dados_sat);
    // O legado manda o caminho aos dois campos com um `send_keys` simples.
    await nav.anexar(S.arquivoVisivel, arquivo);
    await nav.anexar(S.arquivo, arquivo);
    await nav.digitar(S.competencia, vencimento, { limpar: true });
    await nav.selecionarTexto(S.categoria, CATEGORIA_SAT);
    const avisos: string[] = [];
    const filial = await nav.selecionarPorSimilaridade(S.filial, p.unidade);
    if (!filial) {
      // Como o legado: registra e envia sem filial (o aviso aparece na execução e no painel).
      avisos.push(
        `Não encontrou unidade por similaridade: nenhuma filial do SAT parecida com "${p.unidade}" (mínimo 0,6); a fatura foi enviada sem filial.`
      );
      log(`AVISO: ${avisos[0]}`);
    }
    log(
      `Formulário preenchido: ${p.operadora_nome}, ${p.dados_sat}, competência ${vencimento}, ${CATEGORIA_SAT}, filial ${filial ?? '(nenhuma)'}, arquivo ${path.basename(arquivo)}.`
    );

    await recursos.pontoSemRetorno();
    await nav.clicar(S.cadastrar);
    if (await nav.existe(S.erroFormulario, ESPERA_DEPOIS_DO_CADASTRO_MS, 'visivel')) {
      throw erroNegocio(`O SAT mostrou um erro depois de "cadastrar": ${await nav.texto(S.erroFormulario)}`);
    }
    return {
      mensagem: `Fatura enviada ao SAT${filial ? '' : ' sem filial (ver aviso)'}: nenhuma mensagem de erro em ${ESPERA_DEPOIS_DO_CADASTRO_MS / 1000} s depois de "cadastrar".`,
      dados_extraidos: {
        filial,
        competencia: vencimento,
        categoria: CATEGORIA_SAT,
        arquivo: path.basename(arquivo),
        avisos,
      },
    };
  }
}
