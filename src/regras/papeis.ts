import type { Core } from '@strapi/strapi';
import { AcaoRbac, acaoRbacCompleta, ACOES_RBAC, UID } from '@orquestrador-rpa/contrato';

/**
 * Perfis do produto. Pessoas usam o admin do Strapi (papéis de admin + ações do plugin);
 * integradores usam a API de conteúdo (papéis equivalentes do users-permissions).
 */
export type Perfil = 'ADMINISTRADOR' | 'APROVADOR' | 'OPERADOR';

const CT = {
  operadora: UID.OPERADORA,
  cliente: UID.CLIENTE,
  processo: UID.PROCESSO,
  execucao: UID.EXECUCAO,
  mensagemEmail: UID.MENSAGEM_EMAIL,
  notificacao: UID.NOTIFICACAO,
  agendamento: UID.AGENDAMENTO,
  disparo: UID.DISPARO_AGENDAMENTO,
  usuario: UID.USUARIO,
  auditoria: UID.AUDITORIA,
} as const;
const TODOS = Object.values(CT);
/** Execuções, notificações e auditoria só são escritas pelo sistema: nenhum papel as edita. */
const CADASTRO = [CT.operadora, CT.cliente, CT.processo, CT.agendamento, CT.usuario];

type Operacao = 'ler' | 'criar' | 'alterar' | 'excluir';
interface DefinicaoPapel {
  perfil: Perfil;
  nome: string;
  codigo: string;
  descricao: string;
  conteudo: Partial<Record<Operacao, readonly string[]>>;
  acoesPlugin: AcaoRbac[];
  acoesAdmin: string[];
}

export const PAPEIS: DefinicaoPapel[] = [
  {
    perfil: 'ADMINISTRADOR',
    nome: 'Administrador',
    codigo: 'orquestrador-administrador',
    descricao: 'Gerencia operadoras, clientes, usuários e agendamentos; aprova e opera robôs.',
    conteudo: { ler: TODOS, criar: CADASTRO, alterar: CADASTRO, excluir: CADASTRO },
    acoesPlugin: ACOES_RBAC.map((a) => a.uid),
    acoesAdmin: [
      'admin::users.read',
      'admin::users.create',
      'admin::users.update',
      'admin::users.delete',
      'admin::roles.read',
    ],
  },
  {
    perfil: 'APROVADOR',
    nome: 'Aprovador',
    codigo: 'orquestrador-aprovador',
    descricao: 'Revisa e aprova ou rejeita faturas; não edita cadastros.',
    conteudo: { ler: TODOS },
    acoesPlugin: [AcaoRbac.VER_PAINEL, AcaoRbac.APROVAR],
    acoesAdmin: [],
  },
  {
    perfil: 'OPERADOR',
    nome: 'Operador',
    codigo: 'orquestrador-operador',
    descricao:
      'Mantém clientes e processos, executa robôs e faz upload manual; não gerencia operadoras nem usuários.',
    conteudo: { ler: TODOS, criar: [CT.cliente, CT.processo], alterar: [CT.cliente, CT.processo] },
    acoesPlugin: [
      AcaoRbac.VER_PAINEL,
      AcaoRbac.EXECUTAR_ROBO,
      AcaoRbac.UPLOAD_MANUAL,
      AcaoRbac.IMPORTAR_CLIENTES,
      AcaoRbac.GERENCIAR_PROCESSOS,
      AcaoRbac.EXECUTAR_AGENDAMENTO,
    ],
    acoesAdmin: [],
  },
];

const ACAO_CM: Record<Operacao, string> = {
  ler: 'plugin::content-manager.explorer.read',
  criar: 'plugin::content-manager.explorer.create',
  alterar: 'plugin::content-manager.explorer.update',
  excluir: 'plugin::content-manager.explorer.delete',
};

/** Ações da API de conteúdo (users-permissions) por operação. */
const ACOES_API: Record<Operacao, string[]> = {
  ler: ['find', 'findOne'],
  criar: ['create'],
  alterar: ['update'],
  excluir: ['delete'],
};

interface ServicoPermissao {
  actionProvider: { get: (id: string) => { actionId: string; subjects?: string[] } | undefined };
}

