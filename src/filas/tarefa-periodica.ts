/**
 * Roda `tarefa` já na subida e a cada `intervaloMs` (0 = só na subida), sem sobrepor execuções;
 * erros vão para `aoFalhar` e não param o ciclo. Devolve a função que para o relógio.
 */
export const iniciarTarefaPeriodica = (
  intervaloMs: number,
  tarefa: () => Promise<void>,
  aoFalhar: (erro: Error) => void
): (() => void) => {
  let emCurso = false;
  const ciclo = async () => {
    if (emCurso) return;
    emCurso = true;
    try {
      await tarefa();
    } catch (erro) {
      aoFalhar(erro as Error);
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
