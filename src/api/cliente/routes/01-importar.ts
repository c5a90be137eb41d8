/** Rota própria antes das rotas padrão (a ordem alfabética dos arquivos importa). */
export default {
  routes: [
    {
      method: 'POST',
      path: '/clientes/importar',
      handler: 'cliente.importar',
    },
  ],
};
