import { ErroConfiguracao, lerConfiguracaoOrquestrador } from './configuracao';

describe('configuração do orquestrador', () => {
  test('sem variáveis: os padrões documentados no .env.example', () => {
    const c = lerConfiguracaoOrquestrador({});
    expect(c.filas).toEqual({
      urlRedis: 'redis://127.0.0.1:6379',
      prefixo: 'orquestrador',
      tentativas: 3,
      esperaInicialMs: 30_000,
      intervaloDespachoMs: 10_000,
    });
    expect(c.quatroOlhos).toEqual({ robo: true, janelaDias: 30, carenciaHoras: 24 });
    expect(c.limites).toEqual({
      faturaMb: 20,
      importacaoMb: 5,
      importacaoLinhas: 20_000,
      exportacoesPorMinuto: 10,
      importacoesPorMinuto: 10,
      populateProfundidade: 3,
      decisoesPorMinuto: 60,
    });
    expect(c.sat).toEqual({ url: null, usuario: null, senha: null });
    expect(c.robo.portaisLocaisPermitidos).toBe(false);
  });

  test('valores lidos e convertidos (vírgula decimal, sim/não, zero onde zero faz sentido)', () => {
    const c = lerConfiguracaoOrquestrador({
      FILAS_TENTATIVAS: '5',
      FILAS_INTERVALO_DESPACHO_MS: '0',
      FATURA_TAMANHO_MAXIMO_MB: '2,5',
      QUATRO_OLHOS_ROBO: 'não',
      PORTAIS_LOCAIS_PERMITIDOS: 'sim',
      SAT_URL: 'https://sat.exemplo.com.br/',
      DEMO_URL_OI: 'http://127.0.0.1:8093/login',
    });
    expect([
      c.filas.tentativas,
      c.filas.intervaloDespachoMs,
      c.limites.faturaMb,
      c.quatroOlhos.robo,
      c.robo.portaisLocaisPermitidos,
    ]).toEqual([5, 0, 2.5, false, true]);
    expect([c.sat.url, c.demonstracao.urlOi]).toEqual([
      'https://sat.exemplo.com.br/',
      'http://127.0.0.1:8093/login',
    ]);
  });

  test('valor inválido não vira NaN nem padrão silencioso: a subida falha dizendo a variável e o valor', () => {
    let erro: ErroConfiguracao | undefined;
    try {
      lerConfiguracaoOrquestrador({
        FILAS_TENTATIVAS: 'três',
        RECONCILIADOR_LIMITE_RECRIACOES: '0',
        FATURA_TAMANHO_MAXIMO_MB: '-1',
        QUATRO_OLHOS_ROBO: 'talvez',
        REDIS_URL: 'redis sem esquema',
      });
    } catch (e) {
      erro = e as ErroConfiguracao;
    }
    expect(erro).toBeInstanceOf(ErroConfiguracao);
    expect(erro!.problemas).toEqual([
      'REDIS_URL não é uma URL (recebido "redis sem esquema").',
      'FILAS_TENTATIVAS deve ser um número inteiro ≥ 1 (recebido "três").',
      'RECONCILIADOR_LIMITE_RECRIACOES deve ser um número inteiro ≥ 1 (recebido "0").',
      'QUATRO_OLHOS_ROBO deve ser true ou false (recebido "talvez").',
      'FATURA_TAMANHO_MAXIMO_MB deve ser um número maior que zero (recebido "-1").',
    ]);
  });
  test('notificações e canais: padrões, leitura e a trava maior que o tempo limite', () => {
    const padrao = lerConfiguracaoOrquestrador({});
    expect(padrao.notificacoes).toMatchObject({
      urlPublica: 'http://localhost:1337',
      linkDecisaoHoras: 72,
      consumidor: true,
    });
    expect(padrao.canais.telegram).toEqual({ url: 'https://api.telegram.org', token: null });
    expect(padrao.canais.smtp.host).toBeNull();
    expect(padrao.agendamentos).toEqual({ ligados: true, intervaloRecargaMs: 60_000 });
    expect(lerConfiguracaoOrquestrador({ AGENDAMENTOS_LIGADOS: 'não' }).agendamentos.ligados).toBe(false);
    const lida = lerConfiguracaoOrquestrador({
      PAINEL_URL_PUBLICA: 'https://painel.empresa.com.br/',
      SMTP_HOST: 'smtp.empresa.com.br',
      SMTP_PORTA: '465',
      SMTP_SEGURO: 'sim',
      SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X',
    });
    expect(lida.notificacoes.urlPublica).toBe('https://painel.empresa.com.br');
    expect(lida.canais.smtp).toMatchObject({ host: 'smtp.empresa.com.br', porta: 465, seguro: true });
    expect(lida.canais.slack.webhook).toBe('https://hooks.slack.com/services/T/B/X');
    expect(() =>
      lerConfiguracaoOrquestrador({ NOTIFICACOES_TRAVA_MS: '5000', NOTIFICACOES_TEMPO_LIMITE_MS: '20000' })
    ).toThrow('NOTIFICACOES_TRAVA_MS (5000) deve ser maior que NOTIFICACOES_TEMPO_LIMITE_MS (20000).');
    expect(() => lerConfiguracaoOrquestrador({ EVOLUTION_API_URL: 'não é url' })).toThrow(
      'EVOLUTION_API_URL não é uma URL (recebido "não é url").'
    );
  });
});
