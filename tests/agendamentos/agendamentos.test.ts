import type { Core } from '@strapi/strapi';
import IORedis from 'ioredis';
import { encerrarStrapi, iniciarStrapi, pararStrapi, PREFIXO_FILAS } from '../ajudantes/strapi';
import { URL_REDIS_TESTE } from '../ajudantes/filas';
import { esperar } from '../ajudantes/worker';
import { criarPessoaNoPainel, criarTokenApi } from '../ajudantes/autenticacao';
import { api, CNPJS_VALIDOS, criarOperadora, dadosCliente } from '../ajudantes/dados';
import { comCabecalho, type Pessoa } from '../ajudantes/painel';
import { proximasExecucoes, ultimoProgramado } from '../../src/agendamentos/calendario';
import { chaveDoDisparo } from '../../src/agendamentos/disparos';
import { competenciaAtual } from '@orquestrador-rpa/contrato';

/** Agendamentos: padrões do legado, cada entrada ruim recusada, executar agora, disparo perdido e fusos. */
type Registro = Record<string, any>;

let strapi: Core.Strapi;
let administrador: Pessoa;
let operador: Pessoa;
let integrador: ReturnType<typeof api>;

const agendamentos = (where: Registro = {}): Promise<Registro[]> =>
  strapi.db.query('api::agendamento.agendamento').findMany({ where, orderBy: { id: 'asc' } }) as Promise<
    Registro[]
  >;
const disparos = (where: Registro = {}): Promise<Registro[]> =>
  strapi.db.query('api::agendamento.disparo').findMany({ where, orderBy: { id: 'asc' } }) as Promise<
    Registro[]
  >;
const criarPorRest = (dados: Registro) => integrador.post('/api/agendamentos', { data: dados });
const painel = (quem: Pessoa, metodo: 'get' | 'post', caminho: string) =>
  quem.bruto()[metodo](`/orquestrador-rpa${caminho}`).set('Authorization', quem.cabecalho);

const iniciar = async () => {
  strapi = await iniciarStrapi({ AGENDAMENTOS_INTERVALO_RECARGA_MS: '0' });
  administrador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'ADMINISTRADOR'));
  operador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'OPERADOR'));
  integrador = api(strapi, await criarTokenApi(strapi));
};

beforeAll(iniciar);
afterAll(encerrarStrapi);

describe('padrões do legado', () => {
  test('a primeira subida cria os três, com a próxima execução calculada no fuso de São Paulo', async () => {
    const padroes = await agendamentos({ codigo_padrao: { $notNull: true } });
    expect(
      padroes.map((a) => [a.codigo_padrao, a.cron_expressao, a.tipo_agendamento, a.status_ativo])
    ).toEqual([
      ['PROCESSOS_DO_MES', '0 6 1 * *', 'CRIAR_PROCESSOS_MENSAIS', true],
      ['DOWNLOADS_DIARIOS', '0 7 * * 1-5', 'EXECUTAR_DOWNLOADS', true],
      ['AVISOS_DIARIOS', '0 8 * * *', 'ENVIAR_RELATORIOS', true],
    ]);
    const processos = padroes[0];
    expect(new Date(processos.proxima_execucao).toISOString()).toBe(
      proximasExecucoes('0 6 1 * *', 'America/Sao_Paulo', 1)[0].toISOString()
    );
  });

  test('pausado ou apagado pela pessoa, nunca é recriado por cima numa nova subida', async () => {
    const [processos, downloads] = await agendamentos({ codigo_padrao: { $notNull: true } });
    await strapi.documents('api::agendamento.agendamento').delete({ documentId: processos.documentId });
    await strapi.documents('api::agendamento.agendamento').update({
      documentId: downloads.documentId,
      data: { status_ativo: false, cron_expressao: '0 9 * * 1-5' } as never,
    });
    await pararStrapi();
    await iniciar();
    const depois = await agendamentos({ codigo_padrao: { $notNull: true } });
    expect(
      depois.map((a) => [a.codigo_padrao, a.status_ativo, a.cron_expressao, a.proxima_execucao])
    ).toEqual([
      ['DOWNLOADS_DIARIOS', false, '0 9 * * 1-5', null],
      ['AVISOS_DIARIOS', true, '0 8 * * *', expect.anything()],
    ]);
  });
});

