import type { Core } from '@strapi/strapi';
import { carregarChave, conferirCanario } from './regras/cofre';
import { registrarRegrasDeDocumentos } from './regras/middlewares';
import {
  protegerRelacoesDoContentManager,
  protegerRelacoesDoGraphql,
} from './regras/middlewares/dados-protegidos';
import { configurarPapeis } from './regras/papeis';
import { conferirRobosDasOperadoras } from './regras/operadora';
import { aplicarRotulosDosCampos } from './conteudo/rotulos-dos-campos';
import { iniciarDespachante, pararDespachante } from './filas/despachante';
import { iniciarReconciliador, pararReconciliador } from './filas/reconciliador';
import { iniciarColetorDeOrfaos, pararColetorDeOrfaos } from './arquivos/orfaos';
import { iniciarTempoReal, pararTempoReal } from './tempo-real/servidor';
import { desligarCadastroPublico, protegerUsuariosDoAdmin } from './seguranca/admin-usuarios';
import { exigirSegredos } from './seguranca/segredos';
import { vigiarAlteracoesSensiveis } from './seguranca/alteracoes-sensiveis';
import { UID } from '@orquestrador-rpa/contrato';
import { iniciarNotificacoes, pararNotificacoes } from './notificacoes/fila';
import { criarAgendamentosPadrao } from './agendamentos/padroes';
import { avisarMudancaDeAgendamentos, iniciarAgendador, pararAgendador } from './agendamentos/agendador';

export default {
  /** Segredos conferidos, chave das senhas e regras de cadastro: antes de qualquer escrita. */
  register({ strapi }: { strapi: Core.Strapi }) {
    exigirSegredos();
    carregarChave(strapi);
    registrarRegrasDeDocumentos(strapi);
    strapi.documents.use(avisarMudancaDeAgendamentos(strapi));
    // Arquivos privados não têm consulta no GraphQL (só as rotas autenticadas os entregam).
    strapi.plugin('graphql')?.service('extension').shadowCRUD(UID.ARQUIVO).disable();
    // Relações do GraphQL e seletor de relações do Content Manager leem fora do Document Service.
    protegerRelacoesDoGraphql(strapi);
    protegerRelacoesDoContentManager(strapi);
  },

  /**
   * Confere a chave contra o canário, alinha os papéis (idempotente), põe os rótulos dos campos em
   * português no Content Manager, fecha as portas de escalada
   * do admin e o cadastro público, e liga o despachante e o reconciliador das filas, os logs ao
   * vivo (Socket.IO), a fila das notificações e os agendamentos (os padrões do legado na primeira subida).
   */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await conferirCanario(strapi);
    await configurarPapeis(strapi);
    await conferirRobosDasOperadoras(strapi);
    await aplicarRotulosDosCampos(strapi);
    protegerUsuariosDoAdmin(strapi);
    vigiarAlteracoesSensiveis(strapi);
    await desligarCadastroPublico(strapi);
    iniciarDespachante(strapi);
    iniciarReconciliador(strapi);
    iniciarColetorDeOrfaos(strapi);
    iniciarTempoReal(strapi);
    iniciarNotificacoes(strapi);
    await criarAgendamentosPadrao(strapi);
    await iniciarAgendador(strapi);
  },

  async destroy() {
    await pararAgendador();
    await pararNotificacoes();
    await pararTempoReal();
    pararReconciliador();
    pararColetorDeOrfaos();
    await pararDespachante();
  },
};
