import { setTimeout as pausa } from 'timers/promises';
import { RPABase, type SucessoRobo } from '../base/rpa-base';
import type { NavegadorRPA } from '../../navegador/navegador-rpa';
import { SELETORES_VIVO as S } from './seletores';
import {
  erroLogin,
  erroNegocio,
  ErroRPA,
  type ParametrosEntradaPadrao,
  TipoErro,
} from '@orquestrador-rpa/contrato';

type Log = (linha: string) => void;

/** O legado tentava 5 vezes, com 0,5 s entre elas, achar o cliente na lista da busca. */
const TENTATIVAS_CLIENTE = 5;

/** Mensagem do fim do fluxo: o legado não baixa nada depois do serviço (ver `docs/legado.md`). */
export const MENSAGEM_SEM_DOWNLOAD_VIVO =
  'O download da fatura da Vivo não existe no legado: use o upload manual. Login, cliente e serviço ADVANCED_FIXA foram feitos; a lista de faturas precisa ser descoberta no portal real.';

/**
 * Robô da Vivo com **só o que o legado tem** (`vivo.py`): login em 3 passos, troca de cliente pela
 * busca de CNPJ (o CNPJ inteiro; o legado comparava 3 dígitos) e o serviço `ADVANCED_FIXA`. Depois
 * disso o legado era uma cópia quebrada do robô do SAT: aqui o robô termina com um resultado de
 * negócio claro (não re-tentado) e a operadora fica sem robô homologado.
 */
export class VivoRPA extends RPABase {
  readonly codigo = 'VIV';

  protected override async baixarFatura(
    nav: NavegadorRPA,
    p: ParametrosEntradaPadrao,
    log: Log
  ): Promise<SucessoRobo> {
    const cnpj = (p.cnpj ?? '').replace(/\D/g, '');
    if (cnpj.length !== 14)
      throw erroNegocio('O cliente não tem um CNPJ de 14 dígitos: a Vivo troca de cliente por ele.');
    if (!p.cpf?.trim())
      throw erroNegocio('O acesso da Vivo pede o CPF do usuário do portal (campo CPF do cliente).');
    await this.entrar(nav, p, log);
    await this.escolherCliente(nav, cnpj, log);
    await nav.clicar(S.pesquisaServico);
    await nav.clicar(S.servicoFixoCorp);
    log('Serviço ADVANCED_FIXA escolhido.');
    throw erroNegocio(MENSAGEM_SEM_DOWNLOAD_VIVO);
  }

  /** E-mail, CPF e senha, cada um seguido de "acessar", como o legado; o resultado é conferido (o legado não conferia). */
  private async entrar(nav: NavegadorRPA, p: ParametrosEntradaPadrao, log: Log): Promise<void> {
    await nav.ir(p.url_portal);
    await nav.digitar(S.login, p.usuario.trim());
    await nav.clicar(S.entrar);
    await nav.digitar(S.cpf, p.cpf!.trim());
    await nav.clicar(S.entrar);
    await nav.digitarSenha(S.senha, p.senha);
    await nav.clicar(S.entrar);
    if (!(await nav.existe(S.pesquisaCliente, nav.esperaPadraoMs))) {
      // A senha ainda na tela: o portal recusou o acesso.
      if (await nav.existe(S.senha, 500))
        throw erroLogin('Falha no login: o portal da Vivo recusou o acesso.');
      throw new ErroRPA(
        TipoErro.SELETOR,
        `O cliente do cabeçalho não apareceu depois do login (o portal mudou?): ${S.pesquisaCliente}`
      );
    }
    log('Login feito no portal da Vivo.');
  }

  /** Busca pelo CNPJ e clica no resultado com o CNPJ inteiro (sem `.-/`), em até 5 tentativas. */
  private async escolherCliente(nav: NavegadorRPA, cnpj: string, log: Log): Promise<void> {
    await nav.clicar(S.pesquisaCliente);
    await nav.digitar(S.pesquisaCnpj, cnpj);
    for (let tentativa = 1; tentativa <= TENTATIVAS_CLIENTE; tentativa += 1) {
      for (const resultado of await nav.elementos(S.selecionarCnpj)) {
        const texto = (await resultado.getText()).replace(/[.\-/]/g, '').trim();
        if (!texto.startsWith(cnpj)) continue;
        await resultado.click();
        await nav.esperarCarregar();
        log(`Cliente ${cnpj} escolhido na busca.`);
        return;
      }
      await pausa(500);
    }
    // O legado devolvia False sem atualizar nada (a execução ficava "rodando").
    throw erroNegocio(`O CNPJ ${cnpj} não aparece entre os clientes do acesso da Vivo.`);
  }
}
