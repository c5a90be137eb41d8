/**
 * Pix copia-e-cola (BR Code, EMV QRCPS-MPM): campos TLV (id de 2 dígitos, tamanho de 2, valor), a
 * conta Pix no campo 26 (GUI `br.gov.bcb.pix`, chave no 01 ou URL do Pix dinâmico no 25), o valor no
 * 54 e o CRC16/CCITT-FALSE (polinômio 0x1021, início 0xFFFF) no 63, calculado sobre tudo até "6304".
 */
export interface Pix {
  chave: string | null;
  /** Pix dinâmico: a cobrança (e o valor) ficam no PSP, nesta URL. */
  url: string | null;
  valor: number | null;
  recebedor: string;
  cidade: string;
  txid: string | null;
  payload: string;
}

export type LeituraPix =
  { valido: true; pix: Pix } | { valido: false; motivo: string; crcInvalido?: boolean };

export const crc16Ccitt = (texto: string): string => {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(texto)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
};

/** Campos TLV de um nível; nulo se o tamanho declarado passar do fim. */
const campos = (texto: string): Map<string, string> | null => {
  const mapa = new Map<string, string>();
  let i = 0;
  while (i < texto.length) {
    const id = texto.slice(i, i + 2);
    const tamanho = Number(texto.slice(i + 2, i + 4));
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(texto.slice(i + 2, i + 4)) || i + 4 + tamanho > texto.length)
      return null;
    mapa.set(id, texto.slice(i + 4, i + 4 + tamanho));
    i += 4 + tamanho;
  }
  return mapa;
};

const GUI_PIX = 'br.gov.bcb.pix';

export const lerPix = (texto: string): LeituraPix => {
  const payload = texto.trim();
  const raiz = campos(payload);
  if (!raiz || raiz.get('00') !== '01')
    return { valido: false, motivo: 'Não é um BR Code (campo 00 = 01 ausente).' };
  const crc = raiz.get('63');
  if (!crc || !payload.endsWith(`6304${crc}`))
    return { valido: false, motivo: 'O BR Code não termina no CRC (campo 63).' };
  const calculado = crc16Ccitt(payload.slice(0, -4));
  if (calculado !== crc.toUpperCase())
    return { valido: false, crcInvalido: true, motivo: `CRC do Pix é ${calculado}, o código traz ${crc}.` };
  const conta = [...raiz.entries()]
    .filter(([id]) => Number(id) >= 26 && Number(id) <= 51)
    .map(([, valor]) => campos(valor))
    .find((c) => c?.get('00')?.toLowerCase() === GUI_PIX);
  if (!conta) return { valido: false, motivo: 'O BR Code não traz uma conta Pix (GUI br.gov.bcb.pix).' };
  const valor = raiz.get('54');
  if (valor !== undefined && !/^\d+(\.\d{1,2})?$/.test(valor))
    return { valido: false, motivo: `Valor do Pix fora do formato: "${valor}".` };
  const adicionais = campos(raiz.get('62') ?? '');
  const txid = adicionais?.get('05') ?? null;
  return {
    valido: true,
    pix: {
      chave: conta.get('01') ?? null,
      url: conta.get('25') ?? null,
      valor: valor === undefined ? null : Number(valor),
      recebedor: raiz.get('59') ?? '',
      cidade: raiz.get('60') ?? '',
      txid: txid === '***' ? null : txid,
      payload,
    },
  };
};
