import type { Core } from '@strapi/strapi';
import {
  CANAIS_PADRAO,
  EVENTOS_PADRAO_POR_PERFIL,
  PERFIS_DO_EVENTO,
  UID,
  type CanalNotificacao,
  type EventoNotificacao,
} from '@orquestrador-rpa/contrato';
import { numeroWhatsapp } from './enderecos';

export interface Destinatario {
  usuarioId: number;
  canal: CanalNotificacao;
  endereco: string;
}

export interface UsuarioNotificavel {
  id: number;
  email: string;
  perfil_usuario: string;
  telefone: string | null;
  telegram_chat_id: string | null;
  slack_destino: string | null;
  canais_notificacao: unknown;
  eventos_notificacao: unknown;
  id_usuario_admin: number | null;
}

const listaOu = <T>(valor: unknown, padrao: readonly T[]): readonly T[] =>
  Array.isArray(valor) ? (valor as T[]) : padrao;

/** Endereço de cada canal (null: a pessoa não informou; o canal é pulado para ela). */
export const endereco = (usuario: UsuarioNotificavel, canal: CanalNotificacao): string | null => {
  if (canal === 'EMAIL') return usuario.email;
  if (canal === 'WHATSAPP') return usuario.telefone ? numeroWhatsapp(usuario.telefone) : null;
  if (canal === 'TELEGRAM') return usuario.telegram_chat_id?.trim() || null;
  return usuario.slack_destino?.trim() || '';
};

/**
 * Quem recebe um evento: pessoas ativas cujo perfil pode recebê-lo e que o assinam (ou, sem
 * escolha, os padrões do perfil), em cada canal escolhido (padrão: e-mail). `extras`: ids de
 * pessoas que recebem mesmo sem o padrão do perfil (ex.: quem fez o upload da fatura rejeitada).
 */
export const destinatariosDoEvento = async (
  strapi: Core.Strapi,
  evento: EventoNotificacao,
  extras: { idsAdmin?: number[] } = {}
): Promise<Destinatario[]> => {
  const usuarios = (await strapi.db.query(UID.USUARIO).findMany({
    where: { status_ativo: true },
    orderBy: { id: 'asc' },
  })) as UsuarioNotificavel[];
  const lista: Destinatario[] = [];
  for (const usuario of usuarios) {
    const eventos = listaOu<EventoNotificacao>(
      usuario.eventos_notificacao,
      EVENTOS_PADRAO_POR_PERFIL[usuario.perfil_usuario] ?? []
    );
    const extra =
      usuario.id_usuario_admin !== null && (extras.idsAdmin ?? []).includes(usuario.id_usuario_admin);
    const pode = PERFIS_DO_EVENTO[evento].includes(usuario.perfil_usuario) && eventos.includes(evento);
    if (!pode && !extra) continue;
    for (const canal of listaOu<CanalNotificacao>(usuario.canais_notificacao, CANAIS_PADRAO)) {
      const destino = endereco(usuario, canal);
      if (destino !== null) lista.push({ usuarioId: usuario.id, canal, endereco: destino });
    }
  }
  return lista;
};
