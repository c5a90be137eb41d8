import { caminhoMensagensEmail } from '@orquestrador-rpa/contrato';

/** Conversa com os workers: sem usuário, autenticada pelo ROBO_TOKEN e pelo token do job (política `robo-autenticado`). */
const config = { auth: false as const, policies: ['global::robo-autenticado'] };
/** Repetir o `concluir` (resposta perdida, corrida) de uma execução já terminada só ouve "já processada". */
const configConcluir = {
  auth: false as const,
  policies: [{ name: 'global::robo-autenticado', config: { aceitaTerminada: true } }],
};
/** A leitura da caixa de e-mail fala pelo token assinado da leitura, não de uma execução. */
const configLeitura = {
  auth: false as const,
  policies: [{ name: 'global::robo-autenticado', config: { escopo: 'leitura-email' } }],
};

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
    {
      method: 'POST',
      path: '/robo/execucoes/:id/concluir',
      handler: 'robo.concluir',
      config: configConcluir,
    },
    {
      method: 'GET',
      path: caminhoMensagensEmail(':id', ':mensagem'),
      handler: 'robo.consultarMensagem',
      config: configLeitura,
    },
    {
      method: 'POST',
      path: caminhoMensagensEmail(':id'),
      handler: 'robo.entregarMensagem',
      config: configLeitura,
    },
  ],
};
