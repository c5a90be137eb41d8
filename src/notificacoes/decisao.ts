import type { Core } from '@strapi/strapi';
import { EstadoProcesso, SERVICO, UID, type EventoNotificacao } from '@orquestrador-rpa/contrato';
import { registrarAuditoria } from '../regras/auditoria';
import { lerTokenDecisao, segredoDosLinks } from './link-decisao';
import { lerProcessoParaMensagem } from './eventos-do-workflow';
import { linkDoProcesso, type DadosProcesso } from './mensagens';
import { configuracao } from '../configuracao';
import { destinoPessoal } from './enderecos';
import { exigirSemCarencia } from '../workflow/carencia';
import {
  loginQueDecide,
  loginsAtuaisDosUsuarios,
  type LoginAtual,
  type UsuarioComLogins,
} from '../workflow/perfil-atual';

/** Eventos cujo link permite decidir. */
export const EVENTOS_COM_DECISAO: ReadonlySet<EventoNotificacao> = new Set<EventoNotificacao>([
  'AGUARDANDO_APROVACAO',
  'VENCIMENTO_PROXIMO',
]);

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
  tipo_notificacao: string;
  destinatario: string;
  referencia: string | null;
  link_usado_em: string | null;
  processo: { documentId: string } | null;
  usuario: (UsuarioComLogins & { nome_completo: string }) | null;
}

export interface LinkConferido {
  linha: LinhaComLink;
  processo: DadosProcesso;
  pessoa: { nome: string; login: LoginAtual };
}

const dataHora = (iso: string): string =>
  new Date(iso).toLocaleString('pt-BR', { timeZone: 'America/Sao_Paulo' });

const CAMPOS_DA_PESSOA = {
  select: ['id', 'nome_completo', 'email', 'perfil_usuario', 'status_ativo', 'id_usuario_admin'],
  populate: { usuario_api: { select: ['id'] } },
};

/**
 * Por qual login a pessoa da notificação decide agora — papel de hoje, conta ativa, mesmo e-mail,
 * fora da carência — e se o destino é pessoal; senão, o motivo (403).
 */
const loginQueDecideAgora = async (
  strapi: Core.Strapi,
  linha: Pick<LinhaComLink, 'usuario' | 'tipo_notificacao' | 'destinatario'>
): Promise<LoginAtual> => {
  const usuario = linha.usuario;
  if (!usuario) throw new RecusaDoLink(400, 'Link inválido: ele não corresponde a nenhuma pessoa.');
  // Slack só pelo webhook posta no canal fixo dele, seja qual for o destino gravado.
  const semBotDoSlack = linha.tipo_notificacao === 'SLACK' && !configuracao().canais.slack.token;
  if (semBotDoSlack || !destinoPessoal(linha.tipo_notificacao, linha.destinatario))
    throw new RecusaDoLink(
      403,
      'Esta mensagem foi para um destino compartilhado (grupo ou canal): decida pelo painel, com o seu login.'
    );
  const login = loginQueDecide(usuario, await loginsAtuaisDosUsuarios(strapi, [usuario]));
  if (!login)
    throw new RecusaDoLink(
      403,
      `Este link é de ${usuario.nome_completo}, que hoje não pode aprovar faturas (pessoa inativa, sem o perfil de aprovador no login ou com um login de outro e-mail).`
    );
  try {
    await exigirSemCarencia(strapi, { identidade: `${login.origem}:${login.id}` });
  } catch (erro) {
    throw new RecusaDoLink(403, (erro as Error).message);
  }
  return login;
};

/** A mensagem pode levar o link que decide? (na hora do envio: destino pessoal e pessoa que decide hoje). */
export const levaLinkDeDecisao = async (strapi: Core.Strapi, notificacao: string): Promise<boolean> => {
  const linha = (await strapi.db.query(UID.NOTIFICACAO).findOne({
    where: { documentId: notificacao },
    select: ['tipo_notificacao', 'destinatario'],
    populate: { usuario: CAMPOS_DA_PESSOA },
  })) as LinhaComLink | null;
  if (!linha) return false;
  try {
    await loginQueDecideAgora(strapi, linha);
    return true;
  } catch (erro) {
    if (erro instanceof RecusaDoLink) return false;
    throw erro;
  }
};

