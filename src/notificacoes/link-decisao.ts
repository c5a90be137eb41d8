import { createHmac, timingSafeEqual } from 'crypto';
import type { Core } from '@strapi/strapi';

/**
 * Link de decisão assinado: `<carga>.<assinatura>`, carga = base64url de {n: notificação,
 * e: expira em (s)}. A assinatura é HMAC-SHA256 com uma chave derivada de APP_KEYS; o uso único
 * fica no banco (`link_usado_em` da notificação), a pessoa e o processo vêm da própria notificação.
 */
export interface CargaLink {
  notificacao: string;
  expiraEm: number;
}

const chave = (segredo: string): Buffer => createHmac('sha256', segredo).update('link-de-decisao').digest();

const assinar = (carga: string, segredo: string): string =>
  createHmac('sha256', chave(segredo)).update(carga).digest('base64url');

export const gerarTokenDecisao = (carga: CargaLink, segredo: string): string => {
  const codificada = Buffer.from(JSON.stringify({ n: carga.notificacao, e: carga.expiraEm })).toString(
    'base64url'
  );
  return `${codificada}.${assinar(codificada, segredo)}`;
};

export type LeituraLink =
  { valido: true; carga: CargaLink } | { valido: false; motivo: 'ADULTERADO' | 'VENCIDO' };

/** Confere assinatura (tempo constante) e validade; nada do banco ainda. */
export const lerTokenDecisao = (token: string, segredo: string, agora = Date.now()): LeituraLink => {
  const [codificada, assinatura, ...resto] = token.split('.');
  if (!codificada || !assinatura || resto.length) return { valido: false, motivo: 'ADULTERADO' };
  const esperada = Buffer.from(assinar(codificada, segredo));
  const recebida = Buffer.from(assinatura);
  if (esperada.length !== recebida.length || !timingSafeEqual(esperada, recebida))
    return { valido: false, motivo: 'ADULTERADO' };
  let bruta: { n?: unknown; e?: unknown };
  try {
    bruta = JSON.parse(Buffer.from(codificada, 'base64url').toString('utf8')) as typeof bruta;
  } catch {
    return { valido: false, motivo: 'ADULTERADO' };
  }
  if (typeof bruta.n !== 'string' || typeof bruta.e !== 'number')
    return { valido: false, motivo: 'ADULTERADO' };
  if (bruta.e * 1000 < agora) return { valido: false, motivo: 'VENCIDO' };
  return { valido: true, carga: { notificacao: bruta.n, expiraEm: bruta.e } };
};

/** Segredo dos links de decisão: a primeira das APP_KEYS do Strapi. */
export const segredoDosLinks = (strapi: Core.Strapi): string =>
  String((strapi.config.get('server.app.keys') as string[])[0]);
