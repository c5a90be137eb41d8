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
import {
  loginsAtuaisDosUsuarios,
  perfilAtualDoUsuario,
  type UsuarioComLogins,
} from '../workflow/perfil-atual';

export interface Destinatario {
  usuarioId: number;
  canal: CanalNotificacao;
  endereco: string;
}

export interface UsuarioNotificavel extends UsuarioComLogins {
  telefone: string | null;
  telegram_chat_id: string | null;
  slack_destino: string | null;
  canais_notificacao: unknown;
  eventos_notificacao: unknown;
}

const listaOu = <T>(valor: unknown, padrao: readonly T[]): readonly T[] =>
  Array.isArray(valor) ? (valor as T[]) : padrao;

/** Endereço de cada canal (null: a pessoa não informou; o canal é pulado para ela). */
export const endereco = (
  usuario: Pick<UsuarioNotificavel, 'email' | 'telefone' | 'telegram_chat_id' | 'slack_destino'>,
  canal: CanalNotificacao
): string | null => {
  if (canal === 'EMAIL') return usuario.email;
  if (canal === 'WHATSAPP') return usuario.telefone ? numeroWhatsapp(usuario.telefone) : null;
  if (canal === 'TELEGRAM') return usuario.telegram_chat_id?.trim() || null;
  return usuario.slack_destino?.trim() || '';
};

/** Os destinos da pessoa, nos canais que ela escolheu (padrão: e-mail). */
export const destinosDaPessoa = (usuario: UsuarioNotificavel): Destinatario[] =>
  listaOu<CanalNotificacao>(usuario.canais_notificacao, CANAIS_PADRAO).flatMap((canal) => {
    const destino = endereco(usuario, canal);
    return destino === null ? [] : [{ usuarioId: usuario.id, canal, endereco: destino }];
  });

/** Pessoas ativas com o perfil que os papéis de agora lhes dão (não a cópia do cadastro). */
export const pessoasComPerfilAtual = async (strapi: Core.Strapi) => {
  const usuarios = (await strapi.db.query(UID.USUARIO).findMany({
    where: { status_ativo: true },
    populate: { usuario_api: { select: ['id'] } },
    orderBy: { id: 'asc' },
  })) as UsuarioNotificavel[];
  const logins = await loginsAtuaisDosUsuarios(strapi, usuarios);
  return usuarios.map((usuario) => ({ usuario, perfil: perfilAtualDoUsuario(usuario, logins) }));
};

/**
 * Quem recebe um evento: pessoas ativas cujo perfil de agora pode recebê-lo e que o assinam (ou,
 * sem escolha, os padrões do perfil), em cada canal escolhido (padrão: e-mail). `extras`: ids de
 * pessoas que recebem mesmo sem o padrão do perfil (ex.: quem fez o upload da fatura rejeitada).
 */
export const destinatariosDoEvento = async (
  strapi: Core.Strapi,
  evento: EventoNotificacao,
  extras: { idsAdmin?: number[] } = {}
): Promise<Destinatario[]> => {
  const lista: Destinatario[] = [];
  for (const { usuario, perfil } of await pessoasComPerfilAtual(strapi)) {
    const eventos = listaOu<EventoNotificacao>(
      usuario.eventos_notificacao,
      EVENTOS_PADRAO_POR_PERFIL[perfil ?? ''] ?? []
    );
    const extra =
      usuario.id_usuario_admin !== null && (extras.idsAdmin ?? []).includes(usuario.id_usuario_admin);
    const pode = !!perfil && PERFIS_DO_EVENTO[evento].includes(perfil) && eventos.includes(evento);
    if (pode || extra) lista.push(...destinosDaPessoa(usuario));
  }
  return lista;
};