const permissoesDoPainel = (strapi: Core.Strapi, papel: DefinicaoPapel): unknown[] => {
  const servicoPermissao = strapi.service('admin::permission') as unknown as ServicoPermissao;
  const servicoTipos = strapi.service('admin::content-type') as unknown as {
    getPermissionsWithNestedFields: (acoes: unknown[]) => unknown[];
  };
  const acoesDeConteudo = (Object.entries(papel.conteudo) as Array<[Operacao, string[]]>).map(
    ([operacao, tipos]) => ({
      ...servicoPermissao.actionProvider.get(ACAO_CM[operacao])!,
      subjects: tipos,
    })
  );
  const demais = [...papel.acoesPlugin.map(acaoRbacCompleta), ...papel.acoesAdmin]
    .filter((acao) => servicoPermissao.actionProvider.get(acao))
    .map((acao) => ({ action: acao, subject: null, properties: {}, conditions: [] }));
  return [...servicoTipos.getPermissionsWithNestedFields(acoesDeConteudo), ...demais];
};

/** Cria (ou realinha) os papéis do admin; idempotente. */
const configurarPapeisDoPainel = async (strapi: Core.Strapi): Promise<void> => {
  const servicoPapel = strapi.service('admin::role') as unknown as {
    findOne: (p: Record<string, unknown>) => Promise<{ id: number } | null>;
    create: (p: Record<string, unknown>) => Promise<{ id: number }>;
    assignPermissions: (id: number, p: unknown[]) => Promise<unknown>;
  };
  for (const papel of PAPEIS) {
    const existente = await servicoPapel.findOne({ code: papel.codigo });
    const registro =
      existente ??
      (await servicoPapel.create({ name: papel.nome, code: papel.codigo, description: papel.descricao }));
    await servicoPapel.assignPermissions(registro.id, permissoesDoPainel(strapi, papel));
  }
};

export const tipoPapelApi = (perfil: Perfil): string => `integrador-${perfil.toLowerCase()}`;

const processo = (acoes: string[]) => acoes.map((acao) => `${CT.processo}.${acao}`);
const CONSULTA = [
  ...processo(['fatura', 'rastreabilidade']),
  `${CT.execucao}.exportar`,
  `${CT.execucao}.captura`,
];
const OPERACAO = [
  'api::cliente.cliente.importar',
  ...processo([
    'gerarMensais',
    'reabrir',
    'reenviarSat',
    'confirmarEnvioSat',
    'uploadManual',
    'executarDownload',
    'executarDownloads',
  ]),
];
const DECISAO = processo(['aprovar', 'rejeitar', 'reconferir']);

/** Ações extras da API além do CRUD (rotas próprias), espelhando as ações do plugin no painel. */
export const ACOES_EXTRAS_API: Record<Perfil, string[]> = {
  ADMINISTRADOR: [...CONSULTA, ...OPERACAO, ...DECISAO],
  APROVADOR: [...CONSULTA, ...DECISAO],
  OPERADOR: [...CONSULTA, ...OPERACAO],
};

/** Papéis equivalentes do users-permissions, só para integradores da API; idempotente. */
const configurarPapeisDaApi = async (strapi: Core.Strapi): Promise<void> => {
  const papeis = strapi.db.query('plugin::users-permissions.role');
  const permissoes = strapi.db.query('plugin::users-permissions.permission');
  for (const papel of PAPEIS) {
    const tipo = tipoPapelApi(papel.perfil);
    const existente = (await papeis.findOne({ where: { type: tipo } })) as { id: number } | null;
    const registro =
      existente ??
      ((await papeis.create({
        data: { name: `Integrador ${papel.nome}`, description: papel.descricao, type: tipo },
      })) as { id: number });
    const desejadas = new Set<string>(ACOES_EXTRAS_API[papel.perfil]);
    for (const [operacao, tipos] of Object.entries(papel.conteudo) as Array<[Operacao, string[]]>) {
      for (const uid of tipos) for (const acao of ACOES_API[operacao]) desejadas.add(`${uid}.${acao}`);
    }
    const atuais = (await permissoes.findMany({ where: { role: registro.id } })) as Array<{
      id: number;
      action: string;
    }>;
    const atuaisAcoes = new Set(atuais.map((p) => p.action));
    for (const acao of desejadas)
      if (!atuaisAcoes.has(acao)) await permissoes.create({ data: { action: acao, role: registro.id } });
    for (const p of atuais) if (!desejadas.has(p.action)) await permissoes.delete({ where: { id: p.id } });
  }
};

export const configurarPapeis = async (strapi: Core.Strapi): Promise<void> => {
  await configurarPapeisDoPainel(strapi);
  await configurarPapeisDaApi(strapi);
};
