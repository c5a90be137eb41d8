import type { Core } from '@strapi/strapi';
import { EstadoProcesso, SERVICO, UID, type EventoNotificacao } from '@orquestrador-rpa/contrato';
import { registrarAuditoria } from '../regras/auditoria';
import { segredoDosLinks } from './envio';
import { lerTokenDecisao } from './link-decisao';
import { lerProcessoParaMensagem } from './eventos-do-workflow';
import { linkDoProcesso, type DadosProcesso } from './mensagens';
import { configuracao } from '../configuracao';

/** Eventos cujo link permite decidir. */
const EVENTOS_COM_DECISAO = new Set<EventoNotificacao>(['AGUARDANDO_APROVACAO', 'VENCIMENTO_PROXIMO']);
const PERFIS_QUE_DECIDEM = new Set(['APROVADOR', 'ADMINISTRADOR']);

export class RecusaDoLink extends Error {
  constructor(
    readonly status: number,
    mensagem: string
  ) {
    super(mensagem);
  }
}

interface LinhaComLink {
  id: number;
  documentId: string;
  evento: EventoNotificacao | null;
  referencia: string | null;
  link_usado_em: string | null;
  processo: { documentId: string } | null;
  usuario: {
    id: number;
    nome_completo: string;
    perfil_usuario: string;
    status_ativo: boolean;
    id_usuario_admin: number | null;
  } | null;
}

export interface LinkConferido {
  linha: LinhaComLink;
  processo: DadosProcesso;
  pessoa: { nome: string; adminId: number };
}

const dataHora = (iso: string): string =>
  new Date(iso).toLocaleString('pt-BR', { timeZone: 'America/Sao_Paulo' });

/**
 * Confere um link de decisão sem mudar nada: assinatura, validade, uso único, a pessoa (ativa,
 * ainda aprovadora, com login no painel) e o processo (ainda aguardando, com a mesma fatura).
 */
export const conferirLink = async (strapi: Core.Strapi, token: string): Promise<LinkConferido> => {
  const leitura = lerTokenDecisao(token, segredoDosLinks(strapi));
  if (!leitura.valido) {
    if (leitura.motivo === 'VENCIDO')
      throw new RecusaDoLink(
        410,
        `Este link venceu (vale ${configuracao().notificacoes.linkDecisaoHoras} horas). Decida pelo painel.`
      );
    throw new RecusaDoLink(
      400,
      'Link inválido: ele foi alterado ou está incompleto. Use o link original da mensagem.'
    );
  }
  const linha = (await strapi.db.query(UID.NOTIFICACAO).findOne({
    where: { documentId: leitura.carga.notificacao },
    select: ['id', 'documentId', 'evento', 'referencia', 'link_usado_em'],
    populate: {
      processo: { select: ['documentId'] },
      usuario: { select: ['id', 'nome_completo', 'perfil_usuario', 'status_ativo', 'id_usuario_admin'] },
    },
  })) as LinhaComLink | null;
  if (!linha || !linha.evento || !EVENTOS_COM_DECISAO.has(linha.evento) || !linha.processo || !linha.usuario)
    throw new RecusaDoLink(400, 'Link inválido: ele não corresponde a nenhuma fatura aguardando decisão.');
  if (linha.link_usado_em)
    throw new RecusaDoLink(
      409,
      `Este link já foi usado em ${dataHora(linha.link_usado_em)}: cada link vale uma decisão.`
    );
  const usuario = linha.usuario;
  const admin = usuario.id_usuario_admin
    ? ((await strapi.db
        .query('admin::user')
        .findOne({ where: { id: usuario.id_usuario_admin }, select: ['id', 'isActive', 'blocked'] })) as {
        id: number;
        isActive: boolean;
        blocked: boolean;
      } | null)
    : null;
  if (
    !usuario.status_ativo ||
    !PERFIS_QUE_DECIDEM.has(usuario.perfil_usuario) ||
    !admin?.isActive ||
    admin.blocked
  )
    throw new RecusaDoLink(
      403,
      `Este link é de ${usuario.nome_completo}, que hoje não pode aprovar faturas (pessoa inativa, sem login no painel ou sem o perfil de aprovador).`
    );
  const processo = await lerProcessoParaMensagem(strapi, { documentId: linha.processo.documentId });
  if (!processo || processo.status_processo !== EstadoProcesso.AGUARDANDO_APROVACAO)
    throw new RecusaDoLink(
      409,
      `Esta fatura já não aguarda aprovação (situação atual: ${processo?.status_processo ?? 'processo removido'}). Nada foi alterado.`
    );
  if (linha.referencia && processo.hash_fatura !== linha.referencia)
    throw new RecusaDoLink(
      409,
      'A fatura mudou depois desta mensagem (o PDF não é o que foi avisado): analise a nova pelo painel. Nada foi alterado.'
    );
  return { linha, processo, pessoa: { nome: usuario.nome_completo, adminId: admin.id } };
};

