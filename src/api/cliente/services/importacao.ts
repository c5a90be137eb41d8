import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { setImmediate } from 'timers/promises';
import { errors } from '@strapi/utils';
import {
  lerCsvClientes,
  type CampoCliente,
  type ErroLinha,
  type LinhaCsv,
} from '../../../regras/csv-clientes';
import { erroConflito, ehViolacaoDeUnicidade } from '../../../regras/erros';
import {
  CAMPOS_DO_DUPLICADO,
  CAMPOS_OPERADORA_DO_CLIENTE,
  CAMPOS_PORTAL_CLIENTE,
  calcularChaveUnicidade,
  completarCliente,
  conferirOperadoraDoCliente,
  erroClienteDuplicado,
  normalizarCamposCliente,
  validarEntradaCliente,
  type OperadoraResumo,
} from '../../../regras/cliente';
import { registrarAuditorias } from '../../../regras/auditoria';
import { portalAlterado } from '../../../regras/middlewares/cadastro';
import { type RelatorioImportacaoClientes, UID } from '@orquestrador-rpa/contrato';
import { configuracao } from '../../../configuracao';

type Dados = Record<string, unknown>;

/** O relatório do contrato (o painel o mostra como veio). */
export type RelatorioImportacao = RelatorioImportacaoClientes & { erros: ErroLinha[] };

/** Sinaliza, dentro da transação, que tudo deve ser desfeito. */
class Desfazer extends Error {}

interface TabelaLigacao {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  inverseOrderColumnName?: string;
}

const MENSAGEM_CORRIDA =
  'Outro cadastro gravou um destes clientes durante a importação; nada foi gravado. Importe de novo.';

/** Erro de regra (400/409) vira erro da linha; qualquer outro é técnico e sobe. */
const naoTecnico = (erro: unknown): unknown => {
  if (!(erro instanceof errors.ApplicationError) && (erro as { status?: number }).status !== 409) throw erro;
  return erro;
};

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

/**
 * A linha não muda nada no cliente existente (mesma forma canônica, mesma operadora)? Senha na
 * planilha é sempre mudança (gravada de novo, cifrada): compará-la com a atual faria da prévia um
 * oráculo que responde se a senha informada é a do portal.
 */
const semMudancas = (existente: Dados, dados: Dados): boolean =>
  !('senha_portal' in dados) &&
  Object.entries(dados).every(([campo, valor]) => {
    if (campo === 'operadora') return (existente.operadora as Dados | null)?.documentId === valor;
    return String(existente[campo] ?? '') === String(valor ?? '');
  });

/** Uma linha do arquivo já lida: campos na forma canônica, operadora resolvida, chave calculada. */
interface LinhaLida {
  numero: number;
  hash?: string;
  dados: Dados;
  operadora: OperadoraResumo;
  chave: string | null;
}

/** Linhas por consulta/INSERT (bem abaixo do limite de parâmetros do SQLite e do PostgreSQL). */
const LOTE = 500;

