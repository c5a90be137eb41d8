import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  lerCsvClientes,
  type CampoCliente,
  type ErroLinha,
  type LinhaCsv,
} from '../../../regras/csv-clientes';
import { decifrarSenha } from '../../../regras/cofre';
import { calcularChaveUnicidade, normalizarCamposCliente } from '../../../regras/cliente';
import { type RelatorioImportacaoClientes, UID } from '@orquestrador-rpa/contrato';
import { configuracao } from '../../../configuracao';

type Dados = Record<string, unknown>;

/** O relatório do contrato (o painel o mostra como veio). */
export type RelatorioImportacao = RelatorioImportacaoClientes & { erros: ErroLinha[] };

/** Sinaliza, dentro da transação, que tudo deve ser desfeito. */
class Desfazer extends Error {}

const lerStatus = (valor: string | undefined): boolean | undefined => {
  if (valor === undefined || valor === '') return undefined;
  return !/^(false|0|nao|não|inativo)$/i.test(valor);
};

/** Converte os erros de regra (400/409) em erros por linha, com o nome da coluna do arquivo. */
const errosDaRegra = (
  erro: unknown,
  numero: number,
  cabecalho: Partial<Record<CampoCliente, string>>
): ErroLinha[] => {
  const e = erro as { message?: string; details?: { errors?: Array<{ path?: string[]; message?: string }> } };
  const campos = e.details?.errors ?? [];
  const colunaDe = (campo?: string): string => (campo && cabecalho[campo as CampoCliente]) || campo || '—';
  if (campos.length === 0) return [{ linha: numero, coluna: '—', mensagem: e.message ?? String(erro) }];
  return campos.map((c) => ({
    linha: numero,
    coluna: colunaDe(c.path?.[0]),
    mensagem: c.message ?? e.message ?? 'inválido',
  }));
};

/** A linha não muda nada no cliente existente (mesma forma canônica, mesma operadora, mesma senha)? */
const semMudancas = (existente: Dados, dados: Dados): boolean =>
  Object.entries(dados).every(([campo, valor]) => {
    if (campo === 'operadora') return (existente.operadora as Dados | null)?.documentId === valor;
    if (campo === 'senha_portal') {
      try {
        return (
          typeof existente.senha_portal === 'string' &&
          decifrarSenha(existente.senha_portal, String(existente.documentId)) === valor
        );
      } catch {
        return false;
      }
    }
    return String(existente[campo] ?? '') === String(valor ?? '');
  });

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Importa clientes do CSV com a semântica do legado: HASH de um cliente existente atualiza esse
   * cliente; sem HASH (ou desconhecida), a linha que casa com um cliente pela chave de unicidade
   * (CNPJ, operadora, unidade, serviço) o atualiza (ou fica inalterada), e só a que não casa cria:
   * reimportar a mesma planilha não duplica nem é recusada. Tudo ou nada numa transação, pelas
   * mesmas regras do cadastro (Document Service); `simular` valida e relata sem gravar.
   */
  async importar(
    bytes: Buffer,
    { simular = false }: { simular?: boolean } = {}
  ): Promise<RelatorioImportacao> {
    const lido = lerCsvClientes(bytes);
    const relatorio: RelatorioImportacao = {
      simulacao: simular,
      criados: 0,
      atualizados: 0,
      inalterados: 0,
      erros: [...lido.erros],
    };
    const maximo = configuracao().limites.importacaoLinhas;
    if (lido.linhas.length > maximo) {
      relatorio.erros.push({
        linha: 1,
        coluna: '—',
        mensagem: `A planilha tem ${lido.linhas.length} linhas; o limite é ${maximo} por importação (divida o arquivo).`,
      });
      return this.recusar(relatorio);
    }
    if (relatorio.erros.some((e) => e.linha === 1) || lido.linhas.length === 0)
      return this.recusar(relatorio);
    const operadoras = (await strapi.db
      .query(UID.OPERADORA)
      .findMany({ select: ['documentId', 'nome'] })) as Dados[];
    const porNome = new Map(
      operadoras.map((o) => [String(o.nome).trim().toLowerCase(), String(o.documentId)])
    );
    try {
      await strapi.db.transaction(async () => {
        for (const linha of lido.linhas)
          await this.importarLinha(linha, porNome, lido.cabecalhoOriginal, relatorio);
        if (simular || relatorio.erros.length > 0) throw new Desfazer();
      });
    } catch (erro) {
      if (!(erro instanceof Desfazer)) throw erro;
    }
    return relatorio.erros.length > 0 ? this.recusar(relatorio) : relatorio;
  },

  async importarLinha(
    linha: LinhaCsv,
    porNome: Map<string, string>,
    cabecalho: Partial<Record<CampoCliente, string>>,
    relatorio: RelatorioImportacao
  ) {
    const { hash, operadora, status_ativo: status, senha_portal: senha, ...campos } = linha.valores;
    const operadoraId = porNome.get((operadora ?? '').toLowerCase());
    if (!operadoraId) {
      relatorio.erros.push({
        linha: linha.numero,
        coluna: cabecalho.operadora ?? 'operadora',
        mensagem: `Operadora não cadastrada: "${operadora ?? ''}".`,
      });
      return;
    }
    const dados: Dados = normalizarCamposCliente({ ...campos, operadora: operadoraId });
    if (senha) dados.senha_portal = senha;
    const ativo = lerStatus(status);
    if (ativo !== undefined) dados.status_ativo = ativo;
    const buscar = async (where: Dados) =>
      (await strapi.db.query(UID.CLIENTE).findOne({
        where,
        populate: { operadora: { select: ['documentId'] } },
      })) as Dados | null;
    const chave =
      typeof dados.cnpj === 'string' && dados.cnpj && typeof dados.unidade === 'string'
        ? calcularChaveUnicidade(dados.cnpj, operadoraId, dados.unidade, String(dados.servico ?? ''))
        : null;
    const existente =
      (hash ? await buscar({ hash_unico: hash }) : null) ??
      (chave ? await buscar({ chave_unicidade: chave }) : null);
    try {
      if (!existente) {
        await strapi.documents(UID.CLIENTE).create({ data: dados as never });
        relatorio.criados += 1;
      } else if (semMudancas(existente, dados)) {
        relatorio.inalterados += 1;
      } else {
        await strapi
          .documents(UID.CLIENTE)
          .update({ documentId: String(existente.documentId), data: dados as never });
        relatorio.atualizados += 1;
      }
    } catch (erro) {
      if (!(erro instanceof errors.ApplicationError) && (erro as { status?: number }).status !== 409)
        throw erro;
      relatorio.erros.push(...errosDaRegra(erro, linha.numero, cabecalho));
    }
  },

  /** Nada foi gravado: 400 com o relatório e os erros por linha. */
  recusar(relatorio: RelatorioImportacao): never {
    throw new errors.ValidationError(
      `Importação recusada: ${relatorio.erros.length} erro(s); nenhuma linha foi gravada.`,
      {
        ...relatorio,
        criados: 0,
        atualizados: 0,
        inalterados: 0,
        errors: relatorio.erros.map((e) => ({
          path: [`linha ${e.linha}`, e.coluna],
          message: e.mensagem,
          name: 'ValidationError',
        })),
      }
    );
  },
});
