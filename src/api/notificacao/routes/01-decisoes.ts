/** Link de decisão das notificações: público (o token assinado, HMAC de 256 bits, é a credencial). */
export default {
  routes: [
    { method: 'GET', path: '/decisoes/:token', handler: 'decisao.pagina', config: { auth: false } },
    { method: 'POST', path: '/decisoes/:token', handler: 'decisao.decidir', config: { auth: false } },
  ],
};
