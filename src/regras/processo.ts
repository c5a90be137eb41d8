import type { Core } from '@strapi/strapi';
import { erroConflito, erroValidacao, exigirSemErros, type ErroDeCampo } from './erros';
import { lerAlvoRelacao, relacaoMuitosAlterada } from './relacoes';
import { ehCompetencia, EstadoProcesso, UID } from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;

/** Um processo por cliente e competência: chave derivada com índice único no banco. */
export const calcularChaveProcesso = (clienteDocumentId: string, mesAno: string): string =>
  `${clienteDocumentId}|${mesAno}`;

/** Campos que só o workflow escreve (transições, upload, aprovação, envio ao SAT). */
const CAMPOS_DO_WORKFLOW = [
  'status_processo',
  'data_aprovacao',
  'enviado_para_sat',
  'data_envio_sat',
  'upload_manual',
  'caminho_s3_fatura',
  'hash_fatura',
  'id_arquivo_fatura',
  'solicitante_fatura',
  'identidades_solicitante',
  'aprovado_por_identidade',
  'conferencia_fiscal',
  'situacao_conferencia',
];
/** Dados da fatura: editáveis só antes de ela entrar em análise. */
const CAMPOS_DA_FATURA = ['valor_fatura', 'data_vencimento', 'url_fatura'];
const FATURA_CONGELADA: readonly string[] = [
  EstadoProcesso.AGUARDANDO_APROVACAO,
  EstadoProcesso.APROVADA,
  EstadoProcesso.ENVIANDO_SAT,
  EstadoProcesso.ENVIADO_SAT,
  EstadoProcesso.FALHA_ENVIO_SAT,
  EstadoProcesso.CONFERIR_SAT,
];
const MENSAGEM_WORKFLOW = 'use as ações do workflow (gerar, upload manual, aprovar, rejeitar, reabrir).';

const normalizar = (valor: unknown): string | null => {
  if (valor === null || valor === undefined || valor === '') return null;
  if (typeof valor === 'boolean' || typeof valor === 'number') return String(valor);
  if (typeof valor === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(valor))
    return String(new Date(valor).getTime());
  if (valor instanceof Date) return String(valor.getTime());
  if (typeof valor === 'object') return jsonEstavel(valor);
  return String(valor);
};

/** JSON com as chaves em ordem (o jsonb do PostgreSQL reordena): o mesmo objeto, o mesmo texto. */
const jsonEstavel = (valor: unknown): string =>
  JSON.stringify(valor, (_chave, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Dados).sort(([a], [b]) => a.localeCompare(b)))
      : v
  );
const padraoNaCriacao: Dados = {
  status_processo: EstadoProcesso.AGUARDANDO_DOWNLOAD,
  enviado_para_sat: false,
  upload_manual: false,
};

/**
 * Status, aprovação e arquivo só mudam pelo workflow; a fatura em análise ou aprovada não é
 * editada; cliente e competência só mudam antes de qualquer andamento. Vale para REST, GraphQL e
 * Content Manager (que reenviam todos os campos: só a diferença conta).
 */
const protegerCamposDoWorkflow = (dados: Dados, existente: Dados | null): ErroDeCampo[] => {
  const problemas: ErroDeCampo[] = [];
  const referencia = existente ?? padraoNaCriacao;
  for (const campo of CAMPOS_DO_WORKFLOW) {
    if (campo in dados && normalizar(dados[campo]) !== normalizar(referencia[campo])) {
      problemas.push({
        campo,
        mensagem:
          campo === 'status_processo'
            ? `O status do processo não pode ser alterado diretamente: ${MENSAGEM_WORKFLOW}`
            : `O campo ${campo} é controlado pelo workflow: ${MENSAGEM_WORKFLOW}`,
      });
    }
  }
  if (relacaoMuitosAlterada(dados.execucoes)) {
    problemas.push({
      campo: 'execucoes',
      mensagem:
        'As execuções são o histórico do processo: só o workflow e os robôs as registram, e nenhuma sai dele.',
    });
  }
  if (
    'aprovado_por_usuario' in dados &&
    lerAlvoRelacao(dados.aprovado_por_usuario).tipo !== 'inalterada' &&
    (existente || dados.aprovado_por_usuario !== null)
  ) {
    problemas.push({
      campo: 'aprovado_por_usuario',
      mensagem: `Quem aprovou é registrado pela aprovação: ${MENSAGEM_WORKFLOW}`,
    });
  }
  const status = existente?.status_processo as string | undefined;
  if (status && FATURA_CONGELADA.includes(status)) {
    for (const campo of CAMPOS_DA_FATURA) {
      if (campo in dados && normalizar(dados[campo]) !== normalizar(existente![campo])) {
        problemas.push({
          campo,
          mensagem: `A fatura está em ${status} e não pode ser editada: reabra o processo ou rejeite a fatura.`,
        });
      }
    }
  }
  if (status && status !== EstadoProcesso.AGUARDANDO_DOWNLOAD) {
    const clienteMudou =
      lerAlvoRelacao(dados.cliente).tipo !== 'inalterada' && !mesmoCliente(dados.cliente, existente);
    if (clienteMudou || ('mes_ano' in dados && dados.mes_ano !== existente!.mes_ano)) {
      problemas.push({
        campo: clienteMudou ? 'cliente' : 'mes_ano',
        mensagem: `Cliente e competência só mudam enquanto o processo aguarda download (está em ${status}).`,
      });
    }
  }
  return problemas;
};

