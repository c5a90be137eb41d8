import type { Core } from '@strapi/strapi';
import { camposDaConferencia } from '../../../conferencia/conferir-fatura';
import { erroValidacao } from '../../../regras/erros';
import { enfileirarExecucao } from '../../../filas/despachante';
import { processoOuErro } from '../../../workflow/consultas';
import { criarExecucao, type ExecucaoCriada } from '../../../workflow/execucoes';
import { exigirPessoa, pessoaAtual } from '../../../workflow/pessoa';
import { exigirQuemDecide } from '../../../workflow/quem-decide';
import { conferirQuatroOlhos } from '../../../workflow/quatro-olhos';
import { transicionar } from '../../../workflow/transicao';
import {
  achadosBloqueantes,
  acoesDoPainel,
  type ConferenciaFiscal,
  ehEstado,
  EstadoProcesso,
  StatusExecucao,
  TipoExecucao,
  UID,
} from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;

export interface Decisao {
  observacoes?: unknown;
  /** sha256 do PDF que a pessoa analisou: a aprovação vale só para ele. */
  sha256_fatura?: unknown;
  /** Por que aprovar apesar dos achados bloqueantes da conferência fiscal (obrigatória com eles). */
  justificativa?: unknown;
}

export interface ResultadoAcao {
  processo: string;
  status_processo: string;
  execucao?: { documentId: string; tipo_execucao: string; numero_tentativa: number; enfileirada: boolean };
}

const textoOpcional = (valor: unknown): string | null =>
  typeof valor === 'string' && valor.trim() !== '' ? valor.trim() : null;

const exigirObservacoes = (decisao: Decisao, motivo: string): string => {
  const observacoes = textoOpcional(decisao.observacoes);
  if (!observacoes) throw erroValidacao(motivo, [{ campo: 'observacoes', mensagem: 'Obrigatório.' }]);
  return observacoes;
};

