import register from './register';
import routes from './routes';
import resumoControlador from './controllers/resumo';
import workflowControlador from './controllers/workflow';
import resumoServico from './services/resumo';

export = {
  register,
  routes,
  controllers: { resumo: resumoControlador, workflow: workflowControlador },
  services: { resumo: resumoServico },
};