describe('entrada ruim: 400 em português e nada gravado', () => {
  const base = {
    nome_agendamento: 'Rotina de teste',
    cron_expressao: '0 6 * * *',
    tipo_agendamento: 'CRIAR_PROCESSOS_MENSAIS',
  };

  test.each([
    [{ cron_expressao: '0 25 * * *' }, 'Expressão cron "0 25 * * *" inválida: hora "25" fora do permitido.'],
    [{ cron_expressao: 'todo dia' }, 'Expressão cron "todo dia" inválida: use 5 campos'],
    [{ fuso_horario: 'America/Atlantida' }, 'Fuso horário "America/Atlantida" não existe'],
    [{ tipo_agendamento: 'FAZER_CAFE' }, 'Tipo "FAZER_CAFE" inválido'],
    [{ parametros_execucao: { competencia: 'ONTEM' } }, 'competencia deve ser ATUAL ou PROXIMA.'],
    [{ parametros_execucao: { cor: 'azul' } }, 'Parâmetro desconhecido: cor.'],
    [
      { tipo_agendamento: 'EXECUTAR_DOWNLOADS', parametros_execucao: { operadoras: ['emb ruim'] } },
      'Código de operadora inválido: emb ruim.',
    ],
    [
      { tipo_agendamento: 'LER_EMAIL_AZUTON', parametros_execucao: { pasta: 'INBOX' } },
      'Parâmetro desconhecido: pasta.',
    ],
    [{ politica_atraso: 'TALVEZ' }, 'Política "TALVEZ" inválida'],
  ])('%j', async (ruim, mensagem) => {
    const antes = (await agendamentos()).length;
    const resposta = await criarPorRest({ ...base, ...ruim });
    expect(resposta.status).toBe(400);
    expect(resposta.body.error.message).toContain(mensagem);
    expect((await agendamentos()).length).toBe(antes);
  });

  test('leitura da caixa da Azuton se cadastra; e os campos calculados não se escrevem por fora', async () => {
    const azuton = await criarPorRest({
      ...base,
      tipo_agendamento: 'LER_EMAIL_AZUTON',
      status_ativo: false,
      ultima_execucao: '2020-01-01T00:00:00.000Z',
      proxima_execucao: '2020-01-02T00:00:00.000Z',
    });
    expect([200, 201]).toContain(azuton.status);
    const [gravado] = await agendamentos({ documentId: azuton.body.data.documentId });
    expect([gravado.ultima_execucao, gravado.proxima_execucao]).toEqual([null, null]);
  });

  test('prévia das próximas 5 antes de salvar; expressão ruim recusada', async () => {
    const ok = await painel(
      administrador,
      'get',
      '/agendamentos/previa?cron=0%207%20*%20*%201-5&fuso=America/Sao_Paulo'
    );
    expect(ok.status).toBe(200);
    expect(ok.body.data.proximas).toEqual(
      proximasExecucoes('0 7 * * 1-5', 'America/Sao_Paulo', 5).map((d) => d.toISOString())
    );
    const ruim = await painel(administrador, 'get', '/agendamentos/previa?cron=61%20*%20*%20*%20*');
    expect(ruim.status).toBe(400);
    expect(ruim.body.error.message).toBe(
      'Expressão cron "61 * * * *" inválida: minuto "61" fora do permitido.'
    );
  });
});

