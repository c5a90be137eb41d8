import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { auditarHashRecalculada, registrarAuditoria } from './auditoria';
import { mascararSenha, prepararCliente, UID_CLIENTE, UID_OPERADORA } from './cliente';
import { erroConflito, ehViolacaoDeUnicidade } from './erros';
import { impedirExclusaoComClientes, prepararOperadora, recalcularHashesDaOperadora } from './operadora';
import { UID_EXECUCAO } from '../workflow/consultas';
import { impedirExclusaoDeProcesso, prepararProcesso, UID_PROCESSO } from './processo';

type Dados = Record<string, unknown>;
/** Recebe a entrada e o registro atual (null ao criar) e devolve os dados a gravar. */
type Preparador = (strapi: Core.Strapi, dados: Dados, existente: Dados | null) => Promise<Dados>;

export const UID_AUDITORIA = 'api::auditoria.auditoria';

/** Tipos que só o próprio sistema escreve (pela camada de banco), com o motivo para quem tentar. */
const SOMENTE_SISTEMA: Record<string, string> = {
  [UID_AUDITORIA]: 'A trilha de auditoria é somente-anexação: registros não podem ser criados, alterados ou excluídos por aqui.',
  [UID_EXECUCAO]: 'Execuções são registradas pelo workflow e pelos robôs: não podem ser criadas, alteradas ou excluídas por aqui.',
};

/**
 * Entidades auditadas; quando houver, a regra que prepara/valida os dados e as relações do registro
 * atual de que ela precisa (lido uma vez, serve à regra e à auditoria).
 */
const ENTIDADES: Record<string, { nome: string; preparar?: Preparador; popular?: Record<string, unknown> }> = {
  [UID_OPERADORA]: { nome: 'operadora', preparar: prepararOperadora },
  [UID_CLIENTE]: { nome: 'cliente', preparar: prepararCliente, popular: { operadora: { select: ['id', 'documentId', 'nome', 'status_ativo'] } } },
  [UID_PROCESSO]: { nome: 'processo', preparar: prepararProcesso, popular: { cliente: { select: ['id', 'documentId'] } } },
  'api::notificacao.notificacao': { nome: 'notificacao' },
  'api::agendamento.agendamento': { nome: 'agendamento' },
  'api::usuario.usuario': { nome: 'usuario' },
};

const ESCRITAS = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);
const LEITURAS = new Set(['findOne', 'findMany', 'findFirst']);
const VERBOS: Record<string, string> = { create: 'criar', update: 'atualizar', delete: 'excluir' };

/**
 * Um só ponto de entrada para as regras de cadastro: o middleware do Document Service vale para
 * REST, GraphQL, Content Manager e chamadas internas. Regra, gravação e auditoria numa transação.
 */
export const registrarRegrasDeDocumentos = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (contexto, next) => {
    if (SOMENTE_SISTEMA[contexto.uid] && ESCRITAS.has(contexto.action)) throw new errors.ForbiddenError(SOMENTE_SISTEMA[contexto.uid]);
    if (contexto.uid === UID_CLIENTE && LEITURAS.has(contexto.action)) return mascararSenha(await next());
    const entidade = ENTIDADES[contexto.uid];
    const verbo = VERBOS[contexto.action];
    if (!entidade || !verbo) return next();
    const params = contexto.params as { data?: Dados; documentId?: string };
    const documentId = params.documentId;
    return strapi.db.transaction(async () => {
      const antes = documentId
        ? ((await strapi.db.query(contexto.uid).findOne({ where: { documentId }, populate: entidade.popular })) as Dados | null)
        : null;
      if (contexto.action === 'delete' && contexto.uid === UID_OPERADORA && documentId) await impedirExclusaoComClientes(strapi, documentId);
      if (contexto.action === 'delete' && contexto.uid === UID_PROCESSO && documentId) await impedirExclusaoDeProcesso(strapi, documentId);
      if (entidade.preparar && contexto.action !== 'delete') params.data = await entidade.preparar(strapi, params.data ?? {}, antes);
      let resultado: Awaited<ReturnType<typeof next>>;
      try {
        resultado = await next();
      } catch (erro) {
        if (ehViolacaoDeUnicidade(erro)) throw erroConflito(`Registro duplicado em ${entidade.nome}: já existe outro com os mesmos dados únicos.`);
        throw erro;
      }
      const depois = (resultado ?? null) as Dados | null;
      await registrarAuditoria(strapi, {
        acao: `${entidade.nome}.${verbo}`,
        entidade: entidade.nome,
        id_entidade: documentId ?? (depois?.documentId as string | undefined) ?? null,
        antes,
        depois: contexto.action === 'delete' ? null : depois,
      });
      if (contexto.uid === UID_CLIENTE && antes && depois && antes.hash_unico !== depois.hash_unico) {
        await auditarHashRecalculada(strapi, documentId!, antes.hash_unico, depois.hash_unico);
      }
      if (contexto.uid === UID_OPERADORA && antes && depois && antes.nome !== depois.nome && documentId) {
        await recalcularHashesDaOperadora(strapi, documentId);
      }
      return contexto.uid === UID_CLIENTE ? mascararSenha(resultado) : resultado;
    });
  });
};
