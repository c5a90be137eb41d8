import type { Core } from '@strapi/strapi';
import { cifrar, decifrar, ErroChaveCriptografia, resolverChave } from './cifra';

/** Guarda a chave das senhas de portal durante a vida do processo e confere o canário no boot. */

let chaveAtual: Buffer | null = null;
const TEXTO_CANARIO = 'canario-orquestrador-rpa-beg';

export const carregarChave = (strapi: Core.Strapi): void => {
  chaveAtual = resolverChave({ pastaApp: strapi.dirs.app.root, avisar: (m) => strapi.log.warn(m) });
};

export const obterChave = (): Buffer => {
  if (!chaveAtual) throw new ErroChaveCriptografia('Chave de criptografia ainda não carregada.');
  return chaveAtual;
};

export const cifrarSenha = (senha: string): string => cifrar(senha, obterChave());
export const decifrarSenha = (valor: string): string => decifrar(valor, obterChave());

/**
 * Na primeira subida grava um canário cifrado; nas seguintes, decifra-o. Se a chave mudou, o
 * servidor não sobe: senhas cifradas com a chave antiga ficariam ilegíveis em silêncio.
 */
export const conferirCanario = async (strapi: Core.Strapi): Promise<void> => {
  const loja = strapi.store({ type: 'plugin', name: 'orquestrador-rpa', key: 'canario-cifra' });
  const guardado = (await loja.get({})) as string | null | undefined;
  if (!guardado) {
    await loja.set({ value: cifrarSenha(TEXTO_CANARIO) });
    return;
  }
  let confere = false;
  try {
    confere = decifrarSenha(guardado) === TEXTO_CANARIO;
  } catch {
    confere = false;
  }
  if (!confere) {
    throw new ErroChaveCriptografia(
      'CHAVE_CRIPTOGRAFIA diferente da que cifrou as senhas deste banco: restaure a chave original antes de subir o servidor.'
    );
  }
};
