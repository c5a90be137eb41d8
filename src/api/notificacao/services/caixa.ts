import type { Core } from '@strapi/strapi';
import {
  StatusNotificacao,
  UID,
  type CanalNotificacao,
  type EstadoCanal,
  type ItemNotificacao,
  type Pagina,
} from '@orquestrador-rpa/contrato';
import {
  condicoesNotificacoes,
  lerFiltrosNotificacoes,
  type FiltrosNotificacoes,
} from '../../../consultas/filtros';
import { registrarAuditoria } from '../../../regras/auditoria';
import { erroConflito, erroValidacao } from '../../../regras/erros';
import { estadosDosCanais } from '../../../notificacoes/canais';
import { despacharNotificacoes, reconciliarNotificacoes } from '../../../notificacoes/fila';
import { registrarNotificacoes } from '../../../notificacoes/registro';
import { exigirPessoa } from '../../../workflow/pessoa';
import { CANAIS_NOTIFICACAO } from '@orquestrador-rpa/contrato';
import { endereco as enderecoDoCanal, type UsuarioNotificavel } from '../../../notificacoes/destinatarios';

type Dados = Record<string, unknown>;

const iso = (valor: unknown): string | null => (valor ? new Date(valor as string).toISOString() : null);

const item = (n: Dados): ItemNotificacao => {
  const processo = n.processo as Dados | null;
  return {
    documentId: n.documentId as string,
    evento: (n.evento as ItemNotificacao['evento']) ?? null,
    tipo_notificacao: n.tipo_notificacao as CanalNotificacao,
    destinatario: n.destinatario as string,
    assunto: (n.assunto as string | null) ?? null,
    status_envio: n.status_envio as ItemNotificacao['status_envio'],
    tentativas_envio: (n.tentativas_envio as number) ?? 0,
    data_envio: iso(n.data_envio),
    proxima_tentativa: iso(n.proxima_tentativa),
    mensagem_erro: (n.mensagem_erro as string | null) ?? null,
    createdAt: iso(n.createdAt)!,
    processo: processo
      ? { documentId: processo.documentId as string, mes_ano: processo.mes_ano as string }
      : null,
  };
};

/** Status que uma pessoa pode mandar de novo (ENVIADO não: já chegou). */
const REENVIAVEIS: readonly string[] = [StatusNotificacao.FALHOU, StatusNotificacao.CONFERIR];

/** Caixa de saída no painel: lista com filtros, reenvio manual, mensagem de teste e estado dos canais. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  lerFiltros: lerFiltrosNotificacoes,

  async listar({ pagina, por_pagina, ...filtros }: FiltrosNotificacoes): Promise<Pagina<ItemNotificacao>> {
    const { results, pagination } = await strapi.db.query(UID.NOTIFICACAO).findPage({
      where: condicoesNotificacoes(filtros),
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      page: pagina,
      pageSize: por_pagina,
      populate: { processo: { select: ['documentId', 'mes_ano'] } },
    });
    return { total: pagination.total, pagina, por_pagina, itens: (results as Dados[]).map(item) };
  },

  /** Publica de novo o que está pendente e passa a CONFERIR o que travou (o mesmo do reconciliador periódico). */
  reconciliar(): Promise<{ publicadas: number; conferir: number }> {
    return reconciliarNotificacoes(strapi);
  },

  canais(): EstadoCanal[] {
    return estadosDosCanais(strapi);
  },

  /** Volta uma mensagem FALHOU ou CONFERIR para a fila, com novas tentativas; auditado. */
  async reenviar(documentId: string): Promise<ItemNotificacao> {
    const consulta = strapi.db.query(UID.NOTIFICACAO);
    const atual = (await consulta.findOne({ where: { documentId } })) as Dados | null;
    if (!atual) throw erroValidacao('Notificação não encontrada.');
    const reenvios = ((atual.reenvios as number | null) ?? 0) + 1;
    const { count } = await consulta.updateMany({
      where: { documentId, status_envio: { $in: REENVIAVEIS } },
      data: {
        status_envio: StatusNotificacao.PENDENTE,
        tentativas_envio: 0,
        reenvios,
        proxima_tentativa: null,
        mensagem_erro: null,
      },
    });
    if (count !== 1)
      throw erroConflito(
        `Só se reenvia mensagem que falhou ou está a conferir (esta está ${String(atual.status_envio)}).`,
        { notificacao: documentId }
      );
    await registrarAuditoria(strapi, {
      acao: 'notificacao.reenviada',
      entidade: 'notificacao',
      id_entidade: documentId,
      antes: { status_envio: atual.status_envio, mensagem_erro: atual.mensagem_erro },
      depois: { status_envio: StatusNotificacao.PENDENTE, reenvios },
    });
    await despacharNotificacoes(strapi, [documentId], reenvios);
    const linha = (await consulta.findOne({
      where: { documentId },
      populate: { processo: { select: ['documentId', 'mes_ano'] } },
    })) as Dados;
    return item(linha);
  },

  /** Mensagem de teste para a própria pessoa num canal (o endereço vem do cadastro dela). */
  async testar(canalPedido: unknown): Promise<ItemNotificacao> {
    const canal = String(canalPedido ?? '').toUpperCase() as CanalNotificacao;
    if (!CANAIS_NOTIFICACAO.includes(canal))
      throw erroValidacao(
        `Canal "${String(canalPedido ?? '')}" inválido: use ${CANAIS_NOTIFICACAO.join(', ')}.`,
        [{ campo: 'canal', mensagem: 'Inválido.' }]
      );
    const pessoa = await exigirPessoa(strapi, 'O teste de canal');
    const usuario = (await strapi.db
      .query(UID.USUARIO)
      .findOne({ where: { id: pessoa.usuarioId } })) as UsuarioNotificavel;
    const endereco = enderecoDoCanal(usuario, canal);
    if (endereco === null)
      throw erroValidacao(
        `Seu cadastro não tem endereço para ${canal}: preencha-o em Usuário e tente de novo.`,
        [{ campo: 'canal', mensagem: 'Sem endereço.' }]
      );
    const [documentId] = await registrarNotificacoes(strapi, {
      evento: 'TESTE',
      marca: String(Date.now()),
      texto: {
        assunto: 'Mensagem de teste do Orquestrador RPA',
        texto: `Mensagem de teste do canal ${canal}, pedida por ${pessoa.email}. Se você a recebeu, o canal está funcionando.`,
      },
      destinatarios: [{ usuarioId: pessoa.usuarioId, canal, endereco }],
    });
    await despacharNotificacoes(strapi, [documentId]);
    const linha = (await strapi.db.query(UID.NOTIFICACAO).findOne({ where: { documentId } })) as Dados;
    return item(linha);
  },
});
