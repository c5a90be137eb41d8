import { acaoCompleta, type ACOES } from '../acoes';

type Acao = (typeof ACOES)[number]['uid'];

/** Rota do painel: exige login no admin e a ação RBAC do plugin. */
const rota = (method: 'GET' | 'POST', path: string, handler: string, acao: Acao, middlewares: string[] = []) => ({
  method,
  path,
  handler,
  config: { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [acaoCompleta(acao)] } }], middlewares },
});
/** Exportações leem muito do banco: limite por pessoa e por minuto. */
const LIMITADA = ['global::limite-exportacao'];

export default {
  admin: {
    type: 'admin',
    routes: [
      rota('GET', '/resumo', 'resumo.cadastro', 'ver-painel'),
      rota('GET', '/dashboard', 'painel.dashboard', 'ver-painel'),
      rota('GET', '/aprovacoes', 'painel.aprovacoes', 'ver-painel'),
      rota('GET', '/processos', 'painel.processos', 'ver-painel'),
      rota('GET', '/execucoes', 'painel.execucoes', 'ver-painel'),
      rota('GET', '/execucoes/:id/capturas/:indice', 'workflow.captura', 'ver-painel'),
      rota('POST', '/processos/gerar-mensais', 'workflow.gerarMensais', 'gerenciar-processos'),
      rota('POST', '/processos/executar-downloads', 'workflow.executarDownloads', 'executar-robo'),
      rota('POST', '/processos/:id/executar-download', 'workflow.executarDownload', 'executar-robo'),
      rota('POST', '/processos/:id/aprovar', 'workflow.aprovar', 'aprovar'),
      rota('POST', '/processos/:id/rejeitar', 'workflow.rejeitar', 'aprovar'),
      rota('POST', '/processos/:id/reabrir', 'workflow.reabrir', 'gerenciar-processos'),
      rota('POST', '/processos/:id/reenviar-sat', 'workflow.reenviarSat', 'executar-robo'),
      rota('POST', '/processos/:id/confirmar-envio-sat', 'workflow.confirmarEnvioSat', 'executar-robo'),
      rota('POST', '/processos/:id/upload-manual', 'workflow.uploadManual', 'upload-manual'),
      rota('GET', '/processos/:id/fatura', 'workflow.fatura', 'ver-painel'),
      rota('GET', '/processos/:id/rastreabilidade', 'workflow.rastreabilidade', 'ver-painel', LIMITADA),
      rota('GET', '/execucoes/exportar', 'workflow.exportarExecucoes', 'ver-painel', LIMITADA),
    ],
  },
};
