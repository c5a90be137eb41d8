import createHttpError from 'http-errors';
import { criarParametros, ErroParametros, type ParametrosEntradaPadrao } from '../../worker-rpa/src/contrato/parametros';
import { decifrarSenha } from '../regras/cofre';

type Dados = Record<string, unknown>;

/** Credenciais do SAT (sistema interno), só no Strapi: `SAT_URL`, `SAT_USUARIO`, `SAT_SENHA`. */
const credenciaisSat = () => {
  const [url, usuario, senha] = [process.env.SAT_URL, process.env.SAT_USUARIO, process.env.SAT_SENHA];
  if (!url || !usuario || !senha) throw createHttpError(422, 'O SAT não está configurado no Strapi: defina SAT_URL, SAT_USUARIO e SAT_SENHA.');
  return { url_portal: url, usuario, senha };
};

const texto = (valor: unknown): string | null => (typeof valor === 'string' && valor.trim() ? valor.trim() : null);

/**
 * Monta o ParametrosEntradaPadrao de uma execução a partir do processo (com cliente e operadora),
 * com a senha do portal decifrada. Só vai para o worker na resposta de `iniciar`; nunca é gravado.
 */
export const montarParametros = (processo: Dados, tipo: 'DOWNLOAD_FATURA' | 'UPLOAD_SAT'): ParametrosEntradaPadrao => {
  const cliente = (processo.cliente ?? {}) as Dados;
  const operadora = (cliente.operadora ?? {}) as Dados;
  const acesso = tipo === 'UPLOAD_SAT'
    ? credenciaisSat()
    : {
        url_portal: texto(cliente.site_emissao) ?? texto(operadora.url_portal),
        usuario: texto(cliente.login_portal),
        senha: typeof cliente.senha_portal === 'string' && cliente.senha_portal ? decifrarSenha(cliente.senha_portal) : null,
      };
  try {
    return criarParametros({
      id_processo: processo.documentId, id_cliente: cliente.documentId, operadora_codigo: operadora.codigo, operadora_nome: operadora.nome,
      ...acesso,
      cpf: cliente.cpf, filtro: cliente.filtro, nome_sat: cliente.nome_sat, dados_sat: cliente.dados_sat, unidade: cliente.unidade,
      servico: cliente.servico, cnpj: cliente.cnpj, razao_social: cliente.razao_social, mes_ano: processo.mes_ano,
      data_vencimento: tipo === 'UPLOAD_SAT' ? processo.data_vencimento : null,
    });
  } catch (erro) {
    if (erro instanceof ErroParametros) throw createHttpError(422, `Cadastro incompleto para o robô: ${erro.problemas.join('; ')}.`);
    throw erro;
  }
};
