/** UIDs dos content types e dos serviços do app (o Strapi os exige como texto: um lugar só para escrevê-los). */
export const UID = {
  AGENDAMENTO: 'api::agendamento.agendamento',
  DISPARO_AGENDAMENTO: 'api::agendamento.disparo',
  ARQUIVO: 'api::arquivo.arquivo',
  AUDITORIA: 'api::auditoria.auditoria',
  CLIENTE: 'api::cliente.cliente',
  EXECUCAO: 'api::execucao.execucao',
  MENSAGEM_EMAIL: 'api::execucao.mensagem-email',
  NOTIFICACAO: 'api::notificacao.notificacao',
  OPERADORA: 'api::operadora.operadora',
  PROCESSO: 'api::processo.processo',
  USUARIO: 'api::usuario.usuario',
} as const;
export type UidConteudo = (typeof UID)[keyof typeof UID];

/** Serviços do app chamados de outros lados (plugin, testes). */
export const SERVICO = {
  AGENDADOR: 'api::agendamento.agendador',
  CAIXA_NOTIFICACOES: 'api::notificacao.caixa',
  CONSULTA_EXECUCOES: 'api::execucao.consulta',
  CONSULTA_PROCESSOS: 'api::processo.consulta',
  IMPORTACAO_CLIENTES: 'api::cliente.importacao',
  EXPORTACAO_EXECUCOES: 'api::execucao.exportacao',
  MENSAGENS_EMAIL: 'api::execucao.mensagens-email',
  ROBO: 'api::execucao.robo',
  DOWNLOADS: 'api::processo.downloads',
  GERACAO_MENSAL: 'api::processo.geracao-mensal',
  RASTREABILIDADE: 'api::processo.rastreabilidade',
  UPLOAD_MANUAL: 'api::processo.upload-manual',
  WORKFLOW: 'api::processo.workflow',
  CARENCIAS: 'api::usuario.carencia',
} as const;
export type UidServico = (typeof SERVICO)[keyof typeof SERVICO];

/** Nome do plugin do painel (rotas `/orquestrador-rpa/...` e ações `plugin::orquestrador-rpa.*`). */
export const ID_PLUGIN = 'orquestrador-rpa';
