/**
 * Contrato compartilhado do Orquestrador RPA BEG: o vocabulário e os formatos que o app Strapi, o
 * servidor e o admin do plugin e o worker usam. Só código puro (roda no Node e no navegador).
 */
export * from './agendamento.js';
export * from './ambiente-worker.js';
export * from './competencia.js';
export * from './congelar.js';
export * from './csv.js';
export * from './email.js';
export * from './erro-rpa.js';
export * from './execucao.js';
export * from './fiscal/index.js';
export * from './filas.js';
export * from './http-painel.js';
export * from './http-robo.js';
export * from './nome-arquivo.js';
export * from './notificacao.js';
export * from './parametros.js';
export * from './politica-portal.js';
export * from './processo.js';
export * from './rbac.js';
export * from './resultado.js';
export * from './robo.js';
export * from './seguranca.js';
export * from './tempo-real.js';
export * from './uids.js';
