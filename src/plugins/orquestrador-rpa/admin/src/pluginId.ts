export { ID_PLUGIN } from '@orquestrador-rpa/contrato';
