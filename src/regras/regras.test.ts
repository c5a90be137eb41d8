import fs from 'fs';
import os from 'os';
import path from 'path';
import { calcularHashCliente } from './hash-cliente';
import { cnpjValido, cpfValido, formatarCnpj, formatarCpf } from './documentos';
import {
  cifrar,
  decifrar,
  idDaChave,
  resolverChave,
  resolverChaveiro,
  ARQUIVO_CHAVE_LOCAL,
  type Chaveiro,
} from './cifra';
import { lerAlvoRelacao, relacaoMuitosAlterada } from './relacoes';
import { decodificar, detectarSeparador, normalizarCabecalho } from './csv-clientes';
import { ehViolacaoDeUnicidade } from './erros';
import { competenciaAtual, ehCompetencia } from '@orquestrador-rpa/contrato';

describe('hash do cliente (compatível com o legado)', () => {
  test.each([
    [
      [
        'EMPRESA TESTE',
        'EMBRATEL',
        'Link Dedicado',
        'Link Dedicado',
        '12345678901-2345_10',
        'CAMPO GRANDE-MS',
      ],
      '3d976b5032b9495a',
    ],
    [
      [
        '  empresa teste ',
        'Embratel',
        'LINK DEDICADO',
        'link dedicado',
        '12345678901-2345_10 ',
        ' campo grande-ms',
      ],
      '3d976b5032b9495a',
    ],
    [['EMPRESA TESTE', 'VIVO', 'Fixo', '', '', ''], 'c360c6c604a26655'],
    [['EMPRESA TESTE', 'VIVO', 'Fixo', null, undefined, null], 'c360c6c604a26655'],
  ])('%j → %s', ([nome_sat, operadora_nome, servico, dados_sat, filtro, unidade], esperado) => {
    expect(
      calcularHashCliente({ nome_sat, operadora_nome, servico, dados_sat, filtro, unidade } as never)
    ).toBe(esperado);
  });
});

describe('CNPJ e CPF', () => {
  test('dígitos verificadores', () => {
    expect(cnpjValido('11.222.333/0001-81')).toBe(true);
    expect(cnpjValido('11.222.333/0001-82')).toBe(false);
    expect(cnpjValido('00000000000000')).toBe(false);
    expect(cnpjValido('123')).toBe(false);
    expect(cnpjValido('12.ABC.345/01DE-35')).toBe(true); // alfanumérico (julho de 2026)
    expect(formatarCnpj('12abc34501de35')).toBe('12.ABC.345/01DE-35');
    expect(cpfValido('529.982.247-25')).toBe(true);
    expect(cpfValido('529.982.247-24')).toBe(false);
    expect(cpfValido('11111111111')).toBe(false);
  });
  test('máscaras', () => {
    expect(formatarCnpj('11222333000181')).toBe('11.222.333/0001-81');
    expect(formatarCpf('52998224725')).toBe('529.982.247-25');
    expect(formatarCnpj('123')).toBe('123');
  });
});

describe('cifra das senhas', () => {
  const chave = Buffer.alloc(32, 1);
  const chaveiro = (...chaves: Buffer[]): Chaveiro => ({
    atual: { id: idDaChave(chaves[0]!), chave: chaves[0]! },
    todas: new Map(chaves.map((c) => [idDaChave(c), c])),
  });
  test('ida e volta, IV aleatório, id da chave no valor e chave errada recusada', () => {
    const a = cifrar('segredo', chaveiro(chave), 'cliente:a');
    expect(a).not.toBe(cifrar('segredo', chaveiro(chave), 'cliente:a'));
    expect(a.startsWith(`v2:${idDaChave(chave)}:`)).toBe(true);
    expect(decifrar(a, chaveiro(chave), 'cliente:a')).toBe('segredo');
    expect(() => decifrar(a, chaveiro(Buffer.alloc(32, 2)), 'cliente:a')).toThrow(
      `cifrado com a chave ${idDaChave(chave)}, que não está configurada`
    );
    expect(() => decifrar('texto-puro', chaveiro(chave), 'cliente:a')).toThrow('não está cifrado');
  });
  test('ligada ao dono: o texto cifrado copiado para outro cliente não decifra', () => {
    const a = cifrar('segredo', chaveiro(chave), 'cliente:a');
    expect(() => decifrar(a, chaveiro(chave), 'cliente:b')).toThrow('não pertence a este registro');
  });
  test('rotação: a chave anterior ainda decifra (v1 e v2) enquanto a nova cifra', () => {
    const antiga = Buffer.alloc(32, 3);
    const nova = Buffer.alloc(32, 4);
    const v2Antigo = cifrar('s1', chaveiro(antiga), 'cliente:a');
    const v1 = `v1:${Buffer.concat([Buffer.alloc(12), Buffer.alloc(16)]).toString('base64')}`;
    const ambos = chaveiro(nova, antiga);
    expect(decifrar(v2Antigo, ambos, 'cliente:a')).toBe('s1');
    expect(cifrar('s1', ambos, 'cliente:a').startsWith(`v2:${idDaChave(nova)}:`)).toBe(true);
    expect(() => decifrar(v1, ambos, 'cliente:a')).toThrow(
      'a chave de criptografia não é a que cifrou este valor'
    );
    const lido = resolverChaveiro({
      ambiente: {
        CHAVE_CRIPTOGRAFIA: nova.toString('base64'),
        CHAVES_CRIPTOGRAFIA_ANTERIORES: ` ${antiga.toString('base64')} `,
      },
      pastaApp: '/x',
    });
    expect([lido.atual.id, [...lido.todas.keys()]]).toEqual([
      idDaChave(nova),
      [idDaChave(nova), idDaChave(antiga)],
    ]);
  });
  test('produção sem chave não sobe; chave malformada é recusada', () => {
    expect(() => resolverChave({ ambiente: { NODE_ENV: 'production' }, pastaApp: '/nao-usada' })).toThrow(
      'em produção o servidor não sobe'
    );
    expect(() => resolverChave({ ambiente: { CHAVE_CRIPTOGRAFIA: 'curta' }, pastaApp: '/x' })).toThrow(
      'deve conter 32 bytes em base64'
    );
  });
  test('padrão embutido gera a chave uma vez num arquivo local, com aviso', () => {
    const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'chave-'));
    const avisos: string[] = [];
    const primeira = resolverChave({ ambiente: {}, pastaApp: pasta, avisar: (m) => avisos.push(m) });
    const segunda = resolverChave({ ambiente: {}, pastaApp: pasta, avisar: (m) => avisos.push(m) });
    expect(primeira.equals(segunda)).toBe(true);
    expect(avisos).toHaveLength(1);
    expect(fs.statSync(path.join(pasta, ARQUIVO_CHAVE_LOCAL)).mode & 0o777).toBe(0o600);
  });
});

