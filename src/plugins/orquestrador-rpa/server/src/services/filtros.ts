import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/** Leitura e validação dos filtros de consulta das listas do painel (mensagens em português). */
export type Consulta = Record<string, unknown>;

const MES_ANO = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATA = /^\d{4}-\d{2}-\d{2}$/;

export const texto = (consulta: Consulta, campo: string): string | undefined => {
  const valor = consulta[campo];
  return typeof valor === 'string' && valor.trim() ? valor.trim() : undefined;
};

export const mesAno = (consulta: Consulta, campo = 'mes_ano'): string | undefined => {
  const valor = texto(consulta, campo);
  if (valor && !MES_ANO.test(valor)) throw new errors.ValidationError(`${campo} "${valor}" inválido: use AAAA-MM.`);
  return valor;
};

export const data = (consulta: Consulta, campo: string): string | undefined => {
  const valor = texto(consulta, campo);
  if (valor && (!DATA.test(valor) || Number.isNaN(Date.parse(valor)))) throw new errors.ValidationError(`${campo} "${valor}" inválido: use AAAA-MM-DD.`);
  return valor;
};

/** Valor de uma lista fechada (status, origem...), com a lista no erro. */
export const umDe = <T extends string>(consulta: Consulta, campo: string, permitidos: readonly T[]): T | undefined => {
  const valor = texto(consulta, campo)?.toUpperCase();
  if (valor && !permitidos.includes(valor as T)) throw new errors.ValidationError(`${campo} "${valor}" inválido: use ${permitidos.join(', ')}.`);
  return valor as T | undefined;
};

export interface Paginacao {
  pagina: number;
  por_pagina: number;
}

export const paginacao = (consulta: Consulta): Paginacao => ({
  pagina: Math.max(1, Number(consulta.pagina ?? 1) || 1),
  por_pagina: Math.min(100, Math.max(1, Number(consulta.por_pagina ?? 25) || 25)),
});

/** Termo para busca parcial sem diferenciar maiúsculas (mesmo SQL no PostgreSQL e no SQLite). */
export const termoBusca = (valor: string): string => `%${valor.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Valores permitidos de um atributo `enumeration`, lidos do schema do content type (uma fonte só). */
export const valoresDoEnum = (strapi: Core.Strapi, uid: string, atributo: string): readonly string[] =>
  ((strapi.contentType(uid as never) as unknown as { attributes: Record<string, { enum?: string[] }> }).attributes[atributo]?.enum ?? []);
