/**
 * Link de decisão das notificações: público (o token assinado, HMAC de 256 bits, é a credencial),
 * com limite de pedidos por IP contra quem tenta adivinhar tokens.
 */
const config = { auth: false as const, middlewares: ['global::limite-decisoes'] };

export default {
  routes: [
    { method: 'GET', path: '/decisoes/:token', handler: 'decisao.pagina', config },
    { method: 'GET', path: '/decisoes/:token/fatura', handler: 'decisao.fatura', config },
    { method: 'POST', path: '/decisoes/:token', handler: 'decisao.decidir', config },
  ],
};