const emLotes = <T>(itens: T[]): T[][] =>
  Array.from({ length: Math.ceil(itens.length / LOTE) }, (_, i) => itens.slice(i * LOTE, (i + 1) * LOTE));

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Importa clientes do CSV com a semântica do legado: HASH de um cliente existente atualiza esse
   * cliente; sem HASH (ou desconhecida), a linha que casa com um cliente pela chave de unicidade
   * (CNPJ, operadora, unidade, serviço) o atualiza (ou fica inalterada), e só a que não casa cria:
   * reimportar a mesma planilha não duplica nem é recusada. Tudo ou nada, pelas mesmas regras do
   * cadastro (`src/regras/cliente.ts`); `simular` valida e relata sem gravar.
   *
   * Em lote: os clientes existentes e as operadoras são lidos de uma vez, as linhas novas são
   * validadas em memória pelas mesmas funções do cadastro e gravadas em INSERTs de 500 (com a
   * auditoria de cada uma); as atualizações passam pelo Document Service, uma a uma. A transação
   * fica curta e não trava as outras escritas (no SQLite, um escritor por vez).
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
    const cabecalho = lido.cabecalhoOriginal;
    const operadoras = (await strapi.db
      .query(UID.OPERADORA)
      .findMany({ select: [...CAMPOS_OPERADORA_DO_CLIENTE] })) as OperadoraResumo[];
    const porNome = new Map(operadoras.map((o) => [String(o.nome).trim().toLowerCase(), o]));
    const linhas = lido.linhas.flatMap((l) => this.lerLinha(l, porNome, cabecalho, relatorio));
    const existentes = await this.buscarExistentes(
      linhas.flatMap((l) => (l.hash ? [l.hash] : [])),
      linhas.flatMap((l) => (l.chave ? [l.chave] : []))
    );
    const novas: LinhaLida[] = [];
    const atualizacoes: Array<{ linha: LinhaLida; documentId: string }> = [];
    for (const linha of linhas) {
      const existente =
        (linha.hash ? existentes.porHash.get(linha.hash) : undefined) ??
        (linha.chave ? existentes.porChave.get(linha.chave) : undefined);
      if (!existente) novas.push(linha);
      else if (semMudancas(existente, linha.dados)) relatorio.inalterados += 1;
      else atualizacoes.push({ linha, documentId: String(existente.documentId) });
    }
    const prontas = await this.prepararNovas(novas, cabecalho, relatorio);
    if (relatorio.erros.length > 0) return this.recusar(relatorio);
    try {
      await strapi.db.transaction(async ({ trx }) => {
        await this.inserirEmLote(prontas, trx);
        relatorio.criados = prontas.length;
        for (const { linha, documentId } of atualizacoes) {
          try {
            await strapi.documents(UID.CLIENTE).update({ documentId, data: linha.dados as never });
            relatorio.atualizados += 1;
          } catch (erro) {
            relatorio.erros.push(...errosDaRegra(naoTecnico(erro), linha.numero, cabecalho));
          }
        }
        if (simular || relatorio.erros.length > 0) throw new Desfazer();
      });
    } catch (erro) {
      // Outro cadastro gravou o mesmo cliente entre a leitura e os INSERTs: o índice único recusa e
      // a transação inteira é desfeita, como no cadastro (409).
      if (ehViolacaoDeUnicidade(erro)) throw erroConflito(MENSAGEM_CORRIDA);
      if (!(erro instanceof Desfazer)) throw erro;
    }
    return relatorio.erros.length > 0 ? this.recusar(relatorio) : relatorio;
  },

  /** Campos na forma canônica e a operadora pelo nome (sem diferenciar maiúsculas). */
  lerLinha(
    linha: LinhaCsv,
    porNome: Map<string, OperadoraResumo>,
    cabecalho: Partial<Record<CampoCliente, string>>,
    relatorio: RelatorioImportacao
  ): LinhaLida[] {
    const { hash, operadora: nome, status_ativo: status, senha_portal: senha, ...campos } = linha.valores;
    const operadora = porNome.get((nome ?? '').toLowerCase());
    if (!operadora) {
      relatorio.erros.push({
        linha: linha.numero,
        coluna: cabecalho.operadora ?? 'operadora',
        mensagem: `Operadora não cadastrada: "${nome ?? ''}".`,
      });
      return [];
    }
    const dados: Dados = normalizarCamposCliente({ ...campos, operadora: operadora.documentId });
    if (senha) dados.senha_portal = senha;
    const ativo = lerStatus(status);
    if (ativo !== undefined) dados.status_ativo = ativo;
    const chave =
      typeof dados.cnpj === 'string' && dados.cnpj && typeof dados.unidade === 'string'
        ? calcularChaveUnicidade(dados.cnpj, operadora.documentId, dados.unidade, String(dados.servico ?? ''))
        : null;
    return [{ numero: linha.numero, hash: hash || undefined, dados, operadora, chave }];
  },

  /** Clientes que as linhas podem atualizar (pela HASH ou pela chave), em poucas consultas. */
  async buscarExistentes(hashes: string[], chaves: string[]) {
    const porHash = new Map<string, Dados>();
    const porChave = new Map<string, Dados>();
    const guardar = (lista: Dados[]) =>
      lista.forEach((c) => {
        porHash.set(String(c.hash_unico), c);
        porChave.set(String(c.chave_unicidade), c);
      });
    const buscar = async (campo: 'hash_unico' | 'chave_unicidade', valores: string[]) => {
      for (const lote of emLotes([...new Set(valores)]))
        guardar(
          (await strapi.db.query(UID.CLIENTE).findMany({
            where: { [campo]: { $in: lote } },
            populate: { operadora: { select: ['documentId'] } },
          })) as Dados[]
        );
    };
    await buscar('hash_unico', hashes);
    await buscar('chave_unicidade', chaves);
    return { porHash, porChave };
  },

  /**
   * As linhas novas pela regra do cadastro (validação, operadora ativa, site, hash, chave, senha
   * cifrada) e pelas restrições do esquema; duplicada contra o banco ou contra outra linha do arquivo
   * é erro da linha, com a outra identificada.
   */
  async prepararNovas(
    novas: LinhaLida[],
    cabecalho: Partial<Record<CampoCliente, string>>,
    relatorio: RelatorioImportacao
  ): Promise<LinhaLida[]> {
    const prontas: LinhaLida[] = [];
    for (const [i, linha] of novas.entries()) {
      if (i % 200 === 199) await setImmediate(); // não prende o laço de eventos (HTTP, robôs) numa planilha grande
      try {
        const dados = validarEntradaCliente(strapi, linha.dados, null);
        conferirOperadoraDoCliente(linha.operadora, null);
        completarCliente(dados, null, linha.operadora);
        prontas.push({ ...linha, dados });
      } catch (erro) {
        relatorio.erros.push(...errosDaRegra(naoTecnico(erro), linha.numero, cabecalho));
      }
    }
    const ocupadas = new Map<string, Dados>();
    for (const lote of emLotes(prontas.map((l) => String(l.dados.hash_unico))))
      for (const c of (await strapi.db.query(UID.CLIENTE).findMany({
        where: { hash_unico: { $in: lote } },
        select: [...CAMPOS_DO_DUPLICADO, 'chave_unicidade'],
      })) as Dados[])
        ocupadas.set(String(c.hash_unico), c);
    const doArquivo = new Map<string, number>();
    return prontas.filter((linha) => {
      const { hash_unico: hash, chave_unicidade: chave } = linha.dados as Record<string, string>;
      const outro = ocupadas.get(hash);
      // Com a mesma chave, a linha teria casado com ele na leitura (e viraria atualização): se não
      // casou, outro cadastro o gravou no meio desta importação — a corrida perdida é 409, não 400.
      if (outro && outro.chave_unicidade === chave) throw erroConflito(MENSAGEM_CORRIDA);
      const repetida = doArquivo.get(`h:${hash}`) ?? doArquivo.get(`c:${chave}`);
      const mensagem = outro
        ? erroClienteDuplicado(outro).message
        : repetida
          ? `Repete o cliente da linha ${repetida} (mesma hash ou mesmos CNPJ, operadora, unidade e serviço).`
          : null;
      if (mensagem) {
        relatorio.erros.push({ linha: linha.numero, coluna: '—', mensagem });
        return false;
      }
      doArquivo.set(`h:${hash}`, linha.numero);
      doArquivo.set(`c:${chave}`, linha.numero);
      return true;
    });
  },

  /** INSERTs de 500 clientes, a ligação com a operadora e a auditoria de cada um (criar e portal). */
  async inserirEmLote(prontas: LinhaLida[], trx: Knex.Transaction) {
    const meta = strapi.db.metadata.get(UID.CLIENTE) as unknown as {
      attributes: { operadora: { joinTable: TabelaLigacao } };
    };
    const ligacao = meta.attributes.operadora.joinTable;
    const agora = new Date();
    const proximaOrdem = new Map<number, number>();
    for (const lote of emLotes(prontas)) {
      const { ids } = (await strapi.db.query(UID.CLIENTE).createMany({
        data: lote.map(({ dados }) => {
          const { operadora: _ligadaAbaixo, ...campos } = dados;
          return { ...campos, createdAt: agora, updatedAt: agora, publishedAt: agora };
        }),
      })) as { ids: number[] };
      const linhasLigacao: Dados[] = [];
      for (const [i, { operadora }] of lote.entries()) {
        const linha: Dados = {
          [ligacao.joinColumn.name]: ids[i],
          [ligacao.inverseJoinColumn.name]: operadora.id,
        };
        if (ligacao.inverseOrderColumnName) {
          const ordem =
            proximaOrdem.get(operadora.id) ?? (await this.ultimaOrdem(trx, ligacao, operadora.id));
          linha[ligacao.inverseOrderColumnName] = ordem + 1;
          proximaOrdem.set(operadora.id, ordem + 1);
        }
        linhasLigacao.push(linha);
      }
      await trx(ligacao.name).insert(linhasLigacao);
      await registrarAuditorias(
        strapi,
        lote.flatMap(({ dados, operadora }, i) => {
          const depois = { ...dados, id: ids[i], operadora: { documentId: operadora.documentId } };
          const id_entidade = String(dados.documentId);
          const portal = portalAlterado(CAMPOS_PORTAL_CLIENTE, null, depois);
          return [
            { acao: 'cliente.criar', entidade: 'cliente', id_entidade, antes: null, depois },
            ...(portal.length
              ? [
                  {
                    acao: 'cliente.portal_alterado',
                    entidade: 'cliente',
                    id_entidade,
                    depois: { campos: portal },
                  },
                ]
              : []),
          ];
        })
      );
    }
  },

  /** Maior posição do cliente na lista da operadora (a ordem que o Content Manager mantém). */
  async ultimaOrdem(trx: Knex.Transaction, ligacao: TabelaLigacao, operadoraId: number): Promise<number> {
    const [{ maximo }] = (await trx(ligacao.name)
      .where(ligacao.inverseJoinColumn.name, operadoraId)
      .max({ maximo: ligacao.inverseOrderColumnName! })) as Array<{ maximo: number | null }>;
    return Number(maximo ?? 0);
  },

  /** Nada foi gravado: 400 com o relatório e os erros por linha. */
  recusar(relatorio: RelatorioImportacao): never {
    relatorio.erros.sort((a, b) => a.linha - b.linha); // estável: a ordem das colunas na linha fica
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
