import { factories } from '@strapi/strapi';

/** Trilha de auditoria: somente leitura pela API. */
export default factories.createCoreRouter('api::auditoria.auditoria', { only: ['find', 'findOne'] });
