import { dataDoFator, fatorDaData, lerCodigoDePagamento, montarBoleto } from './codigo-pagamento';
import { modulo10, modulo11, modulo11Boleto } from './modulos';

// Vetores públicos (documentação e testes de bibliotecas abertas de boleto).
const BOLETO_BARRAS = '10499898100000214032006561000100040099726390';
const BOLETO_LINHA = '10492006506100010004200997263900989810000021403';
const CARTAO_BARRAS = '23797000000000000004150090019801673500021140';
const CARTAO_LINHA = '23794150099001980167035000211405700000000000000';
const ENERGIA_BARRAS = '83860000005096000190000008017823000034306271';
const ENERGIA_LINHA = '838600000050096000190009000801782309000343062712';
const MOD11_BARRAS = '85820000000572503282035607082021053959190446';
const MOD11_LINHA = '858200000007572503282030560708202107539591904460';
const TELECOM_LINHA = '846300000003299902962024004101360008002006441147';
const TELECOM_BARRAS = '84630000000299902962020041013600000200644114';

const trocarDigito = (texto: string, posicao: number) =>
  texto.slice(0, posicao) + String((Number(texto[posicao]) + 1) % 10) + texto.slice(posicao + 1);

describe('módulos da FEBRABAN', () => {
  test('módulo 10 e os dois módulos 11', () => {
    expect(modulo10('104920065')).toBe(0); // campo 1 do boleto acima
    expect(modulo10('6100010004')).toBe(2); // campo 2
    expect(modulo11Boleto(BOLETO_BARRAS.slice(0, 4) + BOLETO_BARRAS.slice(5))).toBe(9);
    expect(modulo11(MOD11_BARRAS.slice(0, 3) + MOD11_BARRAS.slice(4))).toBe(2); // 4º dígito
  });
});

describe('boleto bancário', () => {
  test('linha digitável e código de barras dão o mesmo boleto, com valor e vencimento', () => {
    const pelaLinha = lerCodigoDePagamento(
      '10492.00650 61000.100042 00997.263900 9 89810000021403',
      new Date('2022-05-01')
    );
    const pelasBarras = lerCodigoDePagamento(BOLETO_BARRAS, new Date('2022-05-01'));
    expect(pelaLinha).toEqual(pelasBarras);
    expect(pelaLinha).toEqual({
      valido: true,
      codigo: {
        tipo: 'BOLETO',
        codigo_barras: BOLETO_BARRAS,
        linha_digitavel: BOLETO_LINHA,
        valor: 214.03,
        vencimento: '2022-05-10',
        banco: '104',
      },
    });
  });

  test('sem valor e sem fator (boleto de cartão): valor e vencimento nulos', () => {
    const r = lerCodigoDePagamento(CARTAO_LINHA);
    expect(r).toMatchObject({
      valido: true,
      codigo: { codigo_barras: CARTAO_BARRAS, valor: null, vencimento: null },
    });
  });

  test.each([
    [0, 'DV do campo 1'],
    [12, 'DV do campo 2'],
    [25, 'DV do campo 3'],
    [32, 'DV geral do boleto'],
    [40, 'DV geral do boleto'], // valor adulterado: só o DV geral percebe
  ])('um dígito trocado na posição %i da linha é recusado (%s)', (posicao, motivo) => {
    const r = lerCodigoDePagamento(trocarDigito(BOLETO_LINHA, posicao));
    expect(r).toMatchObject({ valido: false, tipo: 'BOLETO' });
    expect(r.valido === false && r.motivo).toContain(motivo);
  });
});

describe('fator de vencimento (reinício em 1000 em 22/02/2025)', () => {
  test('9999 foi 21/02/2025 e 1000 é 22/02/2025; o ciclo novo chega a 9999 em 13/10/2049', () => {
    expect(dataDoFator(9999, new Date('2025-02-01'))).toBe('2025-02-21');
    expect(dataDoFator(1000, new Date('2025-02-01'))).toBe('2025-02-22');
    expect(dataDoFator(1001, new Date('2025-03-01'))).toBe('2025-02-23');
    expect(dataDoFator(9999, new Date('2049-01-01'))).toBe('2049-10-13');
  });

  test('o mesmo fator antes e depois do reinício: vale a data perto do mês da fatura', () => {
    expect(dataDoFator(1000, new Date('2000-07-01'))).toBe('2000-07-03');
    expect(dataDoFator(8981, new Date('2022-05-01'))).toBe('2022-05-10');
    expect(dataDoFator(8981, new Date('2046-12-01'))).toBe('2046-12-30');
    expect(dataDoFator(1500, new Date('2026-12-07'))).toBe('2026-07-07');
  });

  test('fora de 1000–9999 não é data', () => {
    expect(dataDoFator(999)).toBeNull();
    expect(dataDoFator(10000)).toBeNull();
  });
});

