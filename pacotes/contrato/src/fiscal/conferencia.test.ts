import {
  candidatosDoTexto,
  conferirTextoDaFatura,
  type EsperadoDaFatura,
  SEVERIDADE_DO_ACHADO,
} from './conferencia';
import { crc16Ccitt } from './pix';

// Arrecadação de telecom (segmento 4) de R$ 29,99 e uma chave de NFCom real (emitente 07.159.053/0001-07).
const LINHA_TELECOM = '84630000000-3 29990296202-4 00410136000-8 00200644114-7';
const CHAVE = '2626 0107 1590 5300 0107 6200 1000 0031 9810 8346 5102';
// Boleto bancário de R$ 214,03 com vencimento em 10/05/2022.
const LINHA_BOLETO = '10492.00650 61000.100042 00997.263900 9 89810000021403';

const fatura = (corpo: string) => `OPERADORA TELECOM S.A.
CNPJ 07.159.053/0001-07
NOTA FISCAL FATURA DE SERVIÇOS DE COMUNICAÇÃO ELETRÔNICA - NFCom
Cliente: EMPRESA TESTE LTDA   CNPJ: 11.222.333/0001-81
Mês de referência: 01/2026
${corpo}`;

const ESPERADO: EsperadoDaFatura = {
  valor: 29.99,
  vencimento: '2026-02-10',
  competencia: '2026-01',
  cnpj_cliente: '11222333000181',
  cnpjs_operadora: ['07.159.053/0001-07'],
};

const conferir = (texto: string, esperado: Partial<EsperadoDaFatura> = {}) =>
  conferirTextoDaFatura(
    texto,
    { ...ESPERADO, ...esperado },
    { sha256: 'abc', agora: new Date('2026-02-01T12:00:00Z') }
  );
const codigos = (texto: string, esperado: Partial<EsperadoDaFatura> = {}) =>
  conferir(texto, esperado).achados.map((a) => a.codigo);

test('fatura coerente: sem achados, e o que foi lido fica guardado', () => {
  const r = conferir(
    fatura(`Chave de acesso: ${CHAVE}\nVencimento: 10/02/2026   Total a pagar R$ 29,99\n${LINHA_TELECOM}`)
  );
  expect(r).toEqual({
    situacao: 'SEM_ACHADOS',
    lida_em: '2026-02-01T12:00:00.000Z',
    fonte: 'PDF',
    sha256: 'abc',
    motivo: null,
    achados: [],
    extraido: {
      linha_digitavel: '846300000003299902962024004101360008002006441147',
      codigo_barras: '84630000000299902962020041013600000200644114',
      pix: null,
      chave_nfcom: '26260107159053000107620010000031981083465102',
      cnpj_emitente: '07159053000107',
      cnpj_destinatario: '11222333000181',
      valor: 29.99,
      vencimento: '2026-02-10',
      competencia: '2026-01',
    },
  });
});

test('um dígito trocado na linha digitável: ARRECADACAO_DV_INVALIDO, bloqueante', () => {
  const r = conferir(fatura(LINHA_TELECOM.replace('29990296202-4', '29990296203-4')));
  expect(r.situacao).toBe('COM_ACHADOS');
  expect(r.achados).toEqual([
    expect.objectContaining({
      codigo: 'ARRECADACAO_DV_INVALIDO',
      severidade: 'bloqueante',
      encontrado: '846300000003299902962034004101360008002006441147',
    }),
  ]);
  expect(r.achados[0]!.mensagem).toMatch(
    /^Código de arrecadação com dígito verificador errado: DV do bloco 2/
  );
});

