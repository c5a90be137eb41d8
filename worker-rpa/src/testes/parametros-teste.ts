import {
  criarParametros,
  dominiosDaOperadora,
  type ParametrosEntradaPadrao,
} from '@orquestrador-rpa/contrato';

/** Parâmetros inventados para os testes dos robôs (nunca dados reais); o domínio permitido é o da URL do portal. */
export const parametrosDeTeste = (extras: Record<string, unknown> = {}): ParametrosEntradaPadrao => {
  const dados: Record<string, unknown> = {
    id_processo: 'proc-teste-1',
    id_cliente: 'cli-teste-1',
    operadora_codigo: 'EMB',
    operadora_nome: 'EMBRATEL',
    url_portal: 'http://127.0.0.1:9/',
    usuario: 'usuario.teste',
    senha: 'Senha#Teste1',
    filtro: '12345678901-2345_10',
    nome_sat: 'EMPRESA TESTE',
    dados_sat: 'Link Dedicado',
    unidade: 'CAMPO GRANDE-MS',
    servico: 'Link Dedicado',
    cnpj: '11222333000181',
    razao_social: 'Empresa Teste Ltda',
    mes_ano: '2025-05',
    hash_cliente: '3d976b5032b9495a',
    ...extras,
  };
  dados.dominios_permitidos ??= dominiosDaOperadora(null, String(dados.url_portal));
  return criarParametros(dados);
};
