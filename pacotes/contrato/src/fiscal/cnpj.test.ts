import { cnpjValido, formatarCnpj, normalizarCnpj } from './cnpj';
import { modulo11 } from './modulos';

test('CNPJ alfanumérico: o exemplo da Receita (12.ABC.345/01DE-35) e os DV em ASCII − 48', () => {
  expect(modulo11('12ABC34501DE')).toBe(3);
  expect(modulo11('12ABC34501DE3')).toBe(5);
  expect(cnpjValido('12.ABC.345/01DE-35')).toBe(true);
  expect(cnpjValido('12abc34501de35')).toBe(true);
  expect(cnpjValido('12.ABC.345/01DE-36')).toBe(false);
  expect(cnpjValido('12.ABD.345/01DE-35')).toBe(false); // uma letra trocada
  expect(cnpjValido('12.ABC.345/01DE-3A')).toBe(false); // DV é sempre numérico
});

test('CNPJ numérico continua como sempre', () => {
  expect(cnpjValido('11.222.333/0001-81')).toBe(true);
  expect(cnpjValido('07159053000107')).toBe(true);
  expect(cnpjValido('11222333000182')).toBe(false);
  expect(cnpjValido('00000000000000')).toBe(false);
  expect(cnpjValido('AAAAAAAAAAAA00')).toBe(false);
  expect(cnpjValido('1122233300018')).toBe(false);
});

test('normalização e formatação', () => {
  expect(normalizarCnpj(' 12.abc.345/01de-35 ')).toBe('12ABC34501DE35');
  expect(formatarCnpj('12abc34501de35')).toBe('12.ABC.345/01DE-35');
  expect(formatarCnpj('11222333000181')).toBe('11.222.333/0001-81');
  expect(formatarCnpj('123')).toBe('123');
});
