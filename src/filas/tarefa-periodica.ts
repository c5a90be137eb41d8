/**
 * Roda `tarefa` já na subida e a cada `intervaloMs` (0 = só na subida), sem sobrepor execuções;
 * erros não param o ciclo. Uma falha que se repete (banco ou Redis fora) chega a `aoFalhar` só na
 * primeira vez e quando a mensagem muda, e `aoVoltar` recebe quantos ciclos seguidos falharam quando
 * um volta a dar certo: o log diz quando caiu e quando voltou, não uma linha a cada ciclo.
 * Devolve a função que para o relógio.
 */
export const iniciarTarefaPeriodica = (
  intervaloMs: number,
  tarefa: () => Promise<void>,
  aoFalhar: (erro: Error) => void,
  aoVoltar: (ciclosComFalha: number) => void = () => undefined
): (() => void) => {
  let emCurso = false;
  let falhasSeguidas = 0;
  let ultimaMensagem: string | null = null;
  const ciclo = async () => {
    if (emCurso) return;
    emCurso = true;
    try {
      await tarefa();
      if (falhasSeguidas > 0) aoVoltar(falhasSeguidas);
      falhasSeguidas = 0;
      ultimaMensagem = null;
    } catch (erro) {
      falhasSeguidas += 1;
      const mensagem = (erro as Error)?.message ?? String(erro);
      if (mensagem !== ultimaMensagem) aoFalhar(erro as Error);
      ultimaMensagem = mensagem;
    } finally {
      emCurso = false;
    }
  };
  void ciclo();
  if (!(intervaloMs > 0)) return () => undefined;
  const relogio = setInterval(ciclo, intervaloMs);
  relogio.unref();
  return () => clearInterval(relogio);
};