describe('arrecadação (contas de consumo)', () => {
  test('telecomunicações (segmento 4, módulo 10): linha → barras, valor em reais', () => {
    expect(lerCodigoDePagamento(TELECOM_LINHA)).toEqual({
      valido: true,
      codigo: {
        tipo: 'ARRECADACAO',
        codigo_barras: TELECOM_BARRAS,
        linha_digitavel: TELECOM_LINHA,
        valor: 29.99,
        vencimento: null,
        segmento: '4',
        empresa: '0296',
      },
    });
    expect(lerCodigoDePagamento(TELECOM_BARRAS)).toEqual(lerCodigoDePagamento(TELECOM_LINHA));
  });

  test('energia (módulo 10) e órgão público (módulo 11): barras e linha batem', () => {
    expect(lerCodigoDePagamento(ENERGIA_BARRAS)).toMatchObject({
      valido: true,
      codigo: { linha_digitavel: ENERGIA_LINHA, valor: 509.6, segmento: '3' },
    });
    expect(lerCodigoDePagamento(MOD11_BARRAS)).toMatchObject({
      valido: true,
      codigo: { linha_digitavel: MOD11_LINHA, valor: 57.25, segmento: '5' },
    });
    expect(lerCodigoDePagamento(MOD11_LINHA)).toMatchObject({
      valido: true,
      codigo: { codigo_barras: MOD11_BARRAS },
    });
  });

  test.each([
    [TELECOM_LINHA, 3, 'DV do bloco 1'],
    [TELECOM_LINHA, 47, 'DV do bloco 4'],
    [MOD11_LINHA, 20, 'DV do bloco 2'],
    [TELECOM_BARRAS, 10, 'DV geral da arrecadação'],
  ])('%s com um dígito trocado na posição %i: %s', (codigo, posicao, motivo) => {
    const r = lerCodigoDePagamento(trocarDigito(codigo, posicao));
    expect(r).toMatchObject({ valido: false, tipo: 'ARRECADACAO' });
    expect(r.valido === false && r.motivo).toContain(motivo);
  });

  test('identificador de valor inexistente', () => {
    expect(lerCodigoDePagamento('85' + '5' + MOD11_BARRAS.slice(3))).toMatchObject({
      valido: false,
      motivo: 'Identificador de valor "5" não existe (6, 7, 8 ou 9).',
    });
  });
});

test('tamanho e caracteres fora do formato', () => {
  expect(lerCodigoDePagamento('1234')).toMatchObject({ valido: false, tipo: null });
  expect(lerCodigoDePagamento('1049A00650')).toMatchObject({ valido: false, tipo: null });
  expect(lerCodigoDePagamento('1' + ENERGIA_LINHA.slice(1))).toMatchObject({
    valido: false,
    tipo: 'ARRECADACAO',
  });
});

describe('boleto montado (portais simulados e demonstração)', () => {
  test('o boleto montado é lido de volta com o mesmo valor e vencimento, e um dígito trocado é recusado', () => {
    const { codigo_barras, linha_digitavel } = montarBoleto({
      banco: '341',
      valor: 1234.56,
      vencimento: '2025-03-10',
      campoLivre: '1790010104351004791020150',
    });
    expect(fatorDaData('2025-02-22')).toBe(1000);
    expect(lerCodigoDePagamento(linha_digitavel, new Date('2025-03-15'))).toEqual({
      valido: true,
      codigo: {
        tipo: 'BOLETO',
        codigo_barras,
        linha_digitavel,
        valor: 1234.56,
        vencimento: '2025-03-10',
        banco: '341',
      },
    });
    expect(lerCodigoDePagamento(trocarDigito(linha_digitavel, 40))).toMatchObject({ valido: false });
    expect(() => fatorDaData('2024-12-31')).toThrow(RangeError);
  });
});
