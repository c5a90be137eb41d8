import { fusoValido, problemaDaExpressao, proximasExecucoes, ultimoProgramado } from './calendario';

describe('calendário dos agendamentos', () => {
  test('expressões: 5 ou 6 campos, cada campo no intervalo, mensagem em português', () => {
    expect(problemaDaExpressao('0 6 1 * *')).toBeNull();
    expect(problemaDaExpressao('*/10 * * * * *')).toBeNull();
    expect(problemaDaExpressao('0 7 * * 1-5')).toBeNull();
    expect(problemaDaExpressao('0 6 32 * *')).toBe(
      'Expressão cron "0 6 32 * *" inválida: dia do mês "32" fora do permitido.'
    );
    expect(problemaDaExpressao('* * *')).toContain('use 5 campos');
    expect(problemaDaExpressao('1 2 3 4 5 6 7')).toContain('use 5 campos');
  });

  test('fusos IANA', () => {
    expect(fusoValido('America/Sao_Paulo')).toBe(true);
    expect(fusoValido('America/New_York')).toBe(true);
    expect(fusoValido('Brasil/Centro')).toBe(false);
  });

  test('próximas execuções em ordem, no fuso pedido', () => {
    const [a, b] = proximasExecucoes('0 6 * * *', 'America/Sao_Paulo', 2);
    expect(b.getTime() - a.getTime()).toBe(24 * 3600 * 1000);
    expect(a.toISOString()).toMatch(/T09:00:00\.000Z$/);
  });

  test('último instante programado até agora (inclusive)', () => {
    const agora = new Date('2026-06-10T12:00:00.000Z');
    expect(ultimoProgramado('0 6 * * *', 'America/Sao_Paulo', agora).toISOString()).toBe(
      '2026-06-10T09:00:00.000Z'
    );
    expect(ultimoProgramado('0 9 * * *', 'UTC', new Date('2026-06-10T09:00:00.000Z')).toISOString()).toBe(
      '2026-06-10T09:00:00.000Z'
    );
  });
});
