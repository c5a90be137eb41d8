/** Ações RBAC próprias do plugin, atribuídas aos papéis Administrador, Aprovador e Operador. */
export const ACOES = [
  { uid: 'ver-painel', displayName: 'Ver o painel do orquestrador' },
  { uid: 'aprovar', displayName: 'Aprovar ou rejeitar faturas' },
  { uid: 'executar-robo', displayName: 'Executar robôs (download e envio ao SAT)' },
  { uid: 'upload-manual', displayName: 'Fazer upload manual de fatura' },
  { uid: 'importar-clientes', displayName: 'Importar clientes por CSV' },
  { uid: 'gerenciar-processos', displayName: 'Gerar e reabrir processos' },
] as const;

export const acaoCompleta = (uid: (typeof ACOES)[number]['uid']): string => `plugin::orquestrador-rpa.${uid}`;
