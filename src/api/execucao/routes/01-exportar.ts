/** Antes das rotas padrão, para `exportar` não ser lido como `:id`. */
export default {
  routes: [
    {
      method: 'GET',
      path: '/execucoes/exportar',
      handler: 'execucao.exportar',
      config: { middlewares: ['global::limite-exportacao'] },
    },
    { method: 'GET', path: '/execucoes/:id/capturas/:indice', handler: 'execucao.captura' },
  ],
};
