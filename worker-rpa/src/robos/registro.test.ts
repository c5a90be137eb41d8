import { criarConcentrador } from './registro';
import { EmbratelRPA } from './embratel/embratel';

test('o concentrador de produção registra a Embratel (EMB), a Oi (OI), a Digitalnet (DIG), a Vivo (VIV) e o SAT', () => {
  const concentrador = criarConcentrador();
  expect(concentrador.codigos()).toEqual(['DIG', 'EMB', 'OI', 'SAT', 'VIV']);
  expect(concentrador.possui(' emb ')).toBe(true);
  expect(() => concentrador.registrar(new EmbratelRPA())).toThrow(
    'Já existe um robô registrado com o código EMB.'
  );
});
