import type { Core } from '@strapi/strapi';
import { erroConflito, erroValidacao, exigirSemErros, type ErroDeCampo } from './erros';
import { lerAlvoRelacao } from './relacoes';
import { mesAnoValido } from './mes-ano';
import { UID_CLIENTE } from './cliente';

export const UID_PROCESSO = 'api::processo.processo';

type Dados = Record<string, unknown>;

/** Um processo por cliente e competência: chave derivada com índice único no banco. */
export const calcularChaveProcesso = (clienteDocumentId: string, mesAno: string): string => `${clienteDocumentId}|${mesAno}`;

export const prepararProcesso = async (strapi: Core.Strapi, entrada: Dados, existente: Dados | null): Promise<Dados> => {
  const documentId = existente?.documentId as string | undefined;
  const dados: Dados = { ...entrada };
  delete dados.chave_processo;
  const problemas: ErroDeCampo[] = [];
  if ((!documentId || 'mes_ano' in dados) && !mesAnoValido(dados.mes_ano)) {
    problemas.push({ campo: 'mes_ano', mensagem: `Competência inválida: "${String(dados.mes_ano ?? '')}". Use AAAA-MM (ex.: 2025-03).` });
  }
  exigirSemErros(problemas);
  const alvo = lerAlvoRelacao(dados.cliente);
  let clienteDocumentId = (existente?.cliente as Dados | undefined)?.documentId as string | undefined;
  if (alvo.tipo === 'removida' || (alvo.tipo === 'inalterada' && !clienteDocumentId)) {
    throw erroValidacao('O processo precisa estar vinculado a um cliente.', [{ campo: 'cliente', mensagem: 'Informe o cliente.' }]);
  }
  if (alvo.tipo === 'definida') {
    const cliente = (await strapi.db.query(UID_CLIENTE).findOne({
      where: alvo.documentId ? { documentId: alvo.documentId } : { id: alvo.id },
      select: ['documentId'],
    })) as Dados | null;
    if (!cliente) throw erroValidacao('O cliente informado não existe.', [{ campo: 'cliente', mensagem: 'Cliente não encontrado.' }]);
    clienteDocumentId = cliente.documentId as string;
  }
  const mesAno = (dados.mes_ano ?? existente?.mes_ano) as string;
  const chave = calcularChaveProcesso(clienteDocumentId!, mesAno);
  const outro = (await strapi.db.query(UID_PROCESSO).findOne({
    where: { chave_processo: chave, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
    select: ['documentId', 'status_processo'],
  })) as Dados | null;
  if (outro) {
    throw erroConflito(`Já existe um processo deste cliente para ${mesAno} (documentId ${outro.documentId as string}).`, {
      processo_existente: outro,
    });
  }
  dados.chave_processo = chave;
  return dados;
};
