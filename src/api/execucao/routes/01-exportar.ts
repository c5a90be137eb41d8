/** Antes das rotas padrão, para `exportar` não ser lido como `:id`. */
export default {
  routes: [
    { method: 'GET', path: '/execucoes/exportar', handler: 'execucao.exportar' },
    { method: 'GET', path: '/execucoes/:id/capturas/:indice', handler: 'execucao.captura' },
  ],
};
