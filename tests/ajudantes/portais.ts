import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { iniciarPortalEmbratel } from '../../worker-rpa/portais-simulados/embratel';
import { iniciarPortalSat } from '../../worker-rpa/portais-simulados/sat';
import { CNPJS_VALIDOS, criarOperadora, dadosCliente } from './dados';
import { PREFIXO_FILAS, TOKEN_ROBO_TESTE } from './strapi';

/** Conta da fatura `i` no portal; o filtro do cliente `i` aponta para ela. */
const contaDoCiclo = (i: number) => `1234567890${i}-2345`;

export const CREDENCIAIS_SAT = { usuario: 'robo.sat', senha: 'Sat#Senha1' };

/** Os portais simulados do ciclo completo: Embratel com `n` faturas de maio/2025 e o SAT com `n` clientes. */
export const subirPortaisDoCiclo = async (
  n: number,
  nomeCliente: string,
  filiais = ['CAMPO GRANDE - MS']
) => {
  const indices = Array.from({ length: n }, (_, i) => i);
  const embratel = await iniciarPortalEmbratel({
    usuario: 'usuario.portal',
    senha: 'Segredo#Portal1',
    faturas: indices.map((i) => ({
      conta: contaDoCiclo(i),
      mes: '202505',
      vencimento: '10/05/2025',
      valor: `${i + 1}00,00`,
      icms: true,
      iss: true,
    })),
  });
  const sat = await iniciarPortalSat({
    ...CREDENCIAIS_SAT,
    clientes: indices.map((i) => ({ id: i + 1, nome: `${nomeCliente} ${i}` })),
    filiais,
  });
  const variaveisDoSat = {
    SAT_URL: `${sat.url}/`,
    SAT_USUARIO: CREDENCIAIS_SAT.usuario,
    SAT_SENHA: CREDENCIAIS_SAT.senha,
  };
  return { embratel, sat, variaveisDoSat };
};

/** Põe o Strapi do teste para ouvir numa porta livre (para o worker, que fala HTTP) e devolve a URL. */
export const ouvirEmPortaLivre = async (strapi: Core.Strapi): Promise<string> => {
  await new Promise<void>((r) => strapi.server.httpServer.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(strapi.server.httpServer.address() as AddressInfo).port}`;
};

/** A operadora EMBRATEL (com robô, no portal simulado) e os `n` clientes das faturas dele; devolve os documentIds. */
export const cadastrarClientesDoCiclo = async (
  strapi: Core.Strapi,
  urlPortal: string,
  n: number,
  nomeCliente: string
): Promise<string[]> => {
  const operadora = await criarOperadora(strapi, {
    nome: 'EMBRATEL',
    codigo: 'EMB',
    possui_rpa: true,
    url_portal: urlPortal,
  });
  const clientes: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const cliente = await strapi.documents('api::cliente.cliente').create({
      data: dadosCliente(operadora.documentId, {
        cnpj: CNPJS_VALIDOS[i],
        nome_sat: `${nomeCliente} ${i}`,
        filtro: `${contaDoCiclo(i)}_10`,
        unidade: 'CAMPO GRANDE-MS',
      }) as never,
    });
    clientes.push(cliente.documentId);
  }
  return clientes;
};

/** Variáveis do worker dos testes do ciclo: tempos curtos de trava, concessão e espera. */
export const ambienteDoWorkerDoCiclo = (urlStrapi: string, urlRedis: string): Record<string, string> => ({
  STRAPI_URL: urlStrapi,
  ROBO_TOKEN: TOKEN_ROBO_TESTE,
  REDIS_URL: urlRedis,
  FILAS_PREFIXO: PREFIXO_FILAS,
  WORKER_TRAVA_MS: '4000',
  WORKER_INTERVALO_TRAVADOS_MS: '2000',
  WORKER_CONCESSAO_MS: '6000',
  WORKER_ESPERA_SEM_VAGA_MS: '500',
  NAVEGADOR_ESPERA_MS: '5000',
});
