import type { Core } from '@strapi/strapi';
import { ACOES } from './acoes';

/** Registra as ações RBAC do plugin na seção "Plugins" dos papéis do admin. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const provedor = (strapi.service('admin::permission') as unknown as {
    actionProvider: { registerMany: (acoes: unknown[]) => Promise<void> };
  }).actionProvider;
  return provedor.registerMany(
    ACOES.map((acao) => ({ section: 'plugins', pluginName: 'orquestrador-rpa', subCategory: 'Orquestrador RPA', ...acao }))
  );
};
