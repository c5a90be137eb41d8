import { crc16Ccitt, lerPix } from './pix';

// Exemplo do Manual de Padrões para Iniciação do Pix (Banco Central), Pix estático sem valor.
const MANUAL_BCB =
  '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';

/** Monta um BR Code com o CRC certo (para os casos com valor e dinâmico). */
const tlv = (id: string, valor: string) => `${id}${String(valor.length).padStart(2, '0')}${valor}`;
const comCrc = (semCrc: string) => `${semCrc}6304${crc16Ccitt(`${semCrc}6304`)}`;

test('CRC16/CCITT-FALSE: o valor de conferência do algoritmo e o do manual do Banco Central', () => {
  expect(crc16Ccitt('123456789')).toBe('29B1');
  expect(crc16Ccitt(MANUAL_BCB.slice(0, -4))).toBe('1D3D');
});

test('Pix estático do manual: chave, recebedor, cidade, sem valor nem txid', () => {
  expect(lerPix(MANUAL_BCB)).toEqual({
    valido: true,
    pix: {
      chave: '123e4567-e12b-12d1-a456-426655440000',
      url: null,
      valor: null,
      recebedor: 'Fulano de Tal',
      cidade: 'BRASILIA',
      txid: null,
      payload: MANUAL_BCB,
    },
  });
});

test('com valor (campo 54) e txid; e o dinâmico com a URL da cobrança', () => {
  const conta = tlv('26', tlv('00', 'br.gov.bcb.pix') + tlv('01', '11222333000181'));
  const comValor = comCrc(
    tlv('00', '01') +
      conta +
      tlv('52', '0000') +
      tlv('53', '986') +
      tlv('54', '1234.56') +
      tlv('58', 'BR') +
      tlv('59', 'OPERADORA TELECOM') +
      tlv('60', 'SAO PAULO') +
      tlv('62', tlv('05', 'FATURA202612'))
  );
  expect(lerPix(comValor)).toMatchObject({
    valido: true,
    pix: { chave: '11222333000181', valor: 1234.56, txid: 'FATURA202612' },
  });
  const dinamico = comCrc(
    tlv('00', '01') +
      tlv('01', '12') +
      tlv('26', tlv('00', 'BR.GOV.BCB.PIX') + tlv('25', 'pix.exemplo.com.br/qr/v2/cobv/9d36b84f')) +
      tlv('52', '0000') +
      tlv('53', '986') +
      tlv('58', 'BR') +
      tlv('59', 'OPERADORA') +
      tlv('60', 'RIO') +
      tlv('62', tlv('05', '***'))
  );
  expect(lerPix(dinamico)).toMatchObject({
    valido: true,
    pix: { chave: null, url: 'pix.exemplo.com.br/qr/v2/cobv/9d36b84f', valor: null },
  });
});

test('um caractere trocado derruba o CRC; formato quebrado e sem conta Pix são recusados', () => {
  const adulterado = MANUAL_BCB.replace('Fulano', 'Fulana');
  expect(lerPix(adulterado)).toEqual({
    valido: false,
    crcInvalido: true,
    motivo: `CRC do Pix é ${crc16Ccitt(adulterado.slice(0, -4))}, o código traz 1D3D.`,
  });
  expect(lerPix('texto qualquer')).toMatchObject({ valido: false });
  expect(lerPix(MANUAL_BCB.slice(0, -10))).toMatchObject({ valido: false });
  const semConta = comCrc(
    tlv('00', '01') + tlv('26', tlv('00', 'br.com.outro') + tlv('01', 'x')) + tlv('58', 'BR')
  );
  expect(lerPix(semConta)).toEqual({
    valido: false,
    motivo: 'O BR Code não traz uma conta Pix (GUI br.gov.bcb.pix).',
  });
  const valorRuim = comCrc(
    tlv('00', '01') + tlv('26', tlv('00', 'br.gov.bcb.pix') + tlv('01', 'x')) + tlv('54', '12,50')
  );
  expect(lerPix(valorRuim)).toMatchObject({
    valido: false,
    motivo: 'Valor do Pix fora do formato: "12,50".',
  });
});
