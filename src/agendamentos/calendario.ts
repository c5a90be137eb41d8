import cron from 'node-cron';
import { CronExpressionParser } from 'cron-parser';

/**
 * Calendário de um agendamento: validação da expressão e do fuso, as próximas execuções (as do
 * próprio node-cron, que dispara) e o último instante programado antes de agora (cron-parser, para
 * achar o disparo perdido com tudo fora do ar).
 */
export const fusoValido = (fuso: string): boolean => {
  try {
    new Intl.DateTimeFormat('pt-BR', { timeZone: fuso });
    return true;
  } catch {
    return false;
  }
};

const CAMPOS: Readonly<Record<string, string>> = {
  second: 'segundo',
  minute: 'minuto',
  hour: 'hora',
  dayOfMonth: 'dia do mês',
  month: 'mês',
  dayOfWeek: 'dia da semana',
};

/** Problema do fuso em português, ou null se ele existe. */
export const problemaDoFuso = (fuso: string): string | null =>
  fusoValido(fuso) ? null : `Fuso horário "${fuso}" não existe: use um nome IANA, como America/Sao_Paulo.`;

/** Problema da expressão em português, ou null se ela vale (5 campos, ou 6 com os segundos). */
export const problemaDaExpressao = (expressao: string): string | null => {
  const campos = expressao.trim().split(/\s+/);
  if (campos.length < 5 || campos.length > 6)
    return `Expressão cron "${expressao}" inválida: use 5 campos (minuto hora dia mês dia-da-semana) ou 6 (com os segundos na frente).`;
  const detalhe = cron.validateDetailed(expressao.trim());
  if (!detalhe.valid)
    return `Expressão cron "${expressao}" inválida: ${detalhe.errors.map((e) => `${CAMPOS[e.field] ?? e.field}${e.value ? ` "${e.value}"` : ''}`).join(', ')} fora do permitido.`;
  return null;
};

/** As próximas `quantas` execuções, no fuso do agendamento. */
export const proximasExecucoes = (expressao: string, fuso: string, quantas = 5): Date[] => {
  const tarefa = cron.createTask(expressao.trim(), () => undefined, { timezone: fuso });
  try {
    return tarefa.getNextRuns(quantas);
  } finally {
    void tarefa.destroy();
  }
};

/** O último instante programado até `agora` (inclusive). */
export const ultimoProgramado = (expressao: string, fuso: string, agora = new Date()): Date =>
  CronExpressionParser.parse(expressao.trim(), { currentDate: new Date(agora.getTime() + 1), tz: fuso })
    .prev()
    .toDate();
