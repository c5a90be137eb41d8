import type { Core } from '@strapi/strapi';
import { UID } from '@orquestrador-rpa/contrato';

type Contexto = Parameters<Core.MiddlewareHandler>[0];
type Acoes = Record<string, (ctx: Contexto) => Promise<void>>;

/**
 * Rotas do painel para o workflow: mesmas ações e regras da API REST (controladores de
 * `api::processo` e `api::execucao`); aqui só muda a autenticação (admin + ações RBAC do plugin).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const delegar = (uid: string, acao: string) => (ctx: Contexto) =>
    (strapi.controller(uid as never) as unknown as Acoes)[acao]!(ctx);
  const processo = (acao: string) => delegar(UID.PROCESSO, acao);
  return {
    gerarMensais: processo('gerarMensais'),
    executarDownload: processo('executarDownload'),
    executarDownloads: processo('executarDownloads'),
    aprovar: processo('aprovar'),
    rejeitar: processo('rejeitar'),
    reconferir: processo('reconferir'),
    reabrir: processo('reabrir'),
    reenviarSat: processo('reenviarSat'),
    confirmarEnvioSat: processo('confirmarEnvioSat'),
    uploadManual: processo('uploadManual'),
    fatura: processo('fatura'),
    rastreabilidade: processo('rastreabilidade'),
    exportarExecucoes: delegar(UID.EXECUCAO, 'exportar'),
    captura: delegar(UID.EXECUCAO, 'captura'),
    importarClientes: delegar(UID.CLIENTE, 'importar'),
  };
};
