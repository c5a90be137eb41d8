import type { Core } from '@strapi/strapi';
import createHttpError from 'http-errors';
import { erroConflito, erroProibido, ehViolacaoDeUnicidade } from '../../../regras/erros';
import { guardarArquivo, removerArquivo } from '../../../arquivos/armazenamento';
import { camposDaConferencia, conferirArquivoRecebido } from '../../../conferencia/conferir-fatura';
import { processoOuErro } from '../../../workflow/consultas';
import { lerDadosFatura } from '../../../workflow/dados-fatura';
import { criarExecucao } from '../../../workflow/execucoes';
import { exigirPessoa } from '../../../workflow/pessoa';
import { retratoDaPessoa } from '../../../workflow/identidades';
import { transicionar } from '../../../workflow/transicao';
import { validarPdfDoArquivo } from '../../../workflow/validacao-pdf';
import {
  acaoPermitida,
  EstadoProcesso,
  nomeFaturaLegado,
  StatusExecucao,
  TipoExecucao,
  TRANSICOES,
  UID,
} from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;

export interface ArquivoRecebido {
  filepath: string;
  size: number;
  originalFilename?: string | null;
}

/** Campos do cliente sem os quais o envio ao SAT não acontece. */
const CAMPOS_SAT: Array<[string, string]> = [
  ['nome_sat', 'nome no SAT'],
  ['dados_sat', 'dados do SAT (telefone/serviço)'],
  ['unidade', 'unidade'],
  ['cnpj', 'CNPJ'],
  ['operadora', 'operadora'],
];

const exigirClienteCompleto = (cliente: Dados | undefined): void => {
  const faltando = CAMPOS_SAT.filter(([campo]) => {
    const valor = cliente?.[campo];
    return valor === null || valor === undefined || (typeof valor === 'string' && valor.trim() === '');
  });
  if (!cliente || faltando.length > 0) {
    throw Object.assign(
      createHttpError(
        422,
        `O cliente não tem todos os dados exigidos pelo envio ao SAT. Complete o cadastro: ${faltando.map(([, nome]) => nome).join(', ')}.`
      ),
      { details: { campos_faltando: faltando.map(([campo]) => campo) } }
    );
  }
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Upload manual: operadora sem robô homologado, ou contingência de um administrador depois de
   * falha do robô. Valida tudo antes de gravar; se a transação falhar, o arquivo é removido.
   */
  async registrar(documentId: string, arquivo: ArquivoRecebido, corpo: Dados) {
    const pessoa = await exigirPessoa(strapi, 'O upload manual');
    const processo = await processoOuErro(strapi, documentId);
    const status = processo.status_processo as EstadoProcesso;
    if (!acaoPermitida('registrar_upload_manual', status)) {
      throw erroConflito(
        `Upload manual não permitido: o processo está em ${status} (permitido em ${TRANSICOES.registrar_upload_manual.de.join(', ')}).`,
        {
          processo: documentId,
          status_atual: status,
        }
      );
    }
    const cliente = processo.cliente as Dados | undefined;
    const operadora = cliente?.operadora as Dados | undefined;
    const contingencia = Boolean(operadora?.possui_rpa);
    if (contingencia && !(pessoa.perfil === 'ADMINISTRADOR' && status === EstadoProcesso.FALHA_DOWNLOAD)) {
      throw erroProibido(
        `A operadora ${String(operadora?.nome)} tem robô homologado: upload manual só como contingência, por um administrador, depois de uma falha de download.`
      );
    }
    exigirClienteCompleto(cliente);
    const dadosFatura = lerDadosFatura(corpo);
    const pdf = await validarPdfDoArquivo(arquivo.filepath);
    const outro = (await strapi.db.query(UID.PROCESSO).findOne({
      where: { hash_fatura: pdf.sha256, documentId: { $ne: documentId } },
      select: ['documentId', 'mes_ano', 'status_processo'],
    })) as Dados | null;
    if (outro) {
      throw erroConflito(
        `Este PDF já foi usado no processo ${outro.documentId as string} (${outro.mes_ano as string}, ${outro.status_processo as string}).`,
        {
          processo_existente: outro,
        }
      );
    }
    // Conferida antes de gravar: a fatura entra na fila de aprovação já com os achados.
    const conferencia = await conferirArquivoRecebido(arquivo.filepath, processo, {
      sha256: pdf.sha256,
      valor: dadosFatura.valor_fatura,
      vencimento: dadosFatura.data_vencimento,
    });
    const nome = nomeFaturaLegado(String(cliente?.hash_unico ?? ''), dadosFatura.data_vencimento);
    const guardado = await guardarArquivo(strapi, {
      origem: arquivo.filepath,
      nome,
      tipo: 'FATURA',
      mime: 'application/pdf',
      tamanho: pdf.tamanho,
      sha256: pdf.sha256,
    });
    const observacoes =
      typeof corpo.observacoes === 'string' && corpo.observacoes.trim() ? corpo.observacoes.trim() : null;
    try {
      await strapi.db.transaction(async () => {
        await transicionar(strapi, {
          documentId,
          acao: 'registrar_upload_manual',
          campos: {
            ...dadosFatura,
            upload_manual: true,
            caminho_s3_fatura: guardado.chave,
            hash_fatura: pdf.sha256,
            id_arquivo_fatura: guardado.id,
            url_fatura: null,
            solicitante_fatura: pessoa.identidade,
            identidades_solicitante: await retratoDaPessoa(strapi, pessoa.identidade),
            ...camposDaConferencia(conferencia),
            ...(observacoes ? { observacoes } : {}),
          },
          motivo: observacoes,
          detalhes: {
            contingencia,
            enviado_por: pessoa.email,
            sha256: pdf.sha256,
            arquivo: guardado.nome,
            conferencia: conferencia.situacao,
            achados: conferencia.achados.map((a) => a.codigo),
          },
        });
        await criarExecucao(strapi, {
          processoId: processo.id as number,
          processoDocumentId: documentId,
          tipo: TipoExecucao.UPLOAD_MANUAL,
          status: StatusExecucao.CONCLUIDO,
          concluida: true,
          usuarioId: pessoa.usuarioId,
          urlArquivo: guardado.chave,
          parametros: {
            ...dadosFatura,
            nome_arquivo_original: arquivo.originalFilename ?? null,
            tamanho_bytes: pdf.tamanho,
            paginas: pdf.paginas,
            sha256: pdf.sha256,
            contingencia,
            observacoes,
          },
          resultado: {
            sucesso: true,
            mensagem: 'Fatura recebida por upload manual.',
            arquivo_fatura: guardado.chave,
            nome_arquivo: guardado.nome,
            ...dadosFatura,
          },
          // Quem enviou fica em `executado_por_usuario` (com a máscara do perfil); o log é lido por todos.
          mensagem: `Upload manual${contingencia ? ' (contingência depois de falha do robô)' : ''}.`,
        });
      });
    } catch (erro) {
      await removerArquivo(strapi, guardado).catch(() => undefined);
      if (ehViolacaoDeUnicidade(erro))
        throw erroConflito('Este PDF acabou de ser usado em outro processo.', {});
      throw erro;
    }
    return {
      processo: documentId,
      status_processo: TRANSICOES.registrar_upload_manual.para,
      sha256: pdf.sha256,
      contingencia,
      conferencia_fiscal: conferencia,
    };
  },
});
