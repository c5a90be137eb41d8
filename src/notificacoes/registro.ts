import type { Core } from '@strapi/strapi';
import { StatusNotificacao, UID, type EventoNotificacao } from '@orquestrador-rpa/contrato';
import { ehViolacaoDeUnicidade } from '../regras/erros';
import { DESTINO_WEBHOOK_SLACK } from './canais/slack';
import { destinatariosDoEvento, type Destinatario } from './destinatarios';
import type { DadosProcesso, TextoNotificacao } from './mensagens';

export interface EventoParaRegistrar {
  evento: EventoNotificacao;
  texto: TextoNotificacao;
  /** Distingue ocorrências do mesmo evento (instante da transição, dia do aviso...). */
  marca: string;
  processo?: DadosProcesso | null;
  /** Pessoas (id do admin) que recebem mesmo fora do padrão do perfil. */
  idsAdmin?: number[];
  /** Só estes destinatários (mensagem de teste); sem isto, os do evento. */
  destinatarios?: Destinatario[];
}

/** Chave de idempotência: evento + processo + ocorrência + pessoa + canal. */
export const chaveDaNotificacao = (evento: EventoParaRegistrar, destino: Destinatario): string =>
  [evento.evento, evento.processo?.documentId ?? '-', evento.marca, destino.usuarioId, destino.canal].join(
    ':'
  );

/**
 * Grava na caixa de saída uma linha PENDENTE por pessoa e canal. Chamado dentro da transação da
 * mudança de estado (a mensagem existe se, e só se, a mudança existe); a chave única impede
 * duplicar quando o mesmo evento é registrado de novo. Devolve os documentIds criados.
 */
export const registrarNotificacoes = async (
  strapi: Core.Strapi,
  evento: EventoParaRegistrar
): Promise<string[]> => {
  const consulta = strapi.db.query(UID.NOTIFICACAO);
  const destinos =
    evento.destinatarios ??
    (await destinatariosDoEvento(strapi, evento.evento, { idsAdmin: evento.idsAdmin }));
  const criadas: string[] = [];
  for (const destino of destinos) {
    const chave = chaveDaNotificacao(evento, destino);
    if (await consulta.findOne({ where: { chave_idempotencia: chave }, select: ['id'] })) continue;
    try {
      const linha = (await consulta.create({
        data: {
          evento: evento.evento,
          tipo_notificacao: destino.canal,
          destinatario: destino.endereco || DESTINO_WEBHOOK_SLACK,
          assunto: evento.texto.assunto.slice(0, 255),
          mensagem: evento.texto.texto,
          status_envio: StatusNotificacao.PENDENTE,
          tentativas_envio: 0,
          chave_idempotencia: chave,
          referencia: evento.processo?.hash_fatura ?? null,
          processo: evento.processo?.id ?? null,
          usuario: destino.usuarioId,
          publishedAt: new Date(),
        },
        select: ['documentId'],
      })) as { documentId: string };
      criadas.push(linha.documentId);
    } catch (erro) {
      // Outra instância gravou a mesma chave ao mesmo tempo (avisos agendados): já está na caixa.
      if (!ehViolacaoDeUnicidade(erro)) throw erro;
    }
  }
  return criadas;
};
