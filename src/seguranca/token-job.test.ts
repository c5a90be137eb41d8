import { lerConfiguracaoOrquestrador } from '../configuracao';
import { assinarTokenDoJob, conferirTokenDoJob } from './token-job';

/**
 * Token do job sem o Strapi: a configuração é a de verdade (`lerConfiguracaoOrquestrador`) e as
 * chaves, as de `server.app.keys`, postas no mesmo lugar em que o Strapi as põe.
 */
const HORA = 3_600_000;
const configuracoes: Record<string, unknown> = {
  'server.app.keys': ['chave-a-de-teste-0123456789', 'chave-b-de-teste-0123456789'],
  orquestrador: lerConfiguracaoOrquestrador({ LEITURA_EMAIL_VALIDADE_HORAS: '2' }),
};
beforeAll(() => {
  (globalThis as { strapi?: unknown }).strapi = { config: { get: (chave: string) => configuracoes[chave] } };
});
afterAll(() => {
  delete (globalThis as { strapi?: unknown }).strapi;
});

describe('token do job de uma execução', () => {
  test('vale só para a execução assinada (e nunca para uma leitura com o mesmo id)', () => {
    const token = assinarTokenDoJob('exec-1');
    expect(conferirTokenDoJob('exec-1', token)).toBe('valido');
    expect(conferirTokenDoJob('exec-2', token)).toBe('invalido');
    expect(conferirTokenDoJob('exec-1', token, 'leitura-email')).toBe('invalido');
    expect(conferirTokenDoJob('exec-1', `${token}x`)).toBe('invalido');
    for (const ruim of [undefined, '', 42, ['a']])
      expect(conferirTokenDoJob('exec-1', ruim)).toBe('invalido');
  });

  test('sem prazo no token: a validade é a da execução (conferida no banco pela política)', () => {
    expect(
      conferirTokenDoJob('exec-1', assinarTokenDoJob('exec-1'), 'execucao', Date.now() + 365 * 24 * HORA)
    ).toBe('valido');
  });

  test('APP_KEYS trocadas: o token antigo não vale; sem APP_KEYS, erro claro', () => {
    const token = assinarTokenDoJob('exec-1');
    const antes = configuracoes['server.app.keys'];
    try {
      configuracoes['server.app.keys'] = ['outra-chave-de-teste-0123456789'];
      expect(conferirTokenDoJob('exec-1', token)).toBe('invalido');
      configuracoes['server.app.keys'] = [];
      expect(() => assinarTokenDoJob('exec-1')).toThrow('APP_KEYS não definida');
    } finally {
      configuracoes['server.app.keys'] = antes;
    }
  });
});

describe('token de uma leitura da caixa', () => {
  const agora = Date.UTC(2025, 4, 10, 12);

  test('leva o prazo (LEITURA_EMAIL_VALIDADE_HORAS) e vence nele', () => {
    const token = assinarTokenDoJob('AZU-1', 'leitura-email', agora);
    expect(parseInt(token.split('.')[0]!, 36)).toBe(agora + 2 * HORA);
    expect(conferirTokenDoJob('AZU-1', token, 'leitura-email', agora + 2 * HORA - 1)).toBe('valido');
    expect(conferirTokenDoJob('AZU-1', token, 'leitura-email', agora + 2 * HORA)).toBe('vencido');
    expect(conferirTokenDoJob('AZU-2', token, 'leitura-email', agora)).toBe('invalido');
    expect(conferirTokenDoJob('AZU-1', token, 'execucao', agora)).toBe('invalido');
  });

  test('o prazo é assinado: esticá-lo, tirá-lo ou juntar pedaços não vale', () => {
    const [prazo, assinatura] = assinarTokenDoJob('AZU-1', 'leitura-email', agora).split('.');
    const depois = (parseInt(prazo!, 36) + 10 * HORA).toString(36);
    for (const forjado of [
      `${depois}.${assinatura}`,
      assinatura,
      `.${assinatura}`,
      `${prazo}.${assinatura}.x`,
      `${prazo!.toUpperCase()}.${assinatura}`,
      `${prazo}.`,
    ])
      expect(conferirTokenDoJob('AZU-1', forjado, 'leitura-email', agora)).toBe('invalido');
  });
});
