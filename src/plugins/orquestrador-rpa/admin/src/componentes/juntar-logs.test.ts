import { juntar, type Estado, type LinhaAoVivo } from './juntar-logs';

const linha = (sequencia: number | null, texto: string): LinhaAoVivo => ({
  id_execucao: 'e1',
  id_processo: 'p1',
  operadora_codigo: 'EMB',
  tipo_execucao: 'DOWNLOAD_FATURA',
  linha: texto,
  data_hora: '2026-11-29T03:00:00.000Z',
  sequencia,
});
const textos = (estado: Estado) =>
  [...estado.get('e1')!.linhas.entries()].sort(([a], [b]) => a - b).map(([, l]) => l.linha);
const historico = (origem: 'banco' | 'fila', linhas: string[]) => ({
  tipo: 'historico' as const,
  itens: [
    {
      id_execucao: 'e1',
      id_processo: 'p1',
      tipo_execucao: 'DOWNLOAD_FATURA',
      status_execucao: origem === 'fila' ? 'EXECUTANDO' : 'CONCLUIDO',
      origem,
      linhas: linhas.map((l, i) => ({ sequencia: i + 1, linha: l })),
    },
  ],
});

describe('junção do histórico com as linhas ao vivo', () => {
  test('linha ao vivo antes do histórico (chegou no intervalo da assinatura): nada duplica, a ordem é a do log', () => {
    let estado: Estado = new Map();
    estado = juntar(estado, { tipo: 'linha', linha: linha(3, 'c') });
    estado = juntar(estado, historico('fila', ['a', 'b', 'c']));
    estado = juntar(estado, { tipo: 'linha', linha: linha(4, 'd') });
    expect(textos(estado)).toEqual(['a', 'b', 'c', 'd']);
    expect(estado.get('e1')).toMatchObject({ status_execucao: 'EXECUTANDO', operadora: 'EMB' });
  });

  test('reconexão: o histórico traz as linhas perdidas sem repetir as já vistas', () => {
    let estado: Estado = juntar(new Map(), historico('fila', ['a']));
    estado = juntar(estado, { tipo: 'linha', linha: linha(2, 'b') });
    estado = juntar(estado, historico('fila', ['a', 'b', 'c (perdida na queda)', 'd']));
    expect(textos(estado)).toEqual(['a', 'b', 'c (perdida na queda)', 'd']);
  });

  test('histórico do banco (execução encerrada) substitui o que havia; linha sem sequência vai para o fim', () => {
    let estado: Estado = juntar(new Map(), { tipo: 'linha', linha: linha(7, 'tentativa anterior') });
    estado = juntar(estado, historico('banco', ['x', 'y']));
    expect(textos(estado)).toEqual(['x', 'y']);
    estado = juntar(estado, { tipo: 'linha', linha: linha(null, 'z') });
    expect(textos(estado)).toEqual(['x', 'y', 'z']);
    expect(juntar(estado, { tipo: 'limpar' }).size).toBe(0);
  });
});
