import { idsCanonicos } from './admin-usuarios';
import { urlMascarada } from './url-mascarada';

describe('ids de papel do admin só na forma canônica (a que o banco grava)', () => {
  test.each([[[3]], [['3']], [[{ id: 12 }]], [['1', 2]]])('%j é aceito', (papeis) =>
    expect(idsCanonicos(papeis)).toEqual(papeis.map((p) => Number(typeof p === 'object' ? p.id : p)))
  );

  test.each([
    ['01'],
    [' 1'],
    ['1 '],
    ['1.0'],
    ['+1'],
    ['1e0'],
    ['0x1'],
    ['0'],
    [-1],
    [1.5],
    [''],
    [null],
    [{ id: '01' }],
    ['99999999999999999'],
  ])('%j é recusado com 400 em português', (papel) => {
    expect(() => idsCanonicos([papel])).toThrow('Papéis inválidos');
  });

  test('lista ausente ou outra forma (connect/set) é recusada', () => {
    expect(() => idsCanonicos({ connect: [1] })).toThrow('Papéis inválidos');
    expect(() => idsCanonicos('1')).toThrow('Papéis inválidos');
  });
});

describe('log de acesso sem tokens', () => {
  test('token do link de decisão no caminho sai mascarado', () => {
    expect(urlMascarada('/api/decisoes/eyJuIjoiYWJjIn0.assinatura')).toBe('/api/decisoes/••••••••');
    expect(urlMascarada('/API/Decisoes/eyJuIjoiYWJjIn0.assinatura')).toBe('/API/Decisoes/••••••••');
    expect(urlMascarada('/api/decisoes/eyJuIjoiYWJjIn0.assinatura/fatura')).toBe(
      '/api/decisoes/••••••••/fatura'
    );
  });

  test('parâmetros com tokens e códigos saem mascarados; os outros ficam', () => {
    expect(
      urlMascarada('/admin/registration-info?registrationToken=abc123&x=1&code=9&Token=z&%E0=1&pagina=2')
    ).toBe(
      '/admin/registration-info?registrationToken=••••••••&x=1&code=••••••••&Token=••••••••&%E0=1&pagina=2'
    );
    expect(urlMascarada('/api/processos?filters[mes_ano]=2025-07')).toBe(
      '/api/processos?filters[mes_ano]=2025-07'
    );
    expect(urlMascarada('/api/x?token')).toBe('/api/x?token');
  });
});
