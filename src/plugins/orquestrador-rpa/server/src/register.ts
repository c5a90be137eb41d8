import type { Core } from '@strapi/strapi';
import { ACOES_RBAC, ID_PLUGIN } from '@orquestrador-rpa/contrato';

/** Registra as ações RBAC do plugin na seção "Plugins" dos papéis do admin. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const provedor = (
    strapi.service('admin::permission') as unknown as {
      actionProvider: { registerMany: (acoes: unknown[]) => Promise<void> };
    }
  ).actionProvider;
  return provedor.registerMany(
    ACOES_RBAC.map((acao) => ({
      section: 'plugins',
      pluginName: ID_PLUGIN,
      subCategory: 'Orquestrador RPA',
      ...acao,
    }))
  );
};