describe('executar agora, pausar e o histórico', () => {
  test('executar agora passa pelo mesmo caminho: linha no histórico, resultado, última execução', async () => {
    const operadora = await criarOperadora(strapi, {
      nome: 'OPERADORA AGENDA',
      codigo: 'AGD',
      possui_rpa: false,
    });
    for (const [i, cnpj] of CNPJS_VALIDOS.slice(0, 3).entries()) {
      await strapi.documents('api::cliente.cliente').create({
        data: dadosCliente(operadora.documentId, {
          cnpj,
          filtro: `agenda-${i}`,
          nome_sat: `AGENDA ${i}`,
        }) as never,
      });
    }
    const criado = await criarPorRest({
      nome_agendamento: 'Processos do mês seguinte',
      cron_expressao: '0 6 25 * *',
      tipo_agendamento: 'CRIAR_PROCESSOS_MENSAIS',
      parametros_execucao: { competencia: 'PROXIMA' },
    });
    const id = criado.body.data.documentId;
    expect((await painel(operador, 'post', `/agendamentos/${id}/executar`)).status).toBe(200);
    const segunda = await painel(administrador, 'post', `/agendamentos/${id}/executar`);
    expect(segunda.body.data.status).toBe('SUCESSO');
    const historico = await painel(administrador, 'get', `/agendamentos/${id}/disparos`);
    expect(
      historico.body.data.itens.map((d: Registro) => [
        d.origem,
        d.status,
        d.resultado.replace(/\d{4}-\d{2}/, 'AAAA-MM'),
      ])
    ).toEqual([
      ['MANUAL', 'SUCESSO', '0 processo(s) criado(s) em AAAA-MM (3 já existiam).'],
      ['MANUAL', 'SUCESSO', '3 processo(s) criado(s) em AAAA-MM (0 já existiam).'],
    ]);
    const [agora] = await agendamentos({ documentId: id });
    expect(agora.ultimo_status).toBe('SUCESSO');
    expect(agora.ultimo_resultado).toContain('0 processo(s) criado(s)');
    expect(
      await strapi.db
        .query('api::auditoria.auditoria')
        .count({ where: { acao: 'agendamento.executar_agora', id_entidade: id } })
    ).toBe(2);
  });

  test('pausar e ativar pelo painel; operador não pausa nem vê a lista (403)', async () => {
    const [avisos] = await agendamentos({ codigo_padrao: 'AVISOS_DIARIOS' });
    expect((await painel(operador, 'get', '/agendamentos')).status).toBe(403);
    expect(
      (await painel(operador, 'post', `/agendamentos/${avisos.documentId}/ativo`).send({ ativo: false }))
        .status
    ).toBe(403);
    const pausado = await painel(administrador, 'post', `/agendamentos/${avisos.documentId}/ativo`).send({
      ativo: false,
    });
    expect(pausado.body.data).toMatchObject({ status_ativo: false, proxima_execucao: null });
    const ativo = await painel(administrador, 'post', `/agendamentos/${avisos.documentId}/ativo`).send({
      ativo: true,
    });
    expect(ativo.body.data.status_ativo).toBe(true);
    expect(ativo.body.data.proxima_execucao).not.toBeNull();
    const ruim = await painel(administrador, 'post', `/agendamentos/${avisos.documentId}/ativo`).send({
      ativo: 'sim',
    });
    expect(ruim.status).toBe(400);
    const lista = await painel(administrador, 'get', '/agendamentos');
    expect(lista.body.data.map((a: Registro) => a.nome_agendamento)).toContain('Avisos e resumo do dia');
  });

  test('o histórico não se escreve por fora (Document Service, REST)', async () => {
    await expect(
      strapi.documents('api::agendamento.disparo').create({
        data: { chave: 'x', instante_programado: new Date(), origem: 'MANUAL', status: 'SUCESSO' } as never,
      })
    ).rejects.toThrow('O histórico dos agendamentos é escrito pelo agendador');
  });
});

describe('aviso às outras instâncias', () => {
  test('criar, pausar e apagar publicam o aviso de recarga no canal do Redis', async () => {
    const redis = new IORedis(URL_REDIS_TESTE, { maxRetriesPerRequest: 1 });
    const avisos: string[] = [];
    try {
      await redis.subscribe(`${PREFIXO_FILAS}:agendamentos`);
      redis.on('message', (_canal, mensagem) => avisos.push(mensagem));
      const criado = await criarPorRest({
        nome_agendamento: 'Aviso',
        cron_expressao: '0 5 * * *',
        tipo_agendamento: 'ENVIAR_RELATORIOS',
      });
      const id = criado.body.data.documentId;
      await painel(administrador, 'post', `/agendamentos/${id}/ativo`).send({ ativo: false });
      await integrador.del(`/api/agendamentos/${id}`);
      await esperar(async () => avisos.length >= 3, 10_000);
      expect(avisos.slice(0, 3)).toEqual(['recarregar', 'recarregar', 'recarregar']);
    } finally {
      redis.disconnect();
    }
  });
});

