import type { Core } from '@strapi/strapi';
import { carregarChave, conferirCanario } from './regras/cofre';
import { registrarRegrasDeDocumentos } from './regras/middlewares';
import { configurarPapeis } from './regras/papeis';
import { iniciarDespachante, pararDespachante } from './filas/despachante';
import { iniciarReconciliador, pararReconciliador } from './filas/reconciliador';
import { iniciarTempoReal, pararTempoReal } from './tempo-real/servidor';
import { desligarCadastroPublico, protegerUsuariosDoAdmin } from './seguranca/admin-usuarios';
import { exigirSegredos } from './seguranca/segredos';
import { FUSO_OPERACAO, UID } from '@orquestrador-rpa/contrato';
import { iniciarNotificacoes, pararNotificacoes } from './notificacoes/fila';
import { rotinaDiariaDeNotificacoes } from './notificacoes/agendadas';
import { configuracao } from './configuracao';

export default {
  /** Segredos conferidos, chave das senhas e regras de cadastro: antes de qualquer escrita. */
  register({ strapi }: { strapi: Core.Strapi }) {
    exigirSegredos();
    carregarChave(strapi);
    registrarRegrasDeDocumentos(strapi);
    // Arquivos privados não têm consulta no GraphQL (só as rotas autenticadas os entregam).
    strapi.plugin('graphql')?.service('extension').shadowCRUD(UID.ARQUIVO).disable();
  },

  /**
   * Confere a chave contra o canário, alinha os papéis (idempotente), fecha as portas de escalada
   * do admin e o cadastro público, e liga o despachante e o reconciliador das filas, os logs ao
   * vivo (Socket.IO), a fila das notificações e a rotina diária (vencimentos e resumo).
   */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await conferirCanario(strapi);
    await configurarPapeis(strapi);
    protegerUsuariosDoAdmin(strapi);
    await desligarCadastroPublico(strapi);
    iniciarDespachante(strapi);
    iniciarReconciliador(strapi);
    iniciarTempoReal(strapi);
    iniciarNotificacoes(strapi);
    const cronDiario = configuracao().notificacoes.cronDiario;
    if (cronDiario) {
      strapi.cron.add({
        notificacoesDiarias: {
          task: () =>
            rotinaDiariaDeNotificacoes(strapi).catch((erro: Error) =>
              strapi.log.error(`Rotina diária de notificações falhou: ${erro.message}`)
            ),
          options: { rule: cronDiario, tz: FUSO_OPERACAO },
        },
      });
    }
  },

  async destroy() {
    await pararNotificacoes();
    await pararTempoReal();
    pararReconciliador();
    await pararDespachante();
  },
};
