import { factories } from '@strapi/strapi';
import { UID } from '@orquestrador-rpa/contrato';

export default factories.createCoreController(UID.AUDITORIA);