test('boleto com valor e vencimento diferentes do processo', () => {
  const r = conferir(fatura(LINHA_BOLETO), {
    valor: 214.3,
    vencimento: '2022-05-11',
    competencia: '2022-05',
  });
  expect(r.achados.map((a) => [a.codigo, a.esperado, a.encontrado])).toEqual([
    ['VALOR_DIVERGENTE', '214.30', '214.03'],
    ['VENCIMENTO_DIVERGENTE', '2022-05-11', '2022-05-10'],
    ['COMPETENCIA_DIVERGENTE', '2022-05', '2026-01'],
  ]);
  expect(r.achados[0]!.mensagem).toBe(
    'O código de pagamento cobra R$\u00a0214,03, e o processo diz R$\u00a0214,30.'
  ); // formato de moeda pt-BR (espaço inseparável)
  expect(r.achados[1]!.mensagem).toBe('O boleto vence em 10/05/2022, e o processo diz 11/05/2022.');
  expect(r.achados[2]!.severidade).toBe('aviso');
});

test('sem código de pagamento, chave com dígito trocado e CNPJs de fora', () => {
  const texto = `FATURA
Emitente CNPJ 12.ABC.345/01DE-35
Cliente CNPJ 45.997.418/0001-53
Chave de acesso: ${CHAVE.replace('5102', '5103')}`;
  expect(codigos(texto)).toEqual([
    'CHAVE_NFCOM_INVALIDA',
    'SEM_CODIGO_DE_PAGAMENTO',
    'EMITENTE_DIVERGENTE',
    'DESTINATARIO_DIVERGENTE',
  ]);
  const r = conferir(texto);
  expect(r.extraido).toMatchObject({ cnpj_emitente: '12ABC34501DE35', cnpj_destinatario: '45997418000153' });
  expect(r.achados.find((a) => a.codigo === 'EMITENTE_DIVERGENTE')!.mensagem).toBe(
    'Quem emitiu a fatura (CNPJ 12ABC34501DE35) não está entre os CNPJs cadastrados da operadora.'
  );
});

test('operadora sem CNPJs cadastrados: a regra do emitente não se aplica', () => {
  expect(codigos(fatura(LINHA_TELECOM), { cnpjs_operadora: [] })).toEqual([]);
});

test('Pix copia-e-cola: valor conferido e CRC adulterado achado', () => {
  const tlv = (id: string, v: string) => `${id}${String(v.length).padStart(2, '0')}${v}`;
  const semCrc =
    tlv('00', '01') +
    tlv('26', tlv('00', 'br.gov.bcb.pix') + tlv('01', '07159053000107')) +
    tlv('52', '0000') +
    tlv('53', '986') +
    tlv('54', '30.00') +
    tlv('58', 'BR') +
    tlv('59', 'OPERADORA') +
    tlv('60', 'RECIFE') +
    '6304';
  const pix = semCrc + crc16Ccitt(semCrc);
  expect(codigos(fatura(`Pague com Pix: ${pix}`))).toEqual(['VALOR_DIVERGENTE']);
  expect(conferir(fatura(`Pix: ${pix}`)).achados[0]!.mensagem).toBe(
    'O Pix cobra R$\u00a030,00, e o processo diz R$\u00a029,99.'
  );
  const adulterado = pix.replace('RECIFE', 'OLINDA');
  expect(codigos(fatura(`Pix: ${adulterado}`))).toEqual(['PIX_CRC_INVALIDO']);
});

test('PDF sem texto: NAO_LIDA com o motivo, sem achados', () => {
  expect(conferir('   \n  ')).toMatchObject({ situacao: 'NAO_LIDA', fonte: null, achados: [] });
  expect(conferir('').motivo).toContain('não tem texto');
});

test('leitura do texto: chave de 44 dígitos solta não vira boleto; rótulo sem chave não vira achado', () => {
  const soltos = candidatosDoTexto(`chave 26260107159053000107620010000031981083465102 e mais nada`);
  expect(soltos.chaves).toEqual(['26260107159053000107620010000031981083465102']);
  expect(soltos.codigos).toEqual([]);
  expect(
    candidatosDoTexto('Chave de acesso disponível em www.sefaz.gov.br para consulta posterior').chaves
  ).toEqual([]);
  expect(candidatosDoTexto('Referência: MAR/2026 Vencimento 05/04/2026').competencia).toBe('2026-03');
});

test('toda regra tem severidade', () => {
  expect(Object.keys(SEVERIDADE_DO_ACHADO)).toHaveLength(11);
});
