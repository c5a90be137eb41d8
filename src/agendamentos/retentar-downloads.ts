import type { Core } from '@strapi/strapi';
import {
  competenciaAtual,
  EstadoProcesso,
  erroRetentavel,
  OPERADORAS_COM_ROBO,
  operadoraTemRobo,
  SERVICO,
  TipoExecucao,
  UID,
  type TipoErro,
} from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;

interface Workflow {
  reabrir: (documentId: string, decisao: Dados) => Promise<unknown>;
}
interface Downloads {
  executarUm: (documentId: string) => Promise<{ enfileirada: boolean }>;
}

/**
 * Re-tenta os downloads do mês que terminaram em FALHA_DOWNLOAD por erro técnico (rede, portal
 * fora, tempo esgotado): reabre o processo e cria o download, pelos mesmos serviços do painel.
 * Falha de negócio (senha, sem fatura, seletor) fica para uma pessoa; e um processo que já teve
 * `limite_tentativas` downloads não é re-tentado de novo (nada de laço infinito todo dia).
 */
export const retentarDownloads = async (strapi: Core.Strapi, parametros: Dados): Promise<string> => {
  const limite = (parametros.limite_tentativas as number | undefined) ?? 3;
  const operadoras = parametros.operadoras as string[] | undefined;
  const processos = (await strapi.db.query(UID.PROCESSO).findMany({
    where: {
      status_processo: EstadoProcesso.FALHA_DOWNLOAD,
      mes_ano: competenciaAtual(),
      cliente: {
        status_ativo: true,
        operadora: {
          possui_rpa: true,
          status_ativo: true,
          codigo: { $in: operadoras ? operadoras.filter(operadoraTemRobo) : [...OPERADORAS_COM_ROBO] },
        },
      },
    },
    select: ['id', 'documentId'],
  })) as Array<{ id: number; documentId: string }>;
  const workflow = strapi.service(SERVICO.WORKFLOW) as unknown as Workflow;
  const downloads = strapi.service(SERVICO.DOWNLOADS) as unknown as Downloads;
  let [retentados, deNegocio, noLimite] = [0, 0, 0];
  for (const processo of processos) {
    const tentativas = (await strapi.db.query(UID.EXECUCAO).findMany({
      where: { processo: { id: processo.id }, tipo_execucao: TipoExecucao.DOWNLOAD_FATURA },
      select: ['detalhes_erro'],
      orderBy: { id: 'desc' },
    })) as Array<{ detalhes_erro: { tipo_erro?: TipoErro } | null }>;
    const tipo = tentativas[0]?.detalhes_erro?.tipo_erro;
    if (!tipo || !erroRetentavel(tipo)) {
      deNegocio += 1;
      continue;
    }
    if (tentativas.length >= limite) {
      noLimite += 1;
      continue;
    }
    await workflow.reabrir(processo.documentId, {
      observacoes: `Re-tentativa automática do agendamento: a falha anterior foi técnica (${tipo}).`,
    });
    await downloads.executarUm(processo.documentId);
    retentados += 1;
  }
  return `${retentados} download(s) re-tentado(s); ${deNegocio} com falha de negócio ficam para uma pessoa; ${noLimite} já no limite de ${limite} tentativa(s).`;
};
