import type { Core } from '@strapi/strapi';
import { carregarChave, conferirCanario } from './regras/cofre';
import { registrarRegrasDeDocumentos } from './regras/middleware-documentos';
import { configurarPapeis } from './regras/papeis';
import { iniciarDespachante, pararDespachante } from './filas/despachante';
import { iniciarReconciliador, pararReconciliador } from './filas/reconciliador';
import { iniciarTempoReal, pararTempoReal } from './tempo-real/servidor';

export default {
  /** Regras de cadastro e chave das senhas: antes de qualquer escrita. */
  register({ strapi }: { strapi: Core.Strapi }) {
    carregarChave(strapi);
    registrarRegrasDeDocumentos(strapi);
  },

  /** Confere a chave contra o canário, alinha os papéis (idempotente) e liga o despachante e o reconciliador das filas e os logs ao vivo (Socket.IO). */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await conferirCanario(strapi);
    await configurarPapeis(strapi);
    iniciarDespachante(strapi);
    iniciarReconciliador(strapi);
    iniciarTempoReal(strapi);
  },

  async destroy() {
    await pararTempoReal();
    pararReconciliador();
    await pararDespachante();
  },
};
