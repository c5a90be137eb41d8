import {
  type HistoricoExecucao,
  type LinhaAoVivo,
  StatusExecucao,
  type TipoExecucao,
} from '@orquestrador-rpa/contrato';

export type { HistoricoExecucao, LinhaAoVivo, TransicaoAoVivo } from '@orquestrador-rpa/contrato';

/** Junção pura do histórico com as linhas ao vivo (sem React, testável sozinha). */

export interface ExecucaoNoPainel {
  id_execucao: string;
  id_processo: string | null;
  tipo_execucao: TipoExecucao | null;
  status_execucao: StatusExecucao | null;
  operadora: string | null;
  linhas: Map<number, { linha: string; data_hora: string | null }>;
}

export type Estado = Map<string, ExecucaoNoPainel>;
export type AcaoLogs =
  | { tipo: 'historico'; itens: HistoricoExecucao[] }
  | { tipo: 'linha'; linha: LinhaAoVivo }
  | { tipo: 'limpar' };

const nova = (id: string, dados: Partial<ExecucaoNoPainel>): ExecucaoNoPainel => ({
  id_execucao: id,
  id_processo: null,
  tipo_execucao: null,
  status_execucao: null,
  operadora: null,
  linhas: new Map(),
  ...dados,
});

/**
 * Junta histórico e linhas ao vivo sem perder nem duplicar: a chave é a `sequencia` da linha no
 * log do job. O histórico do banco (execução encerrada) substitui tudo o que havia.
 */
export const juntar = (estado: Estado, acao: AcaoLogs): Estado => {
  if (acao.tipo === 'limpar') return new Map();
  const proximo = new Map(estado);
  if (acao.tipo === 'historico') {
    for (const item of acao.itens) {
      const atual = proximo.get(item.id_execucao);
      const linhas = item.origem === 'banco' || !atual ? new Map() : new Map(atual.linhas);
      for (const l of item.linhas)
        linhas.set(l.sequencia, { linha: l.linha, data_hora: linhas.get(l.sequencia)?.data_hora ?? null });
      proximo.set(
        item.id_execucao,
        nova(item.id_execucao, {
          ...atual,
          id_processo: item.id_processo,
          tipo_execucao: item.tipo_execucao,
          status_execucao: item.status_execucao,
          linhas,
        })
      );
    }
    return proximo;
  }
  const { linha } = acao;
  const atual = proximo.get(linha.id_execucao) ?? nova(linha.id_execucao, {});
  const linhas = new Map(atual.linhas);
  const sequencia = linha.sequencia ?? Math.max(0, ...linhas.keys()) + 1;
  linhas.set(sequencia, { linha: linha.linha, data_hora: linha.data_hora });
  // Linha chegando = execução rodando; o status final vem com o histórico atualizado na transição.
  proximo.set(linha.id_execucao, {
    ...atual,
    id_processo: linha.id_processo,
    tipo_execucao: linha.tipo_execucao,
    operadora: linha.operadora_codigo,
    status_execucao: StatusExecucao.EXECUTANDO,
    linhas,
  });
  return proximo;
};