describe('alvo de relação na entrada', () => {
  test.each([
    [undefined, { tipo: 'inalterada' }],
    [null, { tipo: 'removida' }],
    ['abc', { tipo: 'definida', documentId: 'abc' }],
    ['12', { tipo: 'definida', id: 12 }],
    [7, { tipo: 'definida', id: 7 }],
    [{ documentId: 'x' }, { tipo: 'definida', documentId: 'x' }],
    [{ connect: [{ documentId: 'y' }] }, { tipo: 'definida', documentId: 'y' }],
    [{ connect: [], disconnect: [{ id: 1 }] }, { tipo: 'removida' }],
    [{ connect: [], disconnect: [] }, { tipo: 'inalterada' }],
    [{ set: [] }, { tipo: 'removida' }],
    [{ set: ['z'] }, { tipo: 'definida', documentId: 'z' }],
    [[], { tipo: 'removida' }],
    [['w'], { tipo: 'definida', documentId: 'w' }],
  ])('%j', (entrada, esperado) => expect(lerAlvoRelacao(entrada)).toEqual(esperado));

  test.each([
    [undefined, false],
    [{ connect: [], disconnect: [] }, false],
    [{}, false],
    [{ count: 3 }, false],
    [{ disconnect: [{ id: 3 }] }, true],
    [{ connect: [{ documentId: 'x' }] }, true],
    [{ set: [] }, true],
    [[], true],
    [null, true],
    [{ documentId: 'x' }, true],
  ])('relação "para muitos" alterada? %j → %s', (entrada, esperado) =>
    expect(relacaoMuitosAlterada(entrada)).toBe(esperado)
  );
});

describe('competência e CSV', () => {
  test('mes_ano', () => {
    expect(ehCompetencia('2025-03')).toBe(true);
    expect(ehCompetencia('2025-13')).toBe(false);
    expect(ehCompetencia(202503)).toBe(false);
    // 01/03 às 01:00 UTC ainda é fevereiro em São Paulo.
    expect(competenciaAtual(new Date('2025-03-01T01:00:00Z'))).toBe('2025-02');
  });
  test('decodificação, separador e cabeçalho', () => {
    expect(decodificar(Buffer.from('ação', 'latin1'))).toBe('ação');
    expect(decodificar(Buffer.from('ação', 'utf8'))).toBe('ação');
    expect(detectarSeparador('a;b;c,d\n1;2;3')).toBe(';');
    expect(detectarSeparador('a,b\n')).toBe(',');
    expect(normalizarCabecalho(' SITE PARA EMISSÃO ')).toBe('SITE PARA EMISSAO');
  });
  test('violação de unicidade reconhecida nos dois bancos', () => {
    expect(ehViolacaoDeUnicidade({ code: '23505' })).toBe(true);
    expect(ehViolacaoDeUnicidade({ message: 'x', cause: { code: 'SQLITE_CONSTRAINT_UNIQUE' } })).toBe(true);
    expect(ehViolacaoDeUnicidade(new Error('outro'))).toBe(false);
    expect(ehViolacaoDeUnicidade(undefined)).toBe(false);
  });
});