describe('re-tentar downloads que falharam por erro técnico', () => {
  test('reabre e cria o download só da falha técnica abaixo do limite; negócio e limite ficam para uma pessoa', async () => {
    const operadora = await criarOperadora(strapi, {
      nome: 'OPERADORA RETENTA',
      codigo: 'DIG',
      possui_rpa: true,
    });
    const mes = competenciaAtual();
    const criarFalho = async (i: number, erros: string[]) => {
      const cliente = await strapi.documents('api::cliente.cliente').create({
        data: dadosCliente(operadora.documentId, {
          cnpj: CNPJS_VALIDOS[i],
          filtro: `retenta-${i}`,
          nome_sat: `RETENTA ${i}`,
        }) as never,
      });
      const processo = await strapi
        .documents('api::processo.processo')
        .create({ data: { cliente: cliente.documentId, mes_ano: mes } as never });
      await strapi.db.query('api::processo.processo').updateMany({
        where: { documentId: processo.documentId },
        data: { status_processo: 'FALHA_DOWNLOAD' },
      });
      const { id } = await strapi.db
        .query('api::processo.processo')
        .findOne({ where: { documentId: processo.documentId } });
      for (const [n, tipo_erro] of erros.entries()) {
        await strapi.db.query('api::execucao.execucao').create({
          data: {
            processo: id,
            tipo_execucao: 'DOWNLOAD_FATURA',
            status_execucao: 'FALHOU',
            numero_tentativa: n + 1,
            detalhes_erro: { tipo_erro, mensagem: 'falhou' },
          },
        });
      }
      return processo.documentId;
    };
    const tecnica = await criarFalho(0, ['TIMEOUT']);
    const negocio = await criarFalho(1, ['LOGIN']);
    const noLimite = await criarFalho(2, ['REDE', 'REDE', 'PORTAL_FORA']);
    const agendamento = await strapi.documents('api::agendamento.agendamento').create({
      data: {
        nome_agendamento: 'Re-tentar downloads',
        cron_expressao: '0 13 * * 1-5',
        tipo_agendamento: 'RETENTAR_DOWNLOADS',
        parametros_execucao: { operadoras: ['DIG'], limite_tentativas: 3 },
      } as never,
    });
    const resposta = await painel(administrador, 'post', `/agendamentos/${agendamento.documentId}/executar`);
    expect(resposta.body.data).toMatchObject({
      status: 'SUCESSO',
      resultado:
        '1 download(s) re-tentado(s); 1 com falha de negócio ficam para uma pessoa; 1 já no limite de 3 tentativa(s).',
    });
    const estado = async (documentId: string) =>
      (await strapi.db.query('api::processo.processo').findOne({ where: { documentId } })).status_processo;
    expect([await estado(tecnica), await estado(negocio), await estado(noLimite)]).toEqual([
      'AGUARDANDO_DOWNLOAD',
      'FALHA_DOWNLOAD',
      'FALHA_DOWNLOAD',
    ]);
    expect(
      await strapi.db.query('api::execucao.execucao').count({
        where: {
          processo: { documentId: tecnica },
          tipo_execucao: 'DOWNLOAD_FATURA',
          status_execucao: 'PENDENTE',
        },
      })
    ).toBe(1);
  });
});

