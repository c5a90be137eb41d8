import type { Core } from '@strapi/strapi';
import { auditarHashRecalculada, registrarAuditoria } from '../auditoria';
import { CAMPOS_PORTAL_CLIENTE, impedirExclusaoComProcessos, prepararCliente } from '../cliente';
import { erroConflito, erroProibido, ehViolacaoDeUnicidade } from '../erros';
import { impedirExclusaoComClientes, prepararOperadora, recalcularHashesDaOperadora } from '../operadora';
import { impedirExclusaoDeProcesso, prepararProcesso } from '../processo';
import { impedirExclusaoDeUsuario, prepararUsuario } from '../usuario';
import { prepararAgendamento } from '../agendamento';
import { UID } from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;
type Middleware = Parameters<Core.Strapi['documents']['use']>[0];
/** Recebe a entrada e o registro atual (null ao criar) e devolve os dados a gravar. */
type Preparador = (strapi: Core.Strapi, dados: Dados, existente: Dados | null) => Promise<Dados>;

interface Entidade {
  nome: string;
  preparar?: Preparador;
  /** Relações do registro atual de que a regra precisa (lido uma vez, serve à regra e à auditoria). */
  popular?: Record<string, unknown>;
  impedirExclusao?: (strapi: Core.Strapi, documentId: string) => Promise<void>;
  /** Campos que configuram o portal do robô (regra dos quatro olhos para faturas baixadas por robô). */
  camposPortal?: readonly string[];
}

const ENTIDADES: Record<string, Entidade> = {
  [UID.OPERADORA]: {
    nome: 'operadora',
    preparar: prepararOperadora,
    impedirExclusao: impedirExclusaoComClientes,
    camposPortal: ['url_portal', 'dominios_permitidos', 'configuracao_rpa', 'possui_rpa'],
  },
  [UID.CLIENTE]: {
    nome: 'cliente',
    preparar: prepararCliente,
    popular: { operadora: { select: ['id', 'documentId', 'nome', 'status_ativo'] } },
    impedirExclusao: impedirExclusaoComProcessos,
    camposPortal: CAMPOS_PORTAL_CLIENTE,
  },
  [UID.PROCESSO]: {
    nome: 'processo',
    preparar: prepararProcesso,
    popular: { cliente: { select: ['id', 'documentId'] } },
    impedirExclusao: impedirExclusaoDeProcesso,
  },
  [UID.NOTIFICACAO]: { nome: 'notificacao' },
  [UID.AGENDAMENTO]: { nome: 'agendamento', preparar: prepararAgendamento },
  [UID.USUARIO]: {
    nome: 'usuario',
    preparar: prepararUsuario,
    popular: { usuario_api: { select: ['id', 'documentId'] } },
    impedirExclusao: impedirExclusaoDeUsuario,
  },
};

const VERBOS: Record<string, string> = { create: 'criar', update: 'atualizar', delete: 'excluir' };
const SEM_RASCUNHO = new Set(['publish', 'unpublish', 'discardDraft']);

/** Campos de portal que a escrita mudou (na criação, os que vieram preenchidos). */
export const portalAlterado = (
  campos: readonly string[],
  antes: Dados | null,
  depois: Dados | null
): string[] =>
  campos.filter((campo) => {
    const novo = JSON.stringify(depois?.[campo] ?? null);
    return antes ? JSON.stringify(antes[campo] ?? null) !== novo : novo !== 'null' && novo !== 'false';
  });

/**
 * Regras do cadastro num só ponto de entrada (REST, GraphQL, Content Manager e chamadas internas):
 * regra, gravação e auditoria na mesma transação; violação de índice único vira 409 em português.
 */
export const cadastro =
  (strapi: Core.Strapi): Middleware =>
  async (contexto, next) => {
    const entidade = ENTIDADES[contexto.uid];
    if (entidade && SEM_RASCUNHO.has(contexto.action)) {
      throw erroProibido(
        `${entidade.nome}: não há rascunho nem publicação neste tipo; grave as mudanças diretamente.`
      );
    }
    const verbo = VERBOS[contexto.action];
    if (!entidade || !verbo) return next();
    const params = contexto.params as { data?: Dados; documentId?: string };
    const documentId = params.documentId;
    return strapi.db.transaction(async () => {
      const antes = documentId
        ? ((await strapi.db
            .query(contexto.uid)
            .findOne({ where: { documentId }, populate: entidade.popular })) as Dados | null)
        : null;
      if (contexto.action === 'delete' && documentId) await entidade.impedirExclusao?.(strapi, documentId);
      if (entidade.preparar && contexto.action !== 'delete')
        params.data = await entidade.preparar(strapi, params.data ?? {}, antes);
      let resultado: Awaited<ReturnType<typeof next>>;
      try {
        resultado = await next();
      } catch (erro) {
        if (ehViolacaoDeUnicidade(erro))
          throw erroConflito(
            `Registro duplicado em ${entidade.nome}: já existe outro com os mesmos dados únicos.`
          );
        throw erro;
      }
      const depois = (resultado ?? null) as Dados | null;
      const id = documentId ?? (depois?.documentId as string | undefined) ?? null;
      await registrarAuditoria(strapi, {
        acao: `${entidade.nome}.${verbo}`,
        entidade: entidade.nome,
        id_entidade: id,
        antes,
        depois: contexto.action === 'delete' ? null : depois,
      });
      const portal =
        entidade.camposPortal && contexto.action !== 'delete'
          ? portalAlterado(entidade.camposPortal, antes, depois)
          : [];
      if (portal.length) {
        await registrarAuditoria(strapi, {
          acao: `${entidade.nome}.portal_alterado`,
          entidade: entidade.nome,
          id_entidade: id,
          depois: { campos: portal },
        });
      }
      if (contexto.uid === UID.CLIENTE && antes && depois && antes.hash_unico !== depois.hash_unico) {
        await auditarHashRecalculada(strapi, documentId!, antes.hash_unico, depois.hash_unico);
      }
      if (contexto.uid === UID.OPERADORA && antes && depois && antes.nome !== depois.nome && documentId) {
        await recalcularHashesDaOperadora(strapi, documentId);
      }
      return resultado;
    });
  };
