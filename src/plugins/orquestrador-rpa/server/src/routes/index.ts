import { acaoCompleta } from '../acoes';

export default {
  admin: {
    type: 'admin',
    routes: [
      {
        method: 'GET',
        path: '/resumo',
        handler: 'resumo.cadastro',
        config: {
          policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [acaoCompleta('ver-painel')] } }],
        },
      },
    ],
  },
};
