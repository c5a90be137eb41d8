import { ID_PLUGIN } from './uids.js';

/** Ações RBAC próprias do plugin, atribuídas aos papéis Administrador, Aprovador e Operador. */
export const ACOES_RBAC = [
  { uid: 'ver-painel', displayName: 'Ver o painel do orquestrador' },
  { uid: 'aprovar', displayName: 'Aprovar ou rejeitar faturas' },
  { uid: 'executar-robo', displayName: 'Executar robôs (download e envio ao SAT)' },
  { uid: 'upload-manual', displayName: 'Fazer upload manual de fatura' },
  { uid: 'importar-clientes', displayName: 'Importar clientes por CSV' },
  { uid: 'gerenciar-processos', displayName: 'Gerar e reabrir processos' },
  { uid: 'gerenciar-notificacoes', displayName: 'Ver a caixa de saída, reenviar e testar notificações' },
  { uid: 'executar-agendamento', displayName: 'Executar um agendamento agora' },
  { uid: 'gerenciar-agendamentos', displayName: 'Ver, ativar e pausar agendamentos' },
  { uid: 'confirmar-contas', displayName: 'Confirmar contas novas ou alteradas de quem aprova' },
] as const;

export type AcaoRbac = (typeof ACOES_RBAC)[number]['uid'];

/** Os ids curtos pelo nome, para não escrever o texto à mão. */
export const AcaoRbac = {
  VER_PAINEL: 'ver-painel',
  APROVAR: 'aprovar',
  EXECUTAR_ROBO: 'executar-robo',
  UPLOAD_MANUAL: 'upload-manual',
  IMPORTAR_CLIENTES: 'importar-clientes',
  GERENCIAR_PROCESSOS: 'gerenciar-processos',
  GERENCIAR_NOTIFICACOES: 'gerenciar-notificacoes',
  EXECUTAR_AGENDAMENTO: 'executar-agendamento',
  GERENCIAR_AGENDAMENTOS: 'gerenciar-agendamentos',
  CONFIRMAR_CONTAS: 'confirmar-contas',
} as const satisfies Record<string, AcaoRbac>;

/** `plugin::orquestrador-rpa.<uid>`: o id que o RBAC do admin guarda. */
export const acaoRbacCompleta = (uid: AcaoRbac): string => `plugin::${ID_PLUGIN}.${uid}`;
