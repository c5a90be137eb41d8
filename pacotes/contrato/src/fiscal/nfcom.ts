import { cnpjValido } from './cnpj.js';
import { modulo11 } from './modulos.js';

/**
 * Chave de acesso da NFCom (modelo 62, obrigatória desde 1/11/2025): cUF(2) AAMM(4) CNPJ(14)
 * modelo(2) série(3) nNF(9) tpEmis(1) nSiteAutoriz(1) cNF(7) DV(1). O DV é módulo 11 com pesos 2 a 9
 * da direita, com cada caractere valendo ASCII − 48 (o CNPJ da chave pode ser alfanumérico).
 */
export interface ChaveNfcom {
  chave: string;
  uf: string;
  /** AAAA-MM da emissão. */
  emissao: string;
  cnpj_emitente: string;
  serie: string;
  numero: string;
}

export type LeituraChaveNfcom = { valido: true; nfcom: ChaveNfcom } | { valido: false; motivo: string };

/** Códigos de UF do IBGE. */
const UFS = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '21',
  '22',
  '23',
  '24',
  '25',
  '26',
  '27',
  '28',
  '29',
  '31',
  '32',
  '33',
  '35',
  '41',
  '42',
  '43',
  '50',
  '51',
  '52',
  '53',
]);

export const MODELO_NFCOM = '62';

/** Forma da chave de acesso: só o CNPJ (posições 7 a 18) pode ter letras. */
export const FORMATO_CHAVE_NFCOM = /^\d{6}[0-9A-Z]{12}\d{26}$/;

export const lerChaveNfcom = (texto: string): LeituraChaveNfcom => {
  const chave = texto.replace(/[\s.-]/g, '').toUpperCase();
  if (!FORMATO_CHAVE_NFCOM.test(chave))
    return {
      valido: false,
      motivo: `A chave de acesso tem 44 posições (só o CNPJ pode ter letras); esta tem ${chave.length}.`,
    };
  const recusa = (motivo: string): LeituraChaveNfcom => ({ valido: false, motivo });
  const uf = chave.slice(0, 2);
  const [ano, mes] = [chave.slice(2, 4), chave.slice(4, 6)];
  const cnpj = chave.slice(6, 20);
  if (!UFS.has(uf)) return recusa(`Código de UF ${uf} não existe.`);
  if (Number(mes) < 1 || Number(mes) > 12) return recusa(`Mês de emissão ${mes} não existe.`);
  if (chave.slice(20, 22) !== MODELO_NFCOM)
    return recusa(`Modelo ${chave.slice(20, 22)} na chave: a NFCom é o modelo ${MODELO_NFCOM}.`);
  if (!cnpjValido(cnpj)) return recusa(`O CNPJ do emitente na chave (${cnpj}) não é válido.`);
  const dv = modulo11(chave.slice(0, 43)); // a mesma regra do DV do CNPJ
  if (dv !== Number(chave[43])) return recusa(`DV da chave é ${dv}, a chave traz ${chave[43]}.`);
  return {
    valido: true,
    nfcom: {
      chave,
      uf,
      emissao: `20${ano}-${mes}`,
      cnpj_emitente: cnpj,
      serie: chave.slice(22, 25),
      numero: chave.slice(25, 34),
    },
  };
};
