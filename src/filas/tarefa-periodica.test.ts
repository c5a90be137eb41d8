import { iniciarTarefaPeriodica } from './tarefa-periodica';

/** Uma queda que dura vários ciclos vira duas linhas no log (caiu, voltou), não uma por ciclo. */
test('falha repetida avisa uma vez, mensagem nova avisa de novo e a volta diz quantos ciclos falharam', async () => {
  jest.useFakeTimers();
  const roteiro = [
    'banco fora',
    'banco fora',
    'banco fora',
    'Redis fora',
    'Redis fora',
    null,
    null,
    'banco fora',
  ];
  const falhas: string[] = [];
  const voltas: number[] = [];
  let ciclo = 0;
  const parar = iniciarTarefaPeriodica(
    100,
    async () => {
      const erro = roteiro[ciclo++];
      if (erro) throw new Error(erro);
    },
    (erro) => falhas.push(erro.message),
    (ciclos) => voltas.push(ciclos)
  );
  try {
    await jest.advanceTimersByTimeAsync(100 * (roteiro.length - 1));
    expect(ciclo).toBe(roteiro.length);
    expect(falhas).toEqual(['banco fora', 'Redis fora', 'banco fora']);
    expect(voltas).toEqual([5]);
  } finally {
    parar();
    jest.useRealTimers();
  }
});

test('sem intervalo roda só na subida, e um ciclo não começa enquanto o anterior não termina', async () => {
  let execucoes = 0;
  iniciarTarefaPeriodica(
    0,
    async () => void execucoes++,
    () => undefined
  );
  await Promise.resolve();
  expect(execucoes).toBe(1);

  jest.useFakeTimers();
  let emCurso = 0;
  let maximo = 0;
  const parar = iniciarTarefaPeriodica(
    10,
    async () => {
      emCurso++;
      maximo = Math.max(maximo, emCurso);
      await new Promise((r) => setTimeout(r, 35));
      emCurso--;
    },
    () => undefined
  );
  try {
    await jest.advanceTimersByTimeAsync(200);
    expect(maximo).toBe(1);
  } finally {
    parar();
    jest.useRealTimers();
  }
});
