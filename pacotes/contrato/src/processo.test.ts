import {
  ACOES_WORKFLOW,
  ESTADOS_PROCESSO,
  ESTADOS_TERMINAIS,
  TRANSICOES,
  acaoPermitida,
  acoesDisponiveis,
  acoesDoPainel,
  ehEstado,
  transicaoExiste,
  type AcaoWorkflow,
  type EstadoProcesso,
} from './processo.js';
import {
  ACOES_ESPERADAS,
  ESTADOS_ESPERADOS,
  TRANSICOES_ESPERADAS,
  destinoEsperado,
  todosOsPares,
} from '../../../tests/oraculos/transicoes';

describe('máquina de estados do processo (comparada a um oráculo escrito à mão)', () => {
  test('estados e ações são exatamente os do oráculo', () => {
    expect([...ESTADOS_PROCESSO].sort()).toEqual([...ESTADOS_ESPERADOS].sort());
    expect([...ACOES_WORKFLOW].sort()).toEqual(ACOES_ESPERADAS);
  });

  test.each(todosOsPares())(
    '%s × %s: permitida só se o oráculo diz, e leva ao destino dele',
    (estado, acao) => {
      const esperado = destinoEsperado(estado, acao);
      expect(acaoPermitida(acao as AcaoWorkflow, estado as EstadoProcesso)).toBe(esperado !== null);
      if (esperado) expect(TRANSICOES[acao as AcaoWorkflow].para).toBe(esperado);
    }
  );

  test('ENVIADO_SAT é o único estado terminal e não tem ação disponível', () => {
    expect(ESTADOS_TERMINAIS).toEqual(['ENVIADO_SAT']);
    expect(acoesDisponiveis('ENVIADO_SAT')).toEqual([]);
  });

  test('ações disponíveis por estado batem com o oráculo', () => {
    for (const estado of ESTADOS_ESPERADOS) {
      const doOraculo = TRANSICOES_ESPERADAS.filter(([de]) => de === estado)
        .map(([, acao]) => acao)
        .sort();
      expect([...acoesDisponiveis(estado as EstadoProcesso)].sort()).toEqual(doOraculo);
    }
  });

  test('transicaoExiste responde pelos pares (de → para) do oráculo', () => {
    for (const de of ESTADOS_ESPERADOS) {
      for (const para of ESTADOS_ESPERADOS) {
        const existe = TRANSICOES_ESPERADAS.some(([o, , d]) => o === de && d === para);
        expect(transicaoExiste(de as EstadoProcesso, para as EstadoProcesso)).toBe(existe);
      }
    }
  });

  test('ehEstado reconhece só os estados da tabela', () => {
    expect(ehEstado('APROVADA')).toBe(true);
    expect(ehEstado('aprovada')).toBe(false);
    expect(ehEstado(undefined)).toBe(false);
  });
});

describe('ações do painel por estado', () => {
  test('cada estado mostra só o que a pessoa pode disparar dali (escrito à mão)', () => {
    const esperado: Record<string, string[]> = {
      AGUARDANDO_DOWNLOAD: ['executar_download', 'upload_manual'],
      DOWNLOAD_EM_ANDAMENTO: [],
      AGUARDANDO_APROVACAO: ['aprovar'],
      APROVADA: [],
      ENVIANDO_SAT: [],
      ENVIADO_SAT: [],
      FALHA_DOWNLOAD: ['upload_manual', 'reabrir'],
      FALHA_ENVIO_SAT: ['reabrir', 'reenviar_sat'],
      CONFERIR_SAT: ['reenviar_sat', 'confirmar_envio_sat'],
      REJEITADA: ['reabrir'],
    };
    for (const estado of ESTADOS_PROCESSO) expect(acoesDoPainel(estado, true)).toEqual(esperado[estado]);
  });

  test('sem robô homologado não há download, só o upload manual', () => {
    expect(acoesDoPainel('AGUARDANDO_DOWNLOAD', false)).toEqual(['upload_manual']);
  });
});
