import type { Core } from '@strapi/strapi';
import {
  cifrar,
  decifrar,
  ErroChaveCriptografia,
  idDaChaveDoValor,
  resolverChaveiro,
  type Chaveiro,
} from './cifra';

/** Guarda o chaveiro das senhas de portal durante a vida do processo e confere o canário no boot. */

let chaveiro: Chaveiro | null = null;
const TEXTO_CANARIO = 'canario-orquestrador-rpa-beg';
const DONO_CANARIO = 'canario';

export const carregarChave = (strapi: Core.Strapi): void => {
  chaveiro = resolverChaveiro({ pastaApp: strapi.dirs.app.root, avisar: (m) => strapi.log.warn(m) });
};

export const obterChaveiro = (): Chaveiro => {
  if (!chaveiro) throw new ErroChaveCriptografia('Chave de criptografia ainda não carregada.');
  return chaveiro;
};

/** Dono de uma senha de portal no dado associado da cifra: o documentId do cliente. */
export const donoDaSenha = (documentIdCliente: string): string => `cliente:${documentIdCliente}`;

export const cifrarSenha = (senha: string, documentIdCliente: string): string =>
  cifrar(senha, obterChaveiro(), donoDaSenha(documentIdCliente));
export const decifrarSenha = (valor: string, documentIdCliente: string): string =>
  decifrar(valor, obterChaveiro(), donoDaSenha(documentIdCliente));

/** A senha cifrada já está na chave atual e no formato com dono? (a rotação pula essas) */
export const senhaNaChaveAtual = (valor: string): boolean =>
  idDaChaveDoValor(valor) === obterChaveiro().atual.id;

const lojaCanario = (strapi: Core.Strapi) =>
  strapi.store({ type: 'plugin', name: 'orquestrador-rpa', key: 'canario-cifra' });

/** Regrava o canário com a chave atual (primeira subida e fim de uma rotação). */
export const regravarCanario = async (strapi: Core.Strapi): Promise<void> => {
  await lojaCanario(strapi).set({ value: cifrar(TEXTO_CANARIO, obterChaveiro(), DONO_CANARIO) });
};

/**
 * Na primeira subida grava um canário cifrado; nas seguintes, decifra-o com o chaveiro (a chave
 * atual ou uma anterior, durante a rotação). Se nenhuma chave serve, o servidor não sobe: senhas
 * cifradas com a chave antiga ficariam ilegíveis em silêncio.
 */
export const conferirCanario = async (strapi: Core.Strapi): Promise<void> => {
  const guardado = (await lojaCanario(strapi).get({})) as string | null | undefined;
  if (!guardado) {
    await regravarCanario(strapi);
    return;
  }
  let confere = false;
  try {
    confere = decifrar(guardado, obterChaveiro(), DONO_CANARIO) === TEXTO_CANARIO;
  } catch {
    confere = false;
  }
  if (!confere) {
    throw new ErroChaveCriptografia(
      'CHAVE_CRIPTOGRAFIA diferente da que cifrou as senhas deste banco: restaure a chave original (ou informe-a em CHAVES_CRIPTOGRAFIA_ANTERIORES para rotacionar) antes de subir o servidor.'
    );
  }
};
