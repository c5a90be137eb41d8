/** Conversa com os workers: sem usuário, autenticada pelo ROBO_TOKEN e pelo token do job (política `robo-autenticado`). */
const config = { auth: false as const, policies: ['global::robo-autenticado'] };

export default {
  routes: [
    { method: 'POST', path: '/robo/execucoes/:id/iniciar', handler: 'robo.iniciar', config },
    { method: 'GET', path: '/robo/execucoes/:id/fatura', handler: 'robo.fatura', config },
    {
      method: 'POST',
      path: '/robo/execucoes/:id/ponto-sem-retorno',
      handler: 'robo.pontoSemRetorno',
      config,
    },
    { method: 'POST', path: '/robo/execucoes/:id/concluir', handler: 'robo.concluir', config },
  ],
};
