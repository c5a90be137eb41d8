import register from './register';
import routes from './routes';
import resumoControlador from './controllers/resumo';
import resumoServico from './services/resumo';

export = {
  register,
  routes,
  controllers: { resumo: resumoControlador },
  services: { resumo: resumoServico },
};
