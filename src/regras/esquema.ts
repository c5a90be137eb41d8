import type { Core } from '@strapi/strapi';
import type { ErroDeCampo } from './erros';

type Dados = Record<string, unknown>;

/**
 * Textos maiores que o `maxLength` do esquema do tipo, com a mensagem em português (o validador do
 * Strapi responderia em inglês, e a importação em lote não passa por ele).
 */
export const problemasDeTamanho = (strapi: Core.Strapi, uid: string, dados: Dados): ErroDeCampo[] => {
  const modelo = strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]) as {
    attributes: Record<string, { maxLength?: number }>;
  };
  const atributos = modelo.attributes;
  return Object.entries(dados).flatMap(([campo, valor]) => {
    const maximo = atributos[campo]?.maxLength;
    return typeof valor === 'string' && maximo !== undefined && valor.length > maximo
      ? [{ campo, mensagem: `O campo ${campo} tem ${valor.length} caracteres; o máximo é ${maximo}.` }]
      : [];
  });
};
