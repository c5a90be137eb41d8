import { acaoRbacCompleta, ROTAS_PAINEL, type NomeRotaPainel } from '@orquestrador-rpa/contrato';

/** Controlador de cada rota do painel (o caminho, o método e a ação RBAC vêm do contrato). */
const CONTROLADORES: Record<NomeRotaPainel, string> = {
  resumo: 'resumo.cadastro',
  dashboard: 'painel.dashboard',
  aprovacoes: 'painel.aprovacoes',
  processos: 'painel.processos',
  execucoes: 'painel.execucoes',
  captura: 'workflow.captura',
  conciliacao: 'painel.conciliacao',
  series: 'painel.series',
  exportarConciliacao: 'painel.exportarConciliacao',
  gerarMensais: 'workflow.gerarMensais',
  executarDownloads: 'workflow.executarDownloads',
  executarDownload: 'workflow.executarDownload',
  aprovar: 'workflow.aprovar',
  rejeitar: 'workflow.rejeitar',
  reconferir: 'workflow.reconferir',
  reabrir: 'workflow.reabrir',
  reenviarSat: 'workflow.reenviarSat',
  confirmarEnvioSat: 'workflow.confirmarEnvioSat',
  uploadManual: 'workflow.uploadManual',
  importarClientes: 'workflow.importarClientes',
  fatura: 'workflow.fatura',
  rastreabilidade: 'workflow.rastreabilidade',
  exportarExecucoes: 'workflow.exportarExecucoes',
  notificacoes: 'notificacoes.listar',
  canaisNotificacao: 'notificacoes.canais',
  testarCanal: 'notificacoes.testar',
  reenviarNotificacao: 'notificacoes.reenviar',
  agendamentos: 'agendamentos.listar',
  previaAgendamento: 'agendamentos.previa',
  disparosAgendamento: 'agendamentos.disparos',
  ativarAgendamento: 'agendamentos.ativar',
  executarAgendamento: 'agendamentos.executar',
  carencias: 'seguranca.listar',
  confirmarConta: 'seguranca.confirmar',
};

/** Rota do painel: exige login no admin e a ação RBAC; as de leitura pesada têm limite por minuto. */
export default {
  admin: {
    type: 'admin',
    routes: (Object.keys(ROTAS_PAINEL) as NomeRotaPainel[]).map((nome) => {
      const rota = ROTAS_PAINEL[nome];
      return {
        method: rota.metodo,
        path: rota.caminho,
        handler: CONTROLADORES[nome],
        config: {
          policies: [
            'admin::isAuthenticatedAdmin',
            { name: 'admin::hasPermissions', config: { actions: [acaoRbacCompleta(rota.acao)] } },
          ],
          middlewares: 'limitada' in rota && rota.limitada ? ['global::limite-exportacao'] : [],
        },
      };
    }),
  },
};
