import register from './register';
import routes from './routes';
import resumoControlador from './controllers/resumo';
import workflowControlador from './controllers/workflow';
import resumoServico from './services/resumo';
import painelControlador from './controllers/painel';
import painelServico from './services/painel';
import aprovacoesServico from './services/aprovacoes';
import processosServico from './services/processos';
import execucoesServico from './services/execucoes';

export = {
  register,
  routes,
  controllers: { resumo: resumoControlador, workflow: workflowControlador, painel: painelControlador },
  services: { resumo: resumoServico, painel: painelServico, aprovacoes: aprovacoesServico, processos: processosServico, execucoes: execucoesServico },
};