/** Parâmetros do envio ao SAT (sem senha: o SAT não usa a do portal); o contrato formal vem com o worker. */
const parametrosEnvioSat = (processo: Dados): Dados => {
  const cliente = (processo.cliente ?? {}) as Dados;
  const operadora = (cliente.operadora ?? {}) as Dados;
  return {
    id_processo: processo.documentId,
    id_cliente: cliente.documentId,
    operadora_codigo: operadora.codigo,
    operadora_nome: operadora.nome,
    nome_sat: cliente.nome_sat,
    dados_sat: cliente.dados_sat,
    unidade: cliente.unidade,
    servico: cliente.servico,
    filtro: cliente.filtro,
    cnpj: cliente.cnpj,
    razao_social: cliente.razao_social,
    mes_ano: processo.mes_ano,
    data_vencimento: processo.data_vencimento,
    valor_fatura: processo.valor_fatura,
    arquivo_fatura: processo.caminho_s3_fatura,
  };
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Cria a execução de envio ao SAT na transação; publica na fila depois do commit. */
  const criarEnvioSat = (processo: Dados, usuarioId: number | null): Promise<ExecucaoCriada> =>
    criarExecucao(strapi, {
      processoId: processo.id as number,
      processoDocumentId: processo.documentId as string,
      tipo: TipoExecucao.UPLOAD_SAT,
      status: StatusExecucao.PENDENTE,
      parametros: parametrosEnvioSat(processo),
      usuarioId,
      mensagem: 'Aguardando o robô do SAT.',
    });

  const publicar = async (execucao: ExecucaoCriada, status: string): Promise<ResultadoAcao> => ({
    processo: execucao.processo.documentId,
    status_processo: status,
    execucao: {
      documentId: execucao.documentId,
      tipo_execucao: execucao.tipo_execucao,
      numero_tentativa: execucao.numero_tentativa,
      enfileirada: await enfileirarExecucao(strapi, { ...execucao, tipo_execucao: TipoExecucao.UPLOAD_SAT }),
    },
  });

  return {
    /** Ações do painel para uma linha da tabela de processos (a mesma máquina de estados). */
    acoesDoPainel(estado: string, possuiRpa: boolean) {
      return ehEstado(estado) ? acoesDoPainel(estado, possuiRpa) : [];
    },

    /**
     * Aprova (só APROVADOR/ADMINISTRADOR) o PDF que a pessoa analisou e cria + enfileira o envio
     * ao SAT. Tudo numa transação, com o processo relido: quatro olhos pela pessoa (todos os logins dela) e
     * compare-and-set pelo status e pelo sha256 da fatura (se ela mudou, 409 e nova análise).
     */
    async aprovar(documentId: string, decisao: Decisao): Promise<ResultadoAcao> {
      const sha256 = textoOpcional(decisao.sha256_fatura)?.toLowerCase();
      if (!sha256 || !/^[0-9a-f]{64}$/.test(sha256)) {
        throw erroValidacao(
          'Informe em sha256_fatura o sha256 do PDF analisado: a aprovação vale só para ele.',
          [{ campo: 'sha256_fatura', mensagem: 'Obrigatório (64 dígitos hexadecimais).' }]
        );
      }
      const pessoa = await exigirQuemDecide(strapi, 'A aprovação');
      const observacoes = textoOpcional(decisao.observacoes);
      const justificativa = textoOpcional(decisao.justificativa);
      const execucao = await strapi.db.transaction(async () => {
        const processo = await processoOuErro(strapi, documentId);
        await conferirQuatroOlhos(strapi, processo, pessoa);
        const bloqueantes = achadosBloqueantes(
          processo.conferencia_fiscal as ConferenciaFiscal | null,
          processo.hash_fatura as string | null
        );
        if (bloqueantes.length && !justificativa)
          throw erroValidacao(
            `A conferência fiscal achou ${bloqueantes.length === 1 ? 'um problema que bloqueia' : `${bloqueantes.length} problemas que bloqueiam`} a aprovação (${bloqueantes.map((a) => a.codigo).join(', ')}): escreva em justificativa por que aprovar mesmo assim.`,
            [{ campo: 'justificativa', mensagem: 'Obrigatória com achado bloqueante.' }]
          );
        const agora = new Date();
        const resultado = await transicionar(strapi, {
          documentId,
          acao: 'aprovar',
          campos: {
            data_aprovacao: agora,
            aprovado_por_identidade: pessoa.identidade,
            ...(observacoes ? { observacoes } : {}),
          },
          motivo: observacoes,
          detalhes: {
            aprovado_por: pessoa.email,
            sha256: sha256,
            ...(bloqueantes.length
              ? { achados_bloqueantes: bloqueantes.map((a) => a.codigo), justificativa }
              : {}),
          },
          condicoes: {
            onde: { hash_fatura: sha256 },
            mensagem:
              'A fatura mudou desde a análise (o PDF não é o que você viu): abra a análise de novo antes de aprovar.',
          },
        });
        await strapi.db
          .query(UID.PROCESSO)
          .update({ where: { id: resultado.id }, data: { aprovado_por_usuario: pessoa.usuarioId } });
        return criarEnvioSat({ ...processo, data_aprovacao: agora }, pessoa.usuarioId);
      });
      return publicar(execucao, EstadoProcesso.APROVADA);
    },

    /** Rejeita com motivo obrigatório; o processo pode ser reaberto depois. */
    async rejeitar(documentId: string, decisao: Decisao): Promise<ResultadoAcao> {
      const observacoes = exigirObservacoes(decisao, 'Informe o motivo da rejeição no campo observacoes.');
      const pessoa = await exigirQuemDecide(strapi, 'A rejeição');
      const resultado = await transicionar(strapi, {
        documentId,
        acao: 'rejeitar',
        campos: { observacoes },
        motivo: observacoes,
        detalhes: { rejeitado_por: pessoa.email },
      });
      return { processo: documentId, status_processo: resultado.para };
    },

    /** Volta ao início (rejeitado ou com falha). A fatura anterior continua nas execuções e na auditoria. */
    async reabrir(documentId: string, decisao: Decisao): Promise<ResultadoAcao> {
      const pessoa = await pessoaAtual(strapi);
      const observacoes = textoOpcional(decisao.observacoes);
      const processo = await processoOuErro(strapi, documentId);
      const resultado = await strapi.db.transaction(async () => {
        const feita = await transicionar(strapi, {
          documentId,
          acao: 'reabrir',
          campos: {
            data_aprovacao: null,
            valor_fatura: null,
            data_vencimento: null,
            url_fatura: null,
            caminho_s3_fatura: null,
            hash_fatura: null,
            id_arquivo_fatura: null,
            upload_manual: false,
            solicitante_fatura: null,
            identidades_solicitante: null,
            aprovado_por_identidade: null,
            ...camposDaConferencia(null),
            ...(observacoes ? { observacoes } : {}),
          },
          motivo: observacoes,
          detalhes: {
            reaberto_por: pessoa?.email ?? null,
            fatura_anterior: {
              valor_fatura: processo.valor_fatura,
              data_vencimento: processo.data_vencimento,
              arquivo: processo.caminho_s3_fatura,
              sha256: processo.hash_fatura,
            },
          },
        });
        await strapi.db
          .query(UID.PROCESSO)
          .update({ where: { id: feita.id }, data: { aprovado_por_usuario: null } });
        return feita;
      });
      return { processo: documentId, status_processo: resultado.para };
    },

    /**
     * Reenvia ao SAT a fatura já aprovada (nova execução, nova tentativa). Depois de um envio a
     * conferir (CONFERIR_SAT), só uma pessoa, dizendo o que conferiu no SAT.
     */
    async reenviarSat(documentId: string, decisao: Decisao = {}): Promise<ResultadoAcao> {
      const processo = await processoOuErro(strapi, documentId);
      const conferir = processo.status_processo === EstadoProcesso.CONFERIR_SAT;
      const pessoa = conferir
        ? await exigirPessoa(strapi, 'O reenvio de um envio a conferir')
        : await pessoaAtual(strapi);
      const observacoes = conferir
        ? exigirObservacoes(
            decisao,
            'Diga em observacoes o que foi conferido no SAT (a fatura não está lá) antes de reenviar.'
          )
        : textoOpcional(decisao.observacoes);
      const execucao = await strapi.db.transaction(async () => {
        await transicionar(strapi, {
          documentId,
          acao: 'reenviar_sat',
          motivo: observacoes,
          detalhes: { pedido_por: pessoa?.email ?? null },
        });
        return criarEnvioSat(processo, pessoa?.usuarioId ?? null);
      });
      return publicar(execucao, EstadoProcesso.APROVADA);
    },

    /** Uma pessoa conferiu no SAT que a fatura entrou: o envio a conferir vira ENVIADO_SAT. */
    async confirmarEnvioSat(documentId: string, decisao: Decisao): Promise<ResultadoAcao> {
      const observacoes = exigirObservacoes(
        decisao,
        'Diga em observacoes onde a fatura foi conferida no SAT.'
      );
      const pessoa = await exigirPessoa(strapi, 'A confirmação do envio ao SAT');
      const resultado = await transicionar(strapi, {
        documentId,
        acao: 'confirmar_envio_sat',
        campos: { enviado_para_sat: true, data_envio_sat: new Date() },
        motivo: observacoes,
        detalhes: { conferido_por: pessoa.email },
      });
      return { processo: documentId, status_processo: resultado.para };
    },
  };
};