describe('disparo perdido com tudo fora do ar', () => {
  const criarAtrasado = async (politica: string) => {
    const criado = await criarPorRest({
      nome_agendamento: `Atrasado ${politica}`,
      cron_expressao: '0 3 * * *',
      tipo_agendamento: 'ENVIAR_RELATORIOS',
      politica_atraso: politica,
    });
    const documentId = criado.body.data.documentId as string;
    const doisDiasAtras = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    // updateMany: o `update` do Query Engine sempre regrava updatedAt com o agora.
    await strapi.db.query('api::agendamento.agendamento').updateMany({
      where: { documentId },
      data: { createdAt: doisDiasAtras, updatedAt: doisDiasAtras, ultima_execucao: doisDiasAtras },
    });
    return documentId;
  };

  test('na subida: EXECUTAR_UMA_VEZ roda o último instante perdido uma vez; IGNORAR só registra', async () => {
    const executar = await criarAtrasado('EXECUTAR_UMA_VEZ');
    const ignorar = await criarAtrasado('IGNORAR');
    const ultimo = ultimoProgramado('0 3 * * *', 'America/Sao_Paulo').toISOString();
    for (let subida = 1; subida <= 2; subida += 1) {
      await pararStrapi();
      await iniciar();
      const [executado] = await disparos({ agendamento: { documentId: executar } });
      expect(await disparos({ agendamento: { documentId: executar } })).toHaveLength(1);
      expect({ subida, ...executado }).toMatchObject({ subida, origem: 'RECUPERADO', status: 'SUCESSO' });
      expect(executado.resultado).toMatch(/aviso\(s\) de vencimento/);
      expect(new Date(executado.instante_programado).toISOString()).toBe(ultimo);
      const ignorado = await disparos({ agendamento: { documentId: ignorar } });
      expect(ignorado.map((d) => [d.origem, d.status, d.resultado])).toEqual([
        [
          'RECUPERADO',
          'IGNORADO',
          'Disparo perdido com o sistema fora do ar: ignorado pela política do agendamento.',
        ],
      ]);
    }
  });

  test('a recarga depois de uma escrita roda fora da transação dela: disparo já reivindicado não desfaz a gravação', async () => {
    // Atrasado cujo disparo perdido outra instância já reivindicou (linha gravada, execução em curso):
    // a recarga esbarra na chave única; dentro da transação da escrita, o PostgreSQL desfaria tudo.
    const criado = await criarPorRest({
      nome_agendamento: 'Reivindicado por outra instância',
      cron_expressao: '0 3 * * *',
      tipo_agendamento: 'ENVIAR_RELATORIOS',
      status_ativo: false,
    });
    const documentId = criado.body.data.documentId as string;
    const [linha] = await agendamentos({ documentId });
    const instante = ultimoProgramado('0 3 * * *', 'America/Sao_Paulo');
    await strapi.db.query('api::agendamento.disparo').create({
      data: {
        chave: chaveDoDisparo(documentId, instante, 'RECUPERADO'),
        agendamento: linha.id,
        instante_programado: instante,
        origem: 'RECUPERADO',
        status: 'EM_ANDAMENTO',
        inicio: new Date(),
        instancia: 'outra-instancia:1',
        publishedAt: new Date(),
      },
    });
    const doisDiasAtras = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await strapi.db.query('api::agendamento.agendamento').updateMany({
      where: { documentId },
      data: {
        status_ativo: true,
        createdAt: doisDiasAtras,
        updatedAt: doisDiasAtras,
        ultima_execucao: doisDiasAtras,
      },
    });
    for (let vez = 1; vez <= 3; vez += 1) {
      const novo = await criarPorRest({
        nome_agendamento: `Gravado com recarga ${vez}`,
        cron_expressao: '0 4 * * *',
        tipo_agendamento: 'ENVIAR_RELATORIOS',
      });
      expect(novo.status).toBe(201);
      await new Promise((fim) => setTimeout(fim, 300));
      expect({
        vez,
        gravados: (await agendamentos({ documentId: novo.body.data.documentId })).length,
      }).toEqual({
        vez,
        gravados: 1,
      });
    }
    expect(await disparos({ agendamento: { documentId } })).toHaveLength(1);
  });
});

describe('fusos com horário de verão', () => {
  test('Nova York: meio-dia é 17:00Z antes da mudança (EST) e 16:00Z depois (EDT)', () => {
    const [antes] = proximasExecucoes('0 12 13 3 *', 'America/New_York', 1);
    const [depois] = proximasExecucoes('0 12 15 3 *', 'America/New_York', 1);
    expect(antes.toISOString()).toMatch(/-03-13T17:00:00\.000Z$/);
    expect(depois.toISOString()).toMatch(/-03-15T16:00:00\.000Z$/);
    // O mesmo para o instante perdido (cron-parser): 14/03/2027 é o domingo da mudança.
    expect(
      ultimoProgramado('0 12 * * *', 'America/New_York', new Date('2027-03-14T18:00:00Z')).toISOString()
    ).toBe('2027-03-14T16:00:00.000Z');
    expect(
      ultimoProgramado('0 12 * * *', 'America/New_York', new Date('2027-03-13T18:00:00Z')).toISOString()
    ).toBe('2027-03-13T17:00:00.000Z');
  });
});
