import {
  type LinhaLogRobo,
  nomeSala,
  SALA_TODAS,
  TIPOS_DE_SALA,
  type TipoSala,
} from '@orquestrador-rpa/contrato';

/** Salas do Socket.IO (o contrato em `tempo-real` do pacote): o painel assina as que os filtros pedem. */
export interface Sala {
  nome: string;
  tipo: TipoSala | typeof SALA_TODAS;
  id: string | null;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Lê e valida o nome de uma sala; lança com mensagem em português. */
export const lerSala = (nome: unknown): Sala => {
  if (nome === SALA_TODAS) return { nome, tipo: SALA_TODAS, id: null };
  const [tipo, id, ...resto] = typeof nome === 'string' ? nome.split(':') : [];
  if (!TIPOS_DE_SALA.includes(tipo as TipoSala) || !id || !ID.test(id) || resto.length) {
    throw new Error(
      `Sala "${String(nome)}" inválida: use todas, ${TIPOS_DE_SALA.map((t) => `${t}:<id>`).join(', ')}.`
    );
  }
  const sala = nomeSala(tipo as TipoSala, id);
  return { nome: sala, tipo: tipo as TipoSala, id: sala.slice(tipo!.length + 1) };
};

/** Salas que recebem uma linha de log (cada socket recebe a linha uma vez só). */
export const salasDaLinha = (linha: LinhaLogRobo, idCliente: string | null): string[] => [
  SALA_TODAS,
  nomeSala('execucao', linha.id_execucao),
  nomeSala('processo', linha.id_processo),
  nomeSala('operadora', linha.operadora_codigo),
  ...(idCliente ? [nomeSala('cliente', idCliente)] : []),
];
