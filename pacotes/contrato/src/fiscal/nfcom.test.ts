import { modulo11 } from './modulos';
import { lerChaveNfcom } from './nfcom';

// Chave de uma NFCom autorizada (protocolo público de exemplo): PE, jan/2026, série 1, nº 3198.
const REAL = '26260107159053000107620010000031981083465102';

/** Chave com CNPJ alfanumérico e o DV calculado (a regra da NT Conjunta 2025.001). */
const comDv = (base43: string) => base43 + modulo11(base43);

test('chave real: UF, emissão, CNPJ do emitente, série e número', () => {
  expect(lerChaveNfcom(REAL)).toEqual({
    valido: true,
    nfcom: {
      chave: REAL,
      uf: '26',
      emissao: '2026-01',
      cnpj_emitente: '07159053000107',
      serie: '001',
      numero: '000003198',
    },
  });
  expect(lerChaveNfcom('2626 0107 1590 5300 0107 6200 1000 0031 9810 8346 5102')).toMatchObject({
    valido: true,
  });
});

test.each(Array.from({ length: 44 }, (_, i) => i))(
  'um dígito trocado na posição %i é recusado',
  (posicao) => {
    const trocada =
      REAL.slice(0, posicao) + String((Number(REAL[posicao]) + 3) % 10) + REAL.slice(posicao + 1);
    expect(lerChaveNfcom(trocada).valido).toBe(false);
  }
);

test('CNPJ alfanumérico na chave vale (ASCII − 48 no DV)', () => {
  const chave = comDv('3526071' + '2ABC34501DE35' + '62001000000123110000001'.slice(0, 23));
  expect(chave).toHaveLength(44);
  expect(lerChaveNfcom(chave)).toMatchObject({
    valido: true,
    nfcom: { cnpj_emitente: '12ABC34501DE35', uf: '35' },
  });
});

test('motivos em português: UF, mês, modelo, CNPJ e tamanho', () => {
  expect(lerChaveNfcom('99' + REAL.slice(2))).toEqual({
    valido: false,
    motivo: 'Código de UF 99 não existe.',
  });
  expect(lerChaveNfcom(REAL.slice(0, 4) + '13' + REAL.slice(6))).toEqual({
    valido: false,
    motivo: 'Mês de emissão 13 não existe.',
  });
  expect(lerChaveNfcom(comDv(REAL.slice(0, 20) + '55' + REAL.slice(22, 43)))).toEqual({
    valido: false,
    motivo: 'Modelo 55 na chave: a NFCom é o modelo 62.',
  });
  expect(lerChaveNfcom(comDv(REAL.slice(0, 6) + '07159053000108' + REAL.slice(20, 43)))).toMatchObject({
    valido: false,
    motivo: 'O CNPJ do emitente na chave (07159053000108) não é válido.',
  });
  expect(lerChaveNfcom('123')).toMatchObject({ valido: false });
});
