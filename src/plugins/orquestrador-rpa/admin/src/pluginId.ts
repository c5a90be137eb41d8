export const ID_PLUGIN = 'orquestrador-rpa';
