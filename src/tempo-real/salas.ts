import type { LinhaLogRobo } from '../../worker-rpa/src/contrato/filas';

/**
 * Salas do Socket.IO: `todas`, `execucao:<documentId>`, `processo:<documentId>`,
 * `cliente:<documentId>` e `operadora:<código>`. O painel assina as que os filtros pedem.
 */
export const TIPOS_DE_SALA = ['execucao', 'processo', 'cliente', 'operadora'] as const;
export type TipoSala = (typeof TIPOS_DE_SALA)[number];

export interface Sala {
  nome: string;
  tipo: TipoSala | 'todas';
  id: string | null;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Lê e valida o nome de uma sala; lança com mensagem em português. */
export const lerSala = (nome: unknown): Sala => {
  if (nome === 'todas') return { nome, tipo: 'todas', id: null };
  const [tipo, id, ...resto] = typeof nome === 'string' ? nome.split(':') : [];
  if (!TIPOS_DE_SALA.includes(tipo as TipoSala) || !id || !ID.test(id) || resto.length) {
    throw new Error(`Sala "${String(nome)}" inválida: use todas, ${TIPOS_DE_SALA.map((t) => `${t}:<id>`).join(', ')}.`);
  }
  const normalizado = tipo === 'operadora' ? id.toUpperCase() : id;
  return { nome: `${tipo}:${normalizado}`, tipo: tipo as TipoSala, id: normalizado };
};

/** Salas que recebem uma linha de log (cada socket recebe a linha uma vez só). */
export const salasDaLinha = (linha: LinhaLogRobo, idCliente: string | null): string[] => [
  'todas',
  `execucao:${linha.id_execucao}`,
  `processo:${linha.id_processo}`,
  `operadora:${linha.operadora_codigo.toUpperCase()}`,
  ...(idCliente ? [`cliente:${idCliente}`] : []),
];
