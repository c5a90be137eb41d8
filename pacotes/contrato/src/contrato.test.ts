import {
  ACOES_PAINEL,
  ACOES_RBAC,
  acaoRbacCompleta,
  caminhoPainel,
  caminhoRobo,
  codigoDoPortal,
  competenciaAtual,
  diaAtual,
  ehCompetencia,
  ehData,
  ehStatusExecucaoAberto,
  ehStatusExecucaoFinal,
  ehTipoExecucaoRobo,
  fimDoDia,
  FILAS,
  inicioDoDia,
  lerData,
  lerValor,
  nomeSala,
  ROTAS_PAINEL,
  somarMeses,
  STATUS_EXECUCAO,
  TIPOS_EXECUCAO_ROBO,
  TRANSICOES,
  urlPainel,
  versaoIp,
  motivoUrlRecusada,
  acoesDoPainel,
  ACOES_ROBO,
} from './index';

describe('competência, datas e valores (um formato e um fuso para todos os lados)', () => {
  test('competência de 2000 a 2099, mês 01 a 12; a corrente no fuso de São Paulo', () => {
    expect(['2025-03', '2099-12'].every(ehCompetencia)).toBe(true);
    expect(['2025-13', '1999-01', '2025-3', 202503].some(ehCompetencia)).toBe(false);
    expect(competenciaAtual(new Date('2025-03-01T02:59:00Z'))).toBe('2025-02');
    expect(competenciaAtual(new Date('2025-03-01T03:00:00Z'))).toBe('2025-03');
    expect(diaAtual(new Date('2025-03-01T02:59:00Z'))).toBe('2025-02-28');
    expect([somarMeses('2025-01', -1), somarMeses('2025-12', 1), somarMeses('2024-02', -14)]).toEqual([
      '2024-12',
      '2026-01',
      '2022-12',
    ]);
  });

  test('datas ISO ou brasileiras, só as que existem; limites do dia em -03:00', () => {
    expect([
      lerData('2024-02-29'),
      lerData('29/02/2024'),
      lerData('31/02/2025'),
      lerData('2025-2-1'),
      lerData(20250101),
    ]).toEqual(['2024-02-29', '2024-02-29', null, null, null]);
    expect([ehData('2025-04-30'), ehData('30/04/2025'), ehData('2025-04-31')]).toEqual([true, false, false]);
    expect(inicioDoDia('2025-05-10').toISOString()).toBe('2025-05-10T03:00:00.000Z');
    expect(fimDoDia('2025-05-10').toISOString()).toBe('2025-05-11T02:59:59.999Z');
  });

  test('valores em reais', () => {
    expect([
      lerValor('1.234,56'),
      lerValor('R$ 99,9'),
      lerValor('1234.56'),
      lerValor(12),
      lerValor('1,234.56'),
      lerValor('abc'),
      lerValor(Number.NaN),
    ]).toEqual([1234.56, 99.9, 1234.56, 12, null, null, null]);
  });
});

describe('vocabulário derivado da máquina de estados', () => {
  test('ações do painel: cada uma é uma transição, e o download exige robô', () => {
    for (const transicao of Object.values(ACOES_PAINEL)) expect(TRANSICOES).toHaveProperty(transicao);
    expect(acoesDoPainel('AGUARDANDO_DOWNLOAD', true)).toEqual(['executar_download', 'upload_manual']);
    expect(acoesDoPainel('AGUARDANDO_DOWNLOAD', false)).toEqual(['upload_manual']);
    expect(acoesDoPainel('CONFERIR_SAT', true)).toEqual(['reenviar_sat', 'confirmar_envio_sat']);
    for (const [tipo, acoes] of Object.entries(ACOES_ROBO)) {
      expect(TIPOS_EXECUCAO_ROBO).toContain(tipo);
      expect(TRANSICOES[acoes.iniciar].para).toBe(acoes.emAndamento);
    }
  });

  test('status e tipos de execução', () => {
    expect(STATUS_EXECUCAO.filter(ehStatusExecucaoAberto)).toEqual([
      'PENDENTE',
      'EXECUTANDO',
      'TENTANDO_NOVAMENTE',
    ]);
    expect(STATUS_EXECUCAO.filter(ehStatusExecucaoFinal)).toEqual(['CONCLUIDO', 'FALHOU', 'INTERROMPIDA']);
    expect([ehTipoExecucaoRobo('UPLOAD_SAT'), ehTipoExecucaoRobo('UPLOAD_MANUAL')]).toEqual([true, false]);
    expect(Object.keys(FILAS).sort()).toEqual([...TIPOS_EXECUCAO_ROBO].sort());
    expect([codigoDoPortal('UPLOAD_SAT', 'EMB'), codigoDoPortal('DOWNLOAD_FATURA', 'EMB')]).toEqual([
      'SAT',
      'EMB',
    ]);
  });
});

describe('contratos HTTP, RBAC e Socket.IO', () => {
  test('rotas do painel e do robô com parâmetros codificados', () => {
    expect(caminhoPainel('aprovar', { id: 'a b' })).toBe('/processos/a%20b/aprovar');
    expect(urlPainel('captura', { id: 'x', indice: 2 })).toBe('/orquestrador-rpa/execucoes/x/capturas/2');
    expect(caminhoPainel('resumo')).toBe('/resumo');
    expect(caminhoRobo('concluir')).toBe('/robo/execucoes/:id/concluir');
    expect(caminhoRobo('iniciar', 'exec/1')).toBe('/robo/execucoes/exec%2F1/iniciar');
    const acoes = ACOES_RBAC.map((a) => a.uid);
    for (const rota of Object.values(ROTAS_PAINEL)) expect(acoes).toContain(rota.acao);
    expect(acaoRbacCompleta('ver-painel')).toBe('plugin::orquestrador-rpa.ver-painel');
  });

  test('salas: operadora em maiúsculas', () => {
    expect([nomeSala('operadora', 'emb'), nomeSala('processo', 'abc')]).toEqual([
      'operadora:EMB',
      'processo:abc',
    ]);
  });

  test('IP literal sem o `net` do Node (o pacote também roda no navegador)', () => {
    expect([
      versaoIp('10.0.0.1'),
      versaoIp('256.0.0.1'),
      versaoIp('::1'),
      versaoIp('fe80::1'),
      versaoIp('portal.oi.com.br'),
    ]).toEqual([4, 0, 6, 6, 0]);
    expect(motivoUrlRecusada('https://[::ffff:7f00:1]/', { permitirLocal: false })).toContain(
      'endereço interno'
    );
    expect(motivoUrlRecusada('https://10.1.2.3/', { permitirLocal: true })).toContain('endereço interno');
    expect(
      motivoUrlRecusada('https://portal.oi.com.br/login', { permitirLocal: false }, ['*.oi.com.br'])
    ).toBeNull();
  });
});
