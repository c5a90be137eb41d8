import { factories } from '@strapi/strapi';
import { UID } from '@orquestrador-rpa/contrato';

/** Trilha de auditoria: somente leitura pela API. */
export default factories.createCoreRouter(UID.AUDITORIA, { only: ['find', 'findOne'] });
