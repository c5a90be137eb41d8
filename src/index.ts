import type { Core } from '@strapi/strapi';
import { carregarChave, conferirCanario } from './regras/cofre';
import { registrarRegrasDeDocumentos } from './regras/middleware-documentos';
import { configurarPapeis } from './regras/papeis';

export default {
  /** Regras de cadastro e chave das senhas: antes de qualquer escrita. */
  register({ strapi }: { strapi: Core.Strapi }) {
    carregarChave(strapi);
    registrarRegrasDeDocumentos(strapi);
  },

  /** Confere a chave contra o canário e alinha os papéis (idempotente). */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await conferirCanario(strapi);
    await configurarPapeis(strapi);
  },
};
