import { criarConcentrador } from './registro';
import { EmbratelRPA } from './embratel/embratel';
import {
  OPERADORAS_COM_ROBO,
  OPERADORAS_POR_EMAIL,
  operadoraTemRobo,
  roboDaOperadora,
} from '@orquestrador-rpa/contrato';

test('o concentrador de produção registra a Embratel (EMB), a Oi (OI), a Digitalnet (DIG), a Vivo (VIV) e o SAT', () => {
  const concentrador = criarConcentrador();
  expect(concentrador.codigos()).toEqual(['DIG', 'EMB', 'OI', 'SAT', 'VIV']);
  expect(concentrador.possui(' emb ')).toBe(true);
  expect(() => concentrador.registrar(new EmbratelRPA())).toThrow(
    'Já existe um robô registrado com o código EMB.'
  );
});

test('toda operadora que o cadastro aceita com robô tem um robô registrado (uma lista só, no contrato)', () => {
  const codigos = criarConcentrador().codigos();
  for (const codigo of OPERADORAS_COM_ROBO)
    expect({ codigo, registrado: codigos.includes(codigo) }).toEqual({ codigo, registrado: true });
  // A Vivo tem só o porte parcial do legado: registrada, mas não aceita como "possui RPA".
  expect(OPERADORAS_COM_ROBO).not.toContain('VIV');
});

test('quem recebe por e-mail (AZU) não tem robô por processo: o robô dela é a leitura da caixa', () => {
  const codigos = criarConcentrador().codigos();
  for (const codigo of OPERADORAS_POR_EMAIL) {
    expect(codigos).not.toContain(codigo);
    expect([operadoraTemRobo(codigo), roboDaOperadora(codigo)]).toEqual([true, 'EMAIL']);
  }
  expect(OPERADORAS_POR_EMAIL).toEqual(['AZU']);
  expect(['EMB', 'VIV', ' dig '].map(roboDaOperadora)).toEqual(['PORTAL', 'NENHUM', 'PORTAL']);
});
