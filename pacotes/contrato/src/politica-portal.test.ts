import { dominiosDaOperadora, ehEnderecoInterno, ehLoopback, motivoUrlRecusada } from './politica-portal';

const SEM_LOCAL = { permitirLocal: false };

describe('endereço interno em qualquer forma IPv6 (o IPv4 embutido segue a regra do IPv4)', () => {
  test.each([
    // IPv4 compatível e mapeado, com o IPv4 em decimal ou em hexadecimal
    '::127.0.0.1',
    '::7f00:1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:0:7f00:1',
    '::10.0.0.1',
    '::ffff:a9fe:a9fe',
    // NAT64 (prefixo bem conhecido e o de uso local)
    '64:ff9b::7f00:1',
    '64:ff9b::10.0.0.1',
    '64:ff9b::c0a8:101',
    '64:ff9b:1::808:808',
    // 6to4
    '2002:7f00:1::',
    '2002:0a00:0001::',
    '2002:c0a8:0101:1::1',
    // Teredo: cliente 127.0.0.1 (bits invertidos) e servidor 10.0.0.1
    '2001:0:4136:e378:8000:63bf:80ff:fffe',
    '2001:0:a00:1::f7f7:f7f7',
    // zeros à esquerda, maiúsculas, colchetes, forma completa
    '[0000:0000:0000:0000:0000:FFFF:7F00:0001]',
    '0:0:0:0:0:ffff:127.0.0.1',
    '[::FFFF:7F00:1]',
    '::',
    '::1',
    '0:0:0:0:0:0:0:1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fec0::1',
    'ff02::1',
    // malformado conta como interno
    '1::2::3',
    '::ffff:999.0.0.1',
    '1:2:3:4:5:6:7:8:9',
  ])('%s é interno', (host) => {
    expect(ehEnderecoInterno(host)).toBe(true);
  });

  test.each([
    '::ffff:808:808',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
    '2001:0:4136:e378:8000:63bf:f7f7:f7f7',
    '2001:4860:4860::8888',
    '2804:14c::1',
    '8.8.8.8',
  ])('%s é externo', (host) => {
    expect(ehEnderecoInterno(host)).toBe(false);
  });

  test('a URL passa pelo normalizador do WHATWG e continua recusada', () => {
    for (const url of [
      'https://[::127.0.0.1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://[64:ff9b::10.0.0.1]/',
      'https://[2002:0a00:0001::]/',
      'https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/',
      'https://[0:0:0:0:0:FFFF:A9FE:A9FE]/latest/meta-data/',
    ])
      expect(motivoUrlRecusada(url, SEM_LOCAL)).toContain('endereço interno');
    // IPv6 externo na URL do portal vale como domínio permitido dela (sem os colchetes).
    const dominios = dominiosDaOperadora(null, 'https://[2002:808:808::1]/login');
    expect(dominios).toEqual(['2002:808:808::1']);
    expect(motivoUrlRecusada('https://[2002:808:808::1]/fatura', SEM_LOCAL, dominios)).toBeNull();
  });

  test('permitirLocal libera só o loopback literal, nunca o IPv4 de loopback escondido num IPv6', () => {
    expect(['localhost', '127.0.0.1', '::1', '[::1]'].every(ehLoopback)).toBe(true);
    expect(
      ['[::ffff:7f00:1]', '::7f00:1', '2002:7f00:1::', '10.0.0.1', 'portal.oi.com.br'].some(ehLoopback)
    ).toBe(false);
    const local = { permitirLocal: true };
    expect(motivoUrlRecusada('http://127.0.0.1:8093/', local)).toBeNull();
    for (const url of [
      'http://[::ffff:127.0.0.1]:8093/',
      'http://[::127.0.0.1]/',
      'http://[64:ff9b::10.0.0.1]/',
    ])
      expect(motivoUrlRecusada(url, local)).toContain('endereço interno');
  });
});
