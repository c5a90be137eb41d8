import type { Core } from '@strapi/strapi';
import { registrarAuditoria } from '../regras/auditoria';
import { iniciarTarefaPeriodica } from '../filas/tarefa-periodica';
import { configuracao } from '../configuracao';
import { UID } from '@orquestrador-rpa/contrato';
import { removerArquivo, type ArquivoPrivado } from './armazenamento';
import { apagarPartesAbandonadas } from '../seguranca/multipart';
import { valorData } from '../plugins/orquestrador-rpa/server/src/services/consultas-sql';

type Dados = Record<string, unknown>;

/** Por ciclo: o bastante para limpar depois de uma queda, pouco para não pesar no banco. */
const LOTE = 200;

/** A captura nasce com o documentId da execução no nome (`captura_<execução>_<n>.png`). */
const execucaoDaCaptura = (nome: string): string | null => /^captura_(.+)_\d+\.png$/.exec(nome)?.[1] ?? null;

/**
 * Arquivos registrados há mais de `idadeMinimaMs` que nada usa: nenhum processo o tem como fatura,
 * nenhuma execução o tem como arquivo (o histórico das faturas substituídas fica nas execuções), e,
 * se captura, a execução dona não o lista. É o que sobra de uma queda entre guardar o arquivo e a
 * transação do processo (upload manual, robô, e-mail). Apaga bytes e registro, com auditoria.
 */
export const coletarArquivosOrfaos = async (
  strapi: Core.Strapi,
  idadeMinimaMs = configuracao().arquivosOrfaos.idadeMinimaMs
): Promise<number> => {
  const meta = (uid: string) =>
    strapi.db.metadata.get(uid) as unknown as {
      tableName: string;
      attributes: Record<string, { columnName?: string }>;
    };
  const [a, p, e] = [meta(UID.ARQUIVO), meta(UID.PROCESSO), meta(UID.EXECUCAO)];
  const coluna = (m: ReturnType<typeof meta>, atributo: string) =>
    m.attributes[atributo]?.columnName ?? atributo;
  const k = strapi.db.connection;
  const limite = new Date(Date.now() - idadeMinimaMs);
  const candidatos = (await k(`${a.tableName} as a`)
    .where(`a.${coluna(a, 'createdAt')}`, '<', valorData(strapi, limite))
    .whereNotExists(
      k(`${p.tableName} as p`)
        .select(k.raw('1'))
        .whereRaw(`p.${coluna(p, 'caminho_s3_fatura')} = a.chave`)
    )
    .whereNotExists(
      k(`${e.tableName} as e`)
        .select(k.raw('1'))
        .whereRaw(`e.${coluna(e, 'url_arquivo_s3')} = a.chave`)
    )
    .select('a.id as id')
    .orderBy('a.id')
    .limit(LOTE)) as Array<{ id: number }>;
  let removidos = 0;
  for (const { id } of candidatos) {
    const arquivo = (await strapi.db.query(UID.ARQUIVO).findOne({ where: { id } })) as ArquivoPrivado | null;
    if (!arquivo || (await capturaEmUso(strapi, arquivo))) continue;
    await removerArquivo(strapi, arquivo);
    await registrarAuditoria(strapi, {
      acao: 'arquivo.orfao_removido',
      entidade: 'arquivo',
      id_entidade: arquivo.documentId,
      antes: { chave: arquivo.chave, tipo: arquivo.tipo, provedor: arquivo.provedor, sha256: arquivo.sha256 },
    });
    removidos += 1;
  }
  return removidos;
};

const capturaEmUso = async (strapi: Core.Strapi, arquivo: ArquivoPrivado): Promise<boolean> => {
  if (arquivo.tipo !== 'CAPTURA') return false;
  const dona = execucaoDaCaptura(arquivo.nome);
  if (!dona) return true; // nome fora do padrão: na dúvida, fica
  const execucao = (await strapi.db.query(UID.EXECUCAO).findOne({
    where: { documentId: dona },
    select: ['detalhes_erro'],
  })) as { detalhes_erro?: Dados | null } | null;
  const capturas = execucao?.detalhes_erro?.capturas;
  return Array.isArray(capturas) && capturas.includes(arquivo.chave);
};

let parar: (() => void) | null = null;

/**
 * Na subida e a cada `ARQUIVOS_ORFAOS_INTERVALO_MS` (padrão 1 h; 0 = só na subida); também as partes de
 * multipart de envios interrompidos, com a mesma idade mínima.
 */
export const iniciarColetorDeOrfaos = (strapi: Core.Strapi): void => {
  parar = iniciarTarefaPeriodica(
    configuracao().arquivosOrfaos.intervaloMs,
    async () => {
      const removidos = await coletarArquivosOrfaos(strapi);
      if (removidos)
        strapi.log.warn(`Coletor de órfãos: ${removidos} arquivo(s) sem processo nem execução removido(s).`);
      const partes = apagarPartesAbandonadas(configuracao().arquivosOrfaos.idadeMinimaMs);
      if (partes) strapi.log.warn(`Coletor de órfãos: ${partes} parte(s) de envio interrompido removida(s).`);
    },
    (erro) => strapi.log.warn(`Coletor de órfãos não rodou: ${erro.message}`),
    (ciclos) => strapi.log.info(`Coletor de órfãos voltou a rodar depois de ${ciclos} ciclo(s) com falha.`)
  );
};

export const pararColetorDeOrfaos = (): void => {
  parar?.();
  parar = null;
};