interface EstadoPedido {
  state: Record<string, unknown>;
}

/**
 * Decide pelo link como a própria pessoa: o pedido passa a carregar o login dela no painel e a
 * decisão vai pelo mesmo serviço do painel (máquina de estados, quatro olhos, auditoria). O link é
 * marcado como usado antes (compare-and-set: dois cliques, uma decisão) e liberado se a decisão
 * for recusada, para a pessoa poder tentar de novo depois de resolver.
 */
export const decidirPeloLink = async (
  strapi: Core.Strapi,
  pedido: EstadoPedido,
  token: string,
  acao: 'aprovar' | 'rejeitar',
  observacoes: string | null
): Promise<{ status_processo: string; linkDoProcesso: string }> => {
  const { linha, processo, pessoa } = await conferirLink(strapi, token);
  if (acao === 'rejeitar' && !observacoes) throw new RecusaDoLink(400, 'Informe o motivo da rejeição.');
  const consulta = strapi.db.query(UID.NOTIFICACAO);
  const { count } = await consulta.updateMany({
    where: { id: linha.id, link_usado_em: { $null: true } },
    data: { link_usado_em: new Date() },
  });
  if (count !== 1) throw new RecusaDoLink(409, 'Este link acabou de ser usado: cada link vale uma decisão.');
  const usuarioAdmin = await strapi.db
    .query('admin::user')
    .findOne({ where: { id: pessoa.adminId }, populate: { roles: { select: ['code'] } } });
  pedido.state.user = usuarioAdmin;
  pedido.state.auth = { strategy: { name: 'admin' }, credentials: usuarioAdmin };
  try {
    const workflow = strapi.service(SERVICO.WORKFLOW) as unknown as Record<
      'aprovar' | 'rejeitar',
      (id: string, decisao: Record<string, unknown>) => Promise<{ status_processo: string }>
    >;
    const resultado = await workflow[acao](processo.documentId, {
      sha256_fatura: processo.hash_fatura,
      observacoes: observacoes ?? 'Aprovada pelo link da notificação.',
    });
    await registrarAuditoria(strapi, {
      acao: 'notificacao.link_usado',
      entidade: 'notificacao',
      id_entidade: linha.documentId,
      depois: { processo: processo.documentId, decisao: acao },
    });
    return {
      status_processo: resultado.status_processo,
      linkDoProcesso: linkDoProcesso(processo.documentId),
    };
  } catch (erro) {
    await consulta.updateMany({ where: { id: linha.id }, data: { link_usado_em: null } });
    const status = (erro as { status?: number }).status ?? 500;
    if (status >= 400 && status < 500) throw new RecusaDoLink(status, (erro as Error).message);
    strapi.log.error(`Decisão pelo link falhou: ${(erro as Error).message}`);
    throw new RecusaDoLink(500, 'Não foi possível registrar a decisão agora; tente de novo em instantes.');
  }
};
