import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { iniciarPortalEmbratel } from '../../worker-rpa/portais-simulados/embratel';
import { iniciarPortalSat } from '../../worker-rpa/portais-simulados/sat';

/** Os portais simulados do ciclo completo: Embratel com `n` faturas de maio/2025 e o SAT com `n` clientes. */
export const CREDENCIAIS_SAT = { usuario: 'robo.sat', senha: 'Sat#Senha1' };

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
      conta: `1234567890${i}-2345`,
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
