import { destinoPessoal, numeroWhatsapp } from './enderecos';
import { esperaDoCabecalho } from './canais/http';
import { gerarTokenDecisao, lerTokenDecisao } from './link-decisao';

describe('número do WhatsApp (formato da Evolution: 55 + DDD + número)', () => {
  test.each([
    ['(67) 99999-0001', '5567999990001'],
    ['+55 67 99999-0001', '5567999990001'],
    ['5567999990001', '5567999990001'],
    ['67 3333-4444', '556733334444'],
  ])('%s → %s', (entrada, esperado) => expect(numeroWhatsapp(entrada)).toBe(esperado));

  test.each(['123', '0067999990001', '67899990001', '556799999000122'])('%s é recusado', (entrada) =>
    expect(numeroWhatsapp(entrada)).toBeNull()
  );
});

describe('destino pessoal (o único que recebe o link que decide sem login)', () => {
  test.each([
    ['EMAIL', 'ana@empresa.com.br'],
    ['WHATSAPP', '5567999990001'],
    ['TELEGRAM', '123456789'],
    ['SLACK', 'U0123ABCD'],
    ['SLACK', 'W0123ABCD'],
    ['SLACK', 'D0123ABCD'],
  ])('%s %s é pessoal', (canal, destino) => expect(destinoPessoal(canal, destino)).toBe(true));

  test.each([
    ['EMAIL', ''],
    ['WHATSAPP', '120363025246125486@g.us'],
    ['TELEGRAM', '-1001234567890'],
    ['TELEGRAM', '@canal_da_equipe'],
    ['SLACK', 'C0123ABCD'],
    ['SLACK', 'G0123ABCD'],
    ['SLACK', '#financeiro'],
    ['SLACK', '(webhook do Slack)'],
    ['SLACK', null],
    ['FAX', '123'],
  ])('%s %s não é pessoal', (canal, destino) => expect(destinoPessoal(canal, destino)).toBe(false));
});

describe('Retry-After', () => {
  test('segundos, data HTTP e valor ruim', () => {
    expect(esperaDoCabecalho('7')).toBe(7000);
    expect(esperaDoCabecalho(null)).toBeNull();
    expect(esperaDoCabecalho('amanhã')).toBeNull();
    const daqui = esperaDoCabecalho(new Date(Date.now() + 60_000).toUTCString())!;
    expect(daqui).toBeGreaterThan(55_000);
    expect(daqui).toBeLessThanOrEqual(60_000);
  });
});

describe('token do link de decisão', () => {
  const segredo = 'segredo-de-teste';
  const expiraEm = Math.floor(Date.now() / 1000) + 3600;
  const token = gerarTokenDecisao({ notificacao: 'abc123', expiraEm }, segredo);

  test('válido com o mesmo segredo', () => {
    expect(lerTokenDecisao(token, segredo)).toEqual({
      valido: true,
      carga: { notificacao: 'abc123', expiraEm },
    });
  });

  test('outro segredo, assinatura trocada, carga trocada ou formato ruim: adulterado', () => {
    const [carga, assinatura] = token.split('.');
    const outraCarga = Buffer.from(JSON.stringify({ n: 'outra', e: expiraEm })).toString('base64url');
    for (const ruim of [
      token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      `${outraCarga}.${assinatura}`,
      `${carga}`,
      `${carga}.${assinatura}.x`,
      `${Buffer.from('nada').toString('base64url')}.${assinatura}`,
    ]) {
      expect(lerTokenDecisao(ruim, segredo)).toEqual({ valido: false, motivo: 'ADULTERADO' });
    }
    expect(lerTokenDecisao(token, 'outro-segredo')).toEqual({ valido: false, motivo: 'ADULTERADO' });
  });

  test('vencido', () => {
    const velho = gerarTokenDecisao({ notificacao: 'abc123', expiraEm: 1000 }, segredo);
    expect(lerTokenDecisao(velho, segredo)).toEqual({ valido: false, motivo: 'VENCIDO' });
  });
});