/**
 * Confere um link de decisão sem mudar nada: assinatura, validade, uso único, o destino (pessoal),
 * a pessoa (o login de hoje, que decide) e o processo (ainda aguardando, com a mesma fatura).
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
    select: ['id', 'documentId', 'evento', 'tipo_notificacao', 'destinatario', 'referencia', 'link_usado_em'],
    populate: { processo: { select: ['documentId'] }, usuario: CAMPOS_DA_PESSOA },
  })) as LinhaComLink | null;
  if (!linha || !linha.evento || !EVENTOS_COM_DECISAO.has(linha.evento) || !linha.processo || !linha.usuario)
    throw new RecusaDoLink(400, 'Link inválido: ele não corresponde a nenhuma fatura aguardando decisão.');
  if (linha.link_usado_em)
    throw new RecusaDoLink(
      409,
      `Este link já foi usado em ${dataHora(linha.link_usado_em)}: cada link vale uma decisão.`
    );
  const login = await loginQueDecideAgora(strapi, linha);
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
  return { linha, processo, pessoa: { nome: linha.usuario.nome_completo, login } };
};

/** O login da pessoa, como a requisição de decisão passa a carregá-lo (painel ou integrador). */
const credencialDoLogin = async (strapi: Core.Strapi, login: LoginAtual) =>
  login.origem === 'PAINEL'
    ? {
        user: await strapi.db
          .query('admin::user')
          .findOne({ where: { id: login.id }, populate: { roles: { select: ['code'] } } }),
        estrategia: 'admin',
      }
    : {
        user: await strapi.db
          .query('plugin::users-permissions.user')
          .findOne({ where: { id: login.id }, populate: { role: { select: ['type'] } } }),
        estrategia: 'users-permissions',
      };

interface EstadoPedido {
  state: Record<string, unknown>;
}

/**
 * Decide pelo link como a própria pessoa: o pedido passa a carregar o login dela (painel ou API) e a
 * decisão vai pelo mesmo serviço do painel (máquina de estados, quatro olhos, auditoria). O link é
 * marcado como usado antes (compare-and-set: dois cliques, uma decisão) e liberado se a decisão
 * for recusada, para a pessoa poder tentar de novo depois de resolver.
 */
export const decidirPeloLink = async (
  strapi: Core.Strapi,
  pedido: EstadoPedido,
  token: string,
  decisao: { acao: 'aprovar' | 'rejeitar'; observacoes: string | null; sha256: string | null }
): Promise<{ status_processo: string; linkDoProcesso: string }> => {
  const { acao, observacoes } = decisao;
  const { linha, processo, pessoa } = await conferirLink(strapi, token);
  if (acao === 'rejeitar' && !observacoes) throw new RecusaDoLink(400, 'Informe o motivo da rejeição.');
  // A decisão vale para o PDF que a página mostrou: o sha256 vem do formulário, não do banco.
  if (!decisao.sha256 || decisao.sha256 !== processo.hash_fatura)
    throw new RecusaDoLink(
      409,
      'A fatura mudou depois que esta página foi aberta (o PDF não é o que você viu): abra o link de novo. Nada foi alterado.'
    );
  const consulta = strapi.db.query(UID.NOTIFICACAO);
  const { count } = await consulta.updateMany({
    where: { id: linha.id, link_usado_em: { $null: true } },
    data: { link_usado_em: new Date() },
  });
  if (count !== 1) throw new RecusaDoLink(409, 'Este link acabou de ser usado: cada link vale uma decisão.');
  const credencial = await credencialDoLogin(strapi, pessoa.login);
  let resultado: { status_processo: string };
  try {
    if (!credencial.user)
      throw new RecusaDoLink(409, 'O login desta pessoa acabou de ser removido. Nada foi alterado.');
    pedido.state.user = credencial.user;
    pedido.state.auth = { strategy: { name: credencial.estrategia }, credentials: credencial.user };
    const workflow = strapi.service(SERVICO.WORKFLOW) as unknown as Record<
      'aprovar' | 'rejeitar',
      (id: string, decisao: Record<string, unknown>) => Promise<{ status_processo: string }>
    >;
    // No link, o que a pessoa escreveu é também a justificativa diante de um achado bloqueante.
    resultado = await workflow[acao](processo.documentId, {
      sha256_fatura: decisao.sha256,
      observacoes: observacoes ?? 'Aprovada pelo link da notificação.',
      justificativa: observacoes,
    });
  } catch (erro) {
    await consulta.updateMany({ where: { id: linha.id }, data: { link_usado_em: null } });
    if (erro instanceof RecusaDoLink) throw erro;
    const status = (erro as { status?: number }).status ?? 500;
    if (status >= 400 && status < 500) throw new RecusaDoLink(status, (erro as Error).message);
    strapi.log.error(`Decisão pelo link falhou: ${(erro as Error).message}`);
    throw new RecusaDoLink(500, 'Não foi possível registrar a decisão agora; tente de novo em instantes.');
  }
  // A decisão já valeu: uma falha ao anotar o uso do link não a desfaz nem a anuncia como falha.
  await registrarAuditoria(strapi, {
    acao: 'notificacao.link_usado',
    entidade: 'notificacao',
    id_entidade: linha.documentId,
    depois: { processo: processo.documentId, decisao: acao },
  }).catch((erro: Error) => strapi.log.warn(`Uso do link não anotado na auditoria: ${erro.message}`));
  return { status_processo: resultado.status_processo, linkDoProcesso: linkDoProcesso(processo.documentId) };
};
