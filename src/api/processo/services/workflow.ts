import { erroProibido } from '../../../regras/erros';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID_PROCESSO } from '../../../regras/processo';
import { enfileirarExecucao } from '../../../filas/despachante';
import { processoOuErro, ultimaExecucao } from '../../../workflow/consultas';
import { criarExecucao, type ExecucaoCriada } from '../../../workflow/execucoes';
import { exigirPessoa, pessoaAtual } from '../../../workflow/pessoa';
import { transicionar } from '../../../workflow/transicao';
import { acoesDoPainel, ehEstado } from '../../../workflow/estados';

type Dados = Record<string, unknown>;

export interface Decisao {
  observacoes?: unknown;
}

export interface ResultadoAcao {
  processo: string;
  status_processo: string;
  execucao?: { documentId: string; tipo_execucao: string; numero_tentativa: number; enfileirada: boolean };
}

const textoOpcional = (valor: unknown): string | null => (typeof valor === 'string' && valor.trim() !== '' ? valor.trim() : null);

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
      tipo: 'UPLOAD_SAT',
      status: 'PENDENTE',
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
      enfileirada: await enfileirarExecucao(strapi, { ...execucao, tipo_execucao: 'UPLOAD_SAT' }),
    },
  });

  return {
    /** Ações do painel para uma linha da tabela de processos (a mesma máquina de estados). */
    acoesDoPainel(estado: string, possuiRpa: boolean) {
      return ehEstado(estado) ? acoesDoPainel(estado, possuiRpa) : [];
    },

    /** Aprova (só APROVADOR/ADMINISTRADOR, quatro olhos) e cria + enfileira o envio ao SAT. */
    async aprovar(documentId: string, decisao: Decisao): Promise<ResultadoAcao> {
      const pessoa = await exigirPessoa(strapi, 'A aprovação');
      const processo = await processoOuErro(strapi, documentId);
      if (processo.upload_manual) {
        const upload = await ultimaExecucao(strapi, processo.id as number, 'UPLOAD_MANUAL');
        if ((upload?.executado_por_usuario as Dados | undefined)?.id === pessoa.usuarioId) {
          throw erroProibido('Regra dos quatro olhos: quem fez o upload manual desta fatura não pode aprová-la. Peça a outro aprovador.');
        }
      }
      const observacoes = textoOpcional(decisao.observacoes);
      const execucao = await strapi.db.transaction(async () => {
        const agora = new Date();
        const resultado = await transicionar(strapi, {
          documentId,
          acao: 'aprovar',
          campos: { data_aprovacao: agora, ...(observacoes ? { observacoes } : {}) },
          motivo: observacoes,
          detalhes: { aprovado_por: pessoa.email },
        });
        await strapi.db.query(UID_PROCESSO).update({ where: { id: resultado.id }, data: { aprovado_por_usuario: pessoa.usuarioId } });
        return criarEnvioSat({ ...processo, data_aprovacao: agora }, pessoa.usuarioId);
      });
      return publicar(execucao, 'APROVADA');
    },

    /** Rejeita com motivo obrigatório; o processo pode ser reaberto depois. */
    async rejeitar(documentId: string, decisao: Decisao): Promise<ResultadoAcao> {
      const observacoes = textoOpcional(decisao.observacoes);
      if (!observacoes) {
        throw new errors.ValidationError('Informe o motivo da rejeição no campo observacoes.', {
          errors: [{ path: ['observacoes'], message: 'Obrigatório ao rejeitar.', name: 'ValidationError' }],
        });
      }
      const pessoa = await exigirPessoa(strapi, 'A rejeição');
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
            data_aprovacao: null, valor_fatura: null, data_vencimento: null, url_fatura: null, caminho_s3_fatura: null,
            hash_fatura: null, id_arquivo_fatura: null, upload_manual: false, ...(observacoes ? { observacoes } : {}),
          },
          motivo: observacoes,
          detalhes: {
            reaberto_por: pessoa?.email ?? null,
            fatura_anterior: { valor_fatura: processo.valor_fatura, data_vencimento: processo.data_vencimento, arquivo: processo.caminho_s3_fatura, sha256: processo.hash_fatura },
          },
        });
        await strapi.db.query(UID_PROCESSO).update({ where: { id: feita.id }, data: { aprovado_por_usuario: null } });
        return feita;
      });
      return { processo: documentId, status_processo: resultado.para };
    },

    /** Depois de uma falha no SAT, reenvia a fatura já aprovada (nova execução, nova tentativa). */
    async reenviarSat(documentId: string): Promise<ResultadoAcao> {
      const pessoa = await pessoaAtual(strapi);
      const processo = await processoOuErro(strapi, documentId);
      const execucao = await strapi.db.transaction(async () => {
        await transicionar(strapi, { documentId, acao: 'reenviar_sat', detalhes: { pedido_por: pessoa?.email ?? null } });
        return criarEnvioSat(processo, pessoa?.usuarioId ?? null);
      });
      return publicar(execucao, 'APROVADA');
    },
  };
};