const mesmoCliente = (entrada: unknown, existente: Dados | null): boolean => {
  const alvo = lerAlvoRelacao(entrada);
  const atual = existente?.cliente as Dados | undefined;
  return (
    alvo.tipo === 'definida' &&
    !!atual &&
    (alvo.documentId === atual.documentId || (alvo.id !== undefined && alvo.id === atual.id))
  );
};

/** Só processo sem nenhum andamento pode ser excluído: o resto é histórico. */
export const impedirExclusaoDeProcesso = async (strapi: Core.Strapi, documentId: string): Promise<void> => {
  const processo = (await strapi.db
    .query(UID.PROCESSO)
    .findOne({ where: { documentId }, select: ['id', 'status_processo'] })) as Dados | null;
  if (!processo) return;
  const execucoes = await strapi.db.query(UID.EXECUCAO).count({ where: { processo: { id: processo.id } } });
  if (processo.status_processo !== EstadoProcesso.AGUARDANDO_DOWNLOAD || execucoes > 0) {
    throw erroConflito(
      `O processo não pode ser excluído: está em ${String(processo.status_processo)} e tem ${execucoes} execução(ões) no histórico.`,
      {
        status_atual: processo.status_processo,
        execucoes,
      }
    );
  }
};

export const prepararProcesso = async (
  strapi: Core.Strapi,
  entrada: Dados,
  existente: Dados | null
): Promise<Dados> => {
  const documentId = existente?.documentId as string | undefined;
  const dados: Dados = { ...entrada };
  delete dados.chave_processo;
  const problemas: ErroDeCampo[] = protegerCamposDoWorkflow(dados, existente);
  if ((!documentId || 'mes_ano' in dados) && !ehCompetencia(dados.mes_ano)) {
    problemas.push({
      campo: 'mes_ano',
      mensagem: `Competência inválida: "${String(dados.mes_ano ?? '')}". Use AAAA-MM (ex.: 2025-03).`,
    });
  }
  exigirSemErros(problemas);
  const alvo = lerAlvoRelacao(dados.cliente);
  let clienteDocumentId = (existente?.cliente as Dados | undefined)?.documentId as string | undefined;
  if (alvo.tipo === 'removida' || (alvo.tipo === 'inalterada' && !clienteDocumentId)) {
    throw erroValidacao('O processo precisa estar vinculado a um cliente.', [
      { campo: 'cliente', mensagem: 'Informe o cliente.' },
    ]);
  }
  if (alvo.tipo === 'definida') {
    const cliente = (await strapi.db.query(UID.CLIENTE).findOne({
      where: alvo.documentId ? { documentId: alvo.documentId } : { id: alvo.id },
      select: ['documentId'],
    })) as Dados | null;
    if (!cliente)
      throw erroValidacao('O cliente informado não existe.', [
        { campo: 'cliente', mensagem: 'Cliente não encontrado.' },
      ]);
    clienteDocumentId = cliente.documentId as string;
  }
  const mesAno = (dados.mes_ano ?? existente?.mes_ano) as string;
  const chave = calcularChaveProcesso(clienteDocumentId!, mesAno);
  const outro = (await strapi.db.query(UID.PROCESSO).findOne({
    where: { chave_processo: chave, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
    select: ['documentId', 'status_processo'],
  })) as Dados | null;
  if (outro) {
    throw erroConflito(
      `Já existe um processo deste cliente para ${mesAno} (documentId ${outro.documentId as string}).`,
      {
        processo_existente: outro,
      }
    );
  }
  dados.chave_processo = chave;
  return dados;
};
