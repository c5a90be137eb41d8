import type { Core } from '@strapi/strapi';
import { erroConflito, exigirSemErros, type ErroDeCampo } from './erros';
import { lerAlvoRelacao } from './relacoes';
import { CANAIS_NOTIFICACAO, EVENTOS_ASSINAVEIS, UID } from '@orquestrador-rpa/contrato';
import { numeroWhatsapp } from '../notificacoes/enderecos';

type Dados = Record<string, unknown>;

/** Quantas execuções e aprovações apontam para este registro de usuário. */
const referencias = async (
  strapi: Core.Strapi,
  id: number
): Promise<{ execucoes: number; aprovacoes: number }> => ({
  execucoes: await strapi.db.query(UID.EXECUCAO).count({ where: { executado_por_usuario: { id } } }),
  aprovacoes: await strapi.db.query(UID.PROCESSO).count({ where: { aprovado_por_usuario: { id } } }),
});

const descrever = ({ execucoes, aprovacoes }: { execucoes: number; aprovacoes: number }): string =>
  `aparece em ${execucoes} execução(ões) e ${aprovacoes} aprovação(ões)`;

/**
 * Um usuário que já aparece no histórico não troca de e-mail nem de login vinculado (o histórico
 * passaria a apontar para outra pessoa); para mudar, inative-o e crie outro.
 */
export const prepararUsuario = async (
  strapi: Core.Strapi,
  entrada: Dados,
  existente: Dados | null
): Promise<Dados> => {
  const dados: Dados = { ...entrada };
  conferirPreferencias({ ...existente, ...dados });
  if (!existente) return dados;
  const mudou = (campo: string): boolean => {
    if (!(campo in dados)) return false;
    if (campo === 'usuario_api') {
      const alvo = lerAlvoRelacao(dados.usuario_api);
      const atual = existente.usuario_api as Dados | null | undefined;
      return alvo.tipo === 'removida'
        ? !!atual
        : alvo.tipo === 'definida' &&
            !(atual && (alvo.id === atual.id || alvo.documentId === atual.documentId));
    }
    return String(dados[campo] ?? '').toLowerCase() !== String(existente[campo] ?? '').toLowerCase();
  };
  const alterados = ['email', 'id_usuario_admin', 'usuario_api'].filter(mudou);
  if (!alterados.length) return dados;
  const refs = await referencias(strapi, existente.id as number);
  if (refs.execucoes + refs.aprovacoes === 0) return dados;
  const problemas: ErroDeCampo[] = alterados.map((campo) => ({
    campo,
    mensagem: `Este usuário ${descrever(refs)}: ${campo === 'email' ? 'o e-mail' : 'o login vinculado'} não muda (inative-o e crie outro usuário).`,
  }));
  exigirSemErros(problemas);
  return dados;
};

/** Usuário referenciado pelo histórico não é apagado (inativá-lo mantém o histórico legível). */
export const impedirExclusaoDeUsuario = async (strapi: Core.Strapi, documentId: string): Promise<void> => {
  const usuario = (await strapi.db
    .query(UID.USUARIO)
    .findOne({ where: { documentId }, select: ['id', 'email'] })) as Dados | null;
  if (!usuario) return;
  const refs = await referencias(strapi, usuario.id as number);
  if (refs.execucoes + refs.aprovacoes > 0) {
    throw erroConflito(
      `O usuário ${String(usuario.email)} ${descrever(refs)} e não pode ser excluído; inative-o em vez disso.`,
      { ...refs }
    );
  }
};

const lista = (valor: unknown): unknown[] | null =>
  valor === null || valor === undefined ? null : Array.isArray(valor) ? valor : [valor];

/**
 * Preferências de notificação coerentes: canais e eventos conhecidos, e o endereço de cada canal
 * escolhido (WhatsApp pede telefone brasileiro, Telegram o chat id, Slack um canal ou usuário).
 */
export const conferirPreferencias = (usuario: Dados): void => {
  const problemas: ErroDeCampo[] = [];
  const canais = lista(usuario.canais_notificacao);
  const eventos = lista(usuario.eventos_notificacao);
  const desconhecidos = (valores: unknown[] | null, validos: readonly string[]) =>
    (valores ?? []).filter((v) => typeof v !== 'string' || !validos.includes(v)).map(String);
  const canaisRuins = desconhecidos(canais, CANAIS_NOTIFICACAO);
  if (canaisRuins.length)
    problemas.push({
      campo: 'canais_notificacao',
      mensagem: `Canal desconhecido: ${canaisRuins.join(', ')} (use uma lista com ${CANAIS_NOTIFICACAO.join(', ')}).`,
    });
  const eventosRuins = desconhecidos(eventos, EVENTOS_ASSINAVEIS);
  if (eventosRuins.length)
    problemas.push({
      campo: 'eventos_notificacao',
      mensagem: `Evento desconhecido: ${eventosRuins.join(', ')} (use uma lista com ${EVENTOS_ASSINAVEIS.join(', ')}).`,
    });
  const escolheu = (canal: string) => (canais ?? []).includes(canal);
  if (usuario.telefone && !numeroWhatsapp(String(usuario.telefone)))
    problemas.push({
      campo: 'telefone',
      mensagem: 'Telefone inválido: use DDD + número (ex.: 11 91234-5678), com ou sem o 55.',
    });
  if (escolheu('WHATSAPP') && !usuario.telefone)
    problemas.push({ campo: 'telefone', mensagem: 'Para receber pelo WhatsApp, informe o telefone.' });
  const chat = usuario.telegram_chat_id ? String(usuario.telegram_chat_id).trim() : '';
  if (chat && !/^(-?\d{1,20}|@[A-Za-z]\w{3,31})$/.test(chat))
    problemas.push({
      campo: 'telegram_chat_id',
      mensagem: 'Chat do Telegram inválido: use o número do chat (ex.: 123456789) ou @canal.',
    });
  if (escolheu('TELEGRAM') && !chat)
    problemas.push({ campo: 'telegram_chat_id', mensagem: 'Para receber pelo Telegram, informe o chat id.' });
  const slack = usuario.slack_destino ? String(usuario.slack_destino).trim() : '';
  if (slack && !/^([CGDUW][A-Z0-9]{6,}|#[a-z0-9._-]{1,80})$/.test(slack))
    problemas.push({
      campo: 'slack_destino',
      mensagem: 'Destino do Slack inválido: use o id do canal ou usuário (C…, U…) ou #nome-do-canal.',
    });
  exigirSemErros(problemas);
};
