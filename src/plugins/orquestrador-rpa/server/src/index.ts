import register from './register';
import routes from './routes';
import resumoControlador from './controllers/resumo';
import workflowControlador from './controllers/workflow';
import resumoServico from './services/resumo';
import painelControlador from './controllers/painel';
import notificacoesControlador from './controllers/notificacoes';
import agendamentosControlador from './controllers/agendamentos';
import segurancaControlador from './controllers/seguranca';
import painelServico from './services/painel';
import conciliacaoServico from './services/conciliacao';

export = {
  register,
  routes,
  controllers: {
    resumo: resumoControlador,
    workflow: workflowControlador,
    painel: painelControlador,
    notificacoes: notificacoesControlador,
    agendamentos: agendamentosControlador,
    seguranca: segurancaControlador,
  },
  services: { resumo: resumoServico, painel: painelServico, conciliacao: conciliacaoServico },
};
