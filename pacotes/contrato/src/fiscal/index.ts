/** Documentos fiscais e de pagamento: CNPJ (também alfanumérico), boleto e arrecadação, Pix e chave da NFCom. */
export * from './cnpj.js';
export * from './conferencia.js';
export * from './codigo-pagamento.js';
export * from './modulos.js';
export * from './nfcom.js';
export * from './pix.js';
