import type { Core } from '@strapi/strapi';
import { cadastro } from './cadastro';
import { clonagem } from './clonagem';
import { dadosProtegidos } from './dados-protegidos';
import { somenteSistema } from './somente-sistema';

/**
 * Middlewares do Document Service, do mais externo ao mais interno, cada um com uma
 * responsabilidade: escrita só do sistema, dados protegidos na saída, duplicação como criação
 * comum e as regras do cadastro. Valem para REST, GraphQL, Content Manager e código interno.
 */
export const registrarRegrasDeDocumentos = (strapi: Core.Strapi): void => {
  strapi.documents.use(somenteSistema);
  strapi.documents.use(dadosProtegidos(strapi));
  strapi.documents.use(clonagem(strapi));
  strapi.documents.use(cadastro(strapi));
};
