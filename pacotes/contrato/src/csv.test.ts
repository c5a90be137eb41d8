import { parse } from 'csv-parse/sync';
import { celulaCsv, linhaCsv } from './csv';

describe('CSV (Excel em português)', () => {
  test('célula com o separador alternativo (,) também vai entre aspas, como a que tem ;', () => {
    expect(celulaCsv('Telecom, Ltda')).toBe('"Telecom, Ltda"');
    expect(celulaCsv('a;b')).toBe('"a;b"');
    expect(celulaCsv(1.5)).toBe('"1,5"');
    expect(celulaCsv('diz "oi", tchau')).toBe('"diz ""oi"", tchau"');
    expect(celulaCsv('sem separador')).toBe('sem separador');
  });

  test('lida com ; ou com , de separador, cada célula continua numa coluna só', () => {
    const valores = ['Telecom, Ltda', 'x;y', 'linha\nquebrada', 2.75, '=SOMA(A1;A2)', null];
    const linha = linhaCsv(valores);
    const esperado = ['Telecom, Ltda', 'x;y', 'linha\nquebrada', '2,75', "'=SOMA(A1;A2)", ''];
    expect(parse(linha, { delimiter: ';' })).toEqual([esperado]);
    // Quem abre com `,` de separador não vê a célula partida em duas colunas.
    expect(parse(linhaCsv(['Telecom, Ltda']), { delimiter: ',' })).toEqual([['Telecom, Ltda']]);
    expect(parse(linhaCsv([1.5]), { delimiter: ',' })).toEqual([['1,5']]);
  });
});
