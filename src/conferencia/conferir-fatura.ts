import fs from 'fs';
import type { Readable } from 'stream';
import type { Core } from '@strapi/strapi';
import {
  conferenciaNaoLida,
  conferirTextoDaFatura,
  EstadoProcesso,
  lerListaDeCnpjs,
  UID,
  type ConferenciaFiscal,
  type EsperadoDaFatura,
} from '@orquestrador-rpa/contrato';
import { abrirArquivo, buscarArquivo } from '../arquivos/armazenamento';
import { registrarAuditoria } from '../regras/auditoria';
import { erroConflito } from '../regras/erros';
import { processoOuErro } from '../workflow/consultas';
import { lerTextoDoPdf } from './leitura-pdf';

type Dados = Record<string, unknown>;

/** O que a fatura recebida diz de si (do robô, do e-mail ou de quem subiu). */
export interface FaturaRecebida {
  sha256: string;
  valor: number | null;
  vencimento: string | null;
}

/** O esperado do processo (com cliente e operadora populados) para a fatura recebida. */
const esperadoDoProcesso = (processo: Dados, fatura: FaturaRecebida): EsperadoDaFatura => {
  const cliente = (processo.cliente ?? {}) as Dados;
  const operadora = (cliente.operadora ?? {}) as Dados;
  return {
    valor: fatura.valor,
    vencimento: fatura.vencimento,
    competencia: String(processo.mes_ano),
    cnpj_cliente: String(cliente.cnpj ?? ''),
    cnpjs_operadora: lerListaDeCnpjs(String(operadora.cnpjs_emitentes ?? '')).validos,
  };
};

/** Lê e confere o PDF contra o processo; nunca lança (o que não se lê vira `NAO_LIDA` com o motivo). */
export const conferirPdf = async (
  pdf: Readable,
  processo: Dados,
  fatura: FaturaRecebida
): Promise<ConferenciaFiscal> => {
  const leitura = await lerTextoDoPdf(pdf);
  if ('motivo' in leitura) return conferenciaNaoLida(leitura.motivo, { sha256: fatura.sha256 });
  return conferirTextoDaFatura(leitura.texto, esperadoDoProcesso(processo, fatura), {
    sha256: fatura.sha256,
  });
};

export const conferirArquivoRecebido = (caminho: string, processo: Dados, fatura: FaturaRecebida) =>
  conferirPdf(fs.createReadStream(caminho), processo, fatura);

/** Campos do processo que guardam a conferência; a situação à parte filtra a fila no banco. */
export const camposDaConferencia = (conferencia: ConferenciaFiscal | null): Dados => ({
  conferencia_fiscal: conferencia,
  situacao_conferencia: conferencia?.situacao ?? null,
});

/**
 * Valor e vencimento que o robô não leu vêm do documento (código de pagamento, Pix ou rótulo
 * impresso); devolve os campos preenchidos para a auditoria dizer de onde vieram.
 */
export const preencherPelaConferencia = (
  fatura: FaturaRecebida,
  conferencia: ConferenciaFiscal
): { campos: Dados; preenchidos: string[] } => {
  const campos: Dados = {};
  if (fatura.valor === null && conferencia.extraido.valor !== null)
    campos.valor_fatura = conferencia.extraido.valor;
  if (fatura.vencimento === null && conferencia.extraido.vencimento !== null)
    campos.data_vencimento = conferencia.extraido.vencimento;
  return { campos, preenchidos: Object.keys(campos) };
};

/**
 * Confere de novo a fatura em análise (depois de corrigir o cadastro da operadora ou do cliente). A
 * nova conferência só é gravada se a fatura ainda for a mesma (compare-and-set pelo sha256).
 */
export const reconferirProcesso = async (
  strapi: Core.Strapi,
  documentId: string
): Promise<ConferenciaFiscal> => {
  const processo = await processoOuErro(strapi, documentId);
  if (processo.status_processo !== EstadoProcesso.AGUARDANDO_APROVACAO)
    throw erroConflito(
      `Só se reconfere a fatura em análise: o processo está em ${String(processo.status_processo)}.`,
      { status_atual: processo.status_processo }
    );
  const arquivo = processo.id_arquivo_fatura
    ? await buscarArquivo(strapi, processo.id_arquivo_fatura as number)
    : null;
  const sha256 = processo.hash_fatura as string | null;
  if (!arquivo || !sha256) throw erroConflito('Este processo não tem o PDF da fatura para conferir.', {});
  const conferencia = await conferirPdf(await abrirArquivo(strapi, arquivo), processo, {
    sha256,
    valor: processo.valor_fatura === null ? null : Number(processo.valor_fatura),
    vencimento: (processo.data_vencimento as string | null) ?? null,
  });
  await strapi.db.transaction(async () => {
    const { count } = await strapi.db.query(UID.PROCESSO).updateMany({
      where: { id: processo.id, hash_fatura: sha256, status_processo: EstadoProcesso.AGUARDANDO_APROVACAO },
      data: camposDaConferencia(conferencia),
    });
    if (count !== 1) throw erroConflito('A fatura mudou durante a conferência: abra a análise de novo.', {});
    await registrarAuditoria(strapi, {
      acao: 'processo.reconferido',
      entidade: 'processo',
      id_entidade: documentId,
      antes: { situacao_conferencia: processo.situacao_conferencia ?? null },
      depois: {
        situacao_conferencia: conferencia.situacao,
        achados: conferencia.achados.map((a) => a.codigo),
        sha256,
      },
    });
  });
  return conferencia;
};
