import type { Core } from '@strapi/strapi';
import { processoOuErro } from '../../../workflow/consultas';
import { BOM, linhaCsv } from '@orquestrador-rpa/contrato';
import { detalheExecucao } from '../../../workflow/execucoes';
import { UID } from '@orquestrador-rpa/contrato';
import { mascaraAtual } from '../../../regras/middlewares/dados-protegidos';

type Dados = Record<string, unknown>;

export interface EventoRastreabilidade {
  data_hora: string;
  tipo: 'TRANSICAO' | 'CADASTRO' | 'EXECUCAO';
  acao: string;
  status_de: string | null;
  status_para: string | null;
  motivo: string | null;
  usuario: string | null;
  origem: string | null;
  ip_origem: string | null;
  user_agent: string | null;
  execucao: Dados | null;
}

export const COLUNAS_RASTREABILIDADE = [
  'data_hora',
  'tipo',
  'acao',
  'status_de',
  'status_para',
  'motivo',
  'usuario',
  'origem',
  'ip_origem',
  'user_agent',
  'execucao',
  'tipo_execucao',
  'status_execucao',
  'numero_tentativa',
  'classe_rpa_utilizada',
  'data_inicio',
  'data_fim',
  'mensagem_log',
  'parametros_entrada',
  'resultado_saida',
  'detalhes_erro',
  'url_arquivo',
] as const;

const iso = (valor: unknown): string => new Date(valor as string).toISOString();

const deAuditoria = (registro: Dados): EventoRastreabilidade => {
  const antes = (registro.antes ?? {}) as Dados;
  const depois = (registro.depois ?? {}) as Dados;
  const transicao =
    'status_processo' in depois &&
    antes.status_processo !== depois.status_processo &&
    String(registro.acao).startsWith('processo.');
  return {
    data_hora: iso(registro.data_hora),
    tipo:
      transicao && !['processo.criar', 'processo.atualizar'].includes(registro.acao as string)
        ? 'TRANSICAO'
        : 'CADASTRO',
    acao: registro.acao as string,
    status_de: (antes.status_processo as string) ?? null,
    status_para: (depois.status_processo as string) ?? null,
    motivo: (depois.motivo as string) ?? null,
    usuario:
      (registro.usuario_email as string) ??
      (registro.usuario_id ? `id ${String(registro.usuario_id)}` : null),
    origem: (registro.origem as string) ?? null,
    ip_origem: (registro.ip_origem as string) ?? null,
    user_agent: (registro.user_agent as string) ?? null,
    execucao: null,
  };
};

const deExecucao = (execucao: Dados): EventoRastreabilidade => {
  const usuario = execucao.executado_por_usuario as Dados | null;
  return {
    data_hora: iso(execucao.createdAt),
    tipo: 'EXECUCAO',
    acao: `execucao.${String(execucao.tipo_execucao).toLowerCase()}`,
    status_de: null,
    status_para: null,
    motivo: null,
    usuario: (usuario?.email as string) ?? null,
    origem: null,
    ip_origem: (execucao.ip_origem as string) ?? null,
    user_agent: (execucao.user_agent as string) ?? null,
    execucao: detalheExecucao(execucao),
  };
};

const resumoProcesso = (processo: Dados): Dados => {
  const cliente = (processo.cliente ?? {}) as Dados;
  const operadora = (cliente.operadora ?? {}) as Dados;
  const aprovador = processo.aprovado_por_usuario as Dados | null;
  return {
    documentId: processo.documentId,
    mes_ano: processo.mes_ano,
    status_processo: processo.status_processo,
    cliente: {
      documentId: cliente.documentId,
      razao_social: cliente.razao_social,
      nome_sat: cliente.nome_sat,
      cnpj: cliente.cnpj,
      hash_unico: cliente.hash_unico,
    },
    operadora: { codigo: operadora.codigo, nome: operadora.nome, possui_rpa: operadora.possui_rpa },
    valor_fatura:
      processo.valor_fatura === null || processo.valor_fatura === undefined
        ? null
        : Number(processo.valor_fatura),
    data_vencimento: processo.data_vencimento ?? null,
    upload_manual: processo.upload_manual,
    criado_automaticamente: processo.criado_automaticamente,
    hash_fatura: processo.hash_fatura ?? null,
    aprovado_por: aprovador ? { email: aprovador.email, nome: aprovador.nome_completo } : null,
    data_aprovacao: processo.data_aprovacao ?? null,
    enviado_para_sat: processo.enviado_para_sat,
    data_envio_sat: processo.data_envio_sat ?? null,
    observacoes: processo.observacoes ?? null,
    criado_em: processo.createdAt,
  };
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * O processo e, em ordem cronológica, auditoria (cadastro, transições, aprovações) e execuções,
   * com a máscara do perfil de quem pede (a mesma da API: e-mail, IP e user agent para administradores).
   */
  async montar(documentId: string): Promise<{ processo: Dados; eventos: EventoRastreabilidade[] }> {
    const mascara = mascaraAtual(strapi);
    const processo = mascara.registros(UID.PROCESSO, await processoOuErro(strapi, documentId));
    const [auditorias, execucoes] = await Promise.all([
      strapi.db.query(UID.AUDITORIA).findMany({
        where: { entidade: 'processo', id_entidade: documentId },
        orderBy: [{ data_hora: 'asc' }, { id: 'asc' }],
      }),
      strapi.db.query(UID.EXECUCAO).findMany({
        where: { processo: { id: processo.id } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        populate: { executado_por_usuario: { select: ['email', 'nome_completo'] } },
      }),
    ]);
    const eventos = [
      ...mascara.registros(UID.AUDITORIA, auditorias as Dados[]).map(deAuditoria),
      ...mascara.registros(UID.EXECUCAO, execucoes as Dados[]).map(deExecucao),
    ];
    eventos.sort((a, b) => a.data_hora.localeCompare(b.data_hora));
    return { processo: resumoProcesso(processo), eventos };
  },

  paraCsv(eventos: EventoRastreabilidade[]): string {
    const linhas = eventos.map((evento) => {
      const execucao = evento.execucao ?? {};
      return COLUNAS_RASTREABILIDADE.map((coluna) =>
        coluna === 'execucao'
          ? execucao.documentId
          : coluna in evento
            ? evento[coluna as keyof EventoRastreabilidade]
            : execucao[coluna]
      );
    });
    return BOM + linhaCsv(COLUNAS_RASTREABILIDADE) + linhas.map(linhaCsv).join('');
  },
});
