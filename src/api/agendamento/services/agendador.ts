import type { Core } from '@strapi/strapi';
import {
  UID,
  type ItemAgendamento,
  type ItemDisparo,
  type Pagina,
  FUSO_PADRAO_AGENDAMENTO,
} from '@orquestrador-rpa/contrato';
import { problemaDaExpressao, problemaDoFuso, proximasExecucoes } from '../../../agendamentos/calendario';
import { reivindicarEExecutar, type Agendamento, type DisparoFeito } from '../../../agendamentos/disparos';
import { erroValidacao } from '../../../regras/erros';
import { registrarAuditoria } from '../../../regras/auditoria';

type Dados = Record<string, unknown>;

const iso = (valor: unknown): string | null => (valor ? new Date(valor as string).toISOString() : null);

const item = (a: Dados): ItemAgendamento => ({
  documentId: a.documentId as string,
  nome_agendamento: a.nome_agendamento as string,
  tipo_agendamento: a.tipo_agendamento as ItemAgendamento['tipo_agendamento'],
  cron_expressao: a.cron_expressao as string,
  fuso_horario: a.fuso_horario as string,
  status_ativo: !!a.status_ativo,
  politica_atraso: (a.politica_atraso as ItemAgendamento['politica_atraso']) ?? 'EXECUTAR_UMA_VEZ',
  proxima_execucao: iso(a.proxima_execucao),
  ultima_execucao: iso(a.ultima_execucao),
  ultimo_status: (a.ultimo_status as ItemAgendamento['ultimo_status']) ?? null,
  ultimo_resultado: (a.ultimo_resultado as string | null) ?? null,
});

const disparo = (d: Dados): ItemDisparo => ({
  documentId: d.documentId as string,
  instante_programado: iso(d.instante_programado)!,
  origem: d.origem as ItemDisparo['origem'],
  status: d.status as ItemDisparo['status'],
  inicio: iso(d.inicio),
  duracao_ms: (d.duracao_ms as number | null) ?? null,
  instancia: (d.instancia as string) ?? '',
  resultado: (d.resultado as string | null) ?? null,
  erro: (d.erro as string | null) ?? null,
});

/** Agendamentos no painel: lista, prévia das próximas execuções, histórico, ativar/pausar e executar agora. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const buscar = async (documentId: string): Promise<Agendamento> => {
    const agendamento = (await strapi.db
      .query(UID.AGENDAMENTO)
      .findOne({ where: { documentId } })) as Agendamento | null;
    if (!agendamento) throw erroValidacao('Agendamento não encontrado.');
    return agendamento;
  };

  return {
    async listar(): Promise<ItemAgendamento[]> {
      const linhas = (await strapi.db
        .query(UID.AGENDAMENTO)
        .findMany({ orderBy: [{ nome_agendamento: 'asc' }, { id: 'asc' }] })) as Dados[];
      return linhas.map(item);
    },

    /** As próximas 5 execuções de uma expressão num fuso (antes de salvar), ou 400 em português. */
    previa(consulta: Dados): { proximas: string[] } {
      const expressao = String(consulta.cron ?? '').trim();
      const fuso = String(consulta.fuso ?? FUSO_PADRAO_AGENDAMENTO).trim();
      const problema = expressao ? problemaDaExpressao(expressao) : 'Informe a expressão cron em "cron".';
      if (problema) throw erroValidacao(problema, [{ campo: 'cron', mensagem: problema }]);
      const problemaFuso = problemaDoFuso(fuso);
      if (problemaFuso) throw erroValidacao(problemaFuso, [{ campo: 'fuso', mensagem: 'Fuso inexistente.' }]);
      return { proximas: proximasExecucoes(expressao, fuso, 5).map((d) => d.toISOString()) };
    },

    async disparos(documentId: string, consulta: Dados): Promise<Pagina<ItemDisparo>> {
      const agendamento = await buscar(documentId);
      const pagina = Math.max(1, Math.floor(Number(consulta.pagina) || 1));
      const porPagina = Math.min(100, Math.max(1, Math.floor(Number(consulta.por_pagina) || 20)));
      const { results, pagination } = await strapi.db.query(UID.DISPARO_AGENDAMENTO).findPage({
        where: { agendamento: { id: agendamento.id } },
        orderBy: [{ instante_programado: 'desc' }, { id: 'desc' }],
        page: pagina,
        pageSize: porPagina,
      });
      return {
        total: pagination.total,
        pagina,
        por_pagina: porPagina,
        itens: (results as Dados[]).map(disparo),
      };
    },

    /** Ativa ou pausa pelo Document Service: mesmas regras, auditoria e aviso às outras instâncias. */
    async ativar(documentId: string, ativo: unknown): Promise<ItemAgendamento> {
      if (typeof ativo !== 'boolean')
        throw erroValidacao('Informe "ativo": true para ativar ou false para pausar.', [
          { campo: 'ativo', mensagem: 'true ou false.' },
        ]);
      await buscar(documentId);
      await strapi.documents(UID.AGENDAMENTO).update({ documentId, data: { status_ativo: ativo } as never });
      return item((await strapi.db.query(UID.AGENDAMENTO).findOne({ where: { documentId } })) as Dados);
    },

    /** "Executar agora": o mesmo caminho do relógio (linha única no histórico), com origem MANUAL e auditado. */
    async executarAgora(documentId: string): Promise<DisparoFeito> {
      const agendamento = await buscar(documentId);
      await registrarAuditoria(strapi, {
        acao: 'agendamento.executar_agora',
        entidade: 'agendamento',
        id_entidade: documentId,
        depois: { nome: agendamento.nome_agendamento, tipo: agendamento.tipo_agendamento },
      });
      return (await reivindicarEExecutar(strapi, agendamento, new Date(), 'MANUAL'))!;
    },
  };
};
