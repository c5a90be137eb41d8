import createHttpError from 'http-errors';
import { decifrarSenha } from '../regras/cofre';
import { ErroChaveCriptografia } from '../regras/cifra';
import {
  criarParametros,
  dominiosDaOperadora,
  ErroParametros,
  motivoUrlRecusada,
  type ParametrosEntradaPadrao,
  TipoExecucao,
  type TipoExecucaoRobo,
} from '@orquestrador-rpa/contrato';
import { configuracao, politicaPortal } from '../configuracao';

type Dados = Record<string, unknown>;

/** Credenciais do SAT (sistema interno), só no Strapi: `SAT_URL`, `SAT_USUARIO`, `SAT_SENHA`. */
const credenciaisSat = () => {
  const { url, usuario, senha } = configuracao().sat;
  if (!url || !usuario || !senha)
    throw createHttpError(
      422,
      'O SAT não está configurado no Strapi: defina SAT_URL, SAT_USUARIO e SAT_SENHA.'
    );
  return { url_portal: url, usuario, senha, dominios_permitidos: dominiosDaOperadora(null, url) };
};

const texto = (valor: unknown): string | null =>
  typeof valor === 'string' && valor.trim() ? valor.trim() : null;

/** Senha do portal em claro (só para a resposta de `iniciar`); ilegível vira 422 claro, nunca o texto cifrado. */
const senhaDoCliente = (cliente: Dados): string | null => {
  if (typeof cliente.senha_portal !== 'string' || !cliente.senha_portal) return null;
  try {
    return decifrarSenha(cliente.senha_portal, String(cliente.documentId));
  } catch (erro) {
    if (!(erro instanceof ErroChaveCriptografia)) throw erro;
    throw createHttpError(
      422,
      `A senha do portal deste cliente não pôde ser decifrada (${erro.message}) Cadastre-a de novo.`
    );
  }
};

/** Site do cliente quando é uma URL (na Azuton ele é o e-mail de origem da fatura); senão o portal da operadora. */
const urlDoPortal = (cliente: Dados, operadora: Dados): string | null => {
  const site = texto(cliente.site_emissao);
  return site && !site.includes('@') ? site : texto(operadora.url_portal);
};

/**
 * Monta o ParametrosEntradaPadrao de uma execução a partir do processo (com cliente e operadora),
 * com a senha do portal decifrada. Só vai para o worker na resposta de `iniciar`; nunca é gravado.
 * A URL do portal é conferida de novo contra os domínios da operadora (o worker confere outra vez).
 */
export const montarParametros = (processo: Dados, tipo: TipoExecucaoRobo): ParametrosEntradaPadrao => {
  const cliente = (processo.cliente ?? {}) as Dados;
  const operadora = (cliente.operadora ?? {}) as Dados;
  const acesso =
    tipo === TipoExecucao.UPLOAD_SAT
      ? credenciaisSat()
      : {
          url_portal: urlDoPortal(cliente, operadora),
          usuario: texto(cliente.login_portal),
          senha: senhaDoCliente(cliente),
          dominios_permitidos: dominiosDaOperadora(
            operadora.dominios_permitidos as string | null,
            operadora.url_portal as string | null
          ),
        };
  const recusa = acesso.url_portal
    ? motivoUrlRecusada(acesso.url_portal, politicaPortal(), acesso.dominios_permitidos)
    : null;
  if (recusa) throw createHttpError(422, `URL do portal recusada para o robô: ${recusa}`);
  try {
    return criarParametros({
      id_processo: processo.documentId,
      id_cliente: cliente.documentId,
      operadora_codigo: operadora.codigo,
      operadora_nome: operadora.nome,
      ...acesso,
      cpf: cliente.cpf,
      filtro: cliente.filtro,
      nome_sat: cliente.nome_sat,
      dados_sat: cliente.dados_sat,
      unidade: cliente.unidade,
      servico: cliente.servico,
      cnpj: cliente.cnpj,
      razao_social: cliente.razao_social,
      mes_ano: processo.mes_ano,
      hash_cliente: cliente.hash_unico,
      data_vencimento: tipo === TipoExecucao.UPLOAD_SAT ? processo.data_vencimento : null,
    });
  } catch (erro) {
    if (erro instanceof ErroParametros)
      throw createHttpError(422, `Cadastro incompleto para o robô: ${erro.problemas.join('; ')}.`);
    throw erro;
  }
};
