import { erroProibido } from '../erros';
import type { Core } from '@strapi/strapi';
import { UID } from '@orquestrador-rpa/contrato';

/** Tipos que só o próprio sistema escreve (pela camada de banco), com o motivo para quem tentar. */
export const SOMENTE_SISTEMA: Readonly<Record<string, string>> = {
  [UID.AUDITORIA]:
    'A trilha de auditoria é somente-anexação: registros não podem ser criados, alterados ou excluídos por aqui.',
  [UID.EXECUCAO]:
    'Execuções são registradas pelo workflow e pelos robôs: não podem ser criadas, alteradas ou excluídas por aqui.',
  [UID.NOTIFICACAO]:
    'A caixa de saída das notificações é escrita pelo sistema: para mandar de novo, use o reenvio na página Notificações.',
  [UID.DISPARO_AGENDAMENTO]:
    'O histórico dos agendamentos é escrito pelo agendador: para disparar, use "Executar agora" na página Agendamentos.',
  [UID.MENSAGEM_EMAIL]:
    'As mensagens de e-mail são registradas pelo robô da caixa de entrada: não podem ser criadas, alteradas ou excluídas por aqui.',
  [UID.ARQUIVO]:
    'Arquivos privados (faturas e capturas) só são gravados pelo workflow e lidos pelas rotas autenticadas.',
};

/** Toda ação que grava, inclusive as do Content Manager (`clone`, `publish`, `discardDraft`...). */
export const ESCRITAS = new Set([
  'create',
  'update',
  'delete',
  'clone',
  'publish',
  'unpublish',
  'discardDraft',
]);

type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

/** Recusa qualquer escrita nos tipos somente-sistema, por qualquer porta. */
export const somenteSistema: Middleware = async (contexto, next) => {
  const motivo = SOMENTE_SISTEMA[contexto.uid];
  if (motivo && ESCRITAS.has(contexto.action)) throw erroProibido(motivo);
  // Arquivos privados também não se leem pelo Document Service: só pelas rotas que conferem a permissão.
  if (contexto.uid === UID.ARQUIVO) throw erroProibido(motivo);
  return next();
};
