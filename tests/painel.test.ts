import { diaAtual } from '@orquestrador-rpa/contrato';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi } from './ajudantes/strapi';
import { criarPessoaNoPainel } from './ajudantes/autenticacao';
import { CNPJS_VALIDOS, criarOperadora, dadosCliente } from './ajudantes/dados';
import { comCabecalho, type Pessoa } from './ajudantes/painel';

/** Dashboard e fila de aprovação do painel: números exatos vindos de agregações no banco. */
type Registro = Record<string, any>;

let strapi: Core.Strapi;
let aprovador: Pessoa;
const clientes: Registro[] = [];
const processos: Record<string, Registro> = {};

const processoDe = async (i: number, mesAno: string): Promise<Registro> =>
  strapi.db
    .query('api::processo.processo')
    .findOne({ where: { cliente: { id: clientes[i]!.id }, mes_ano: mesAno } });
const ajustar = (documentId: string, campos: Registro) =>
  strapi.db.connection('processos').where({ document_id: documentId }).update(campos);
const execucao = (processo: Registro, dados: Registro) =>
  strapi.db
    .query('api::execucao.execucao')
    .create({ data: { processo: processo.id, numero_tentativa: 1, ...dados } });

beforeAll(async () => {
  strapi = await iniciarStrapi();
  aprovador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'APROVADOR'));
  const emb = await criarOperadora(strapi, { nome: 'EMBRATEL', codigo: 'EMB', possui_rpa: true });
  const man = await criarOperadora(strapi, { nome: 'MANUAL', codigo: 'MAN', possui_rpa: false });
  for (const [i, operadora] of [emb, emb, man].entries()) {
    clientes.push(
      await strapi.documents('api::cliente.cliente').create({
        data: dadosCliente(operadora.documentId, {
          cnpj: CNPJS_VALIDOS[i],
          nome_sat: `CLIENTE ${i}`,
          filtro: `f${i}`,
        }) as never,
      })
    );
  }
  const gerar = strapi.service('api::processo.geracao-mensal');
  await gerar.gerar('2025-06');
  await gerar.gerar('2025-07');
  for (const i of [0, 1, 2]) processos[`${i}`] = await processoDe(i, '2025-07');
  // Julho: cliente 0 e 2 aguardando aprovação (vencimentos fora de ordem), cliente 1 enviado ao SAT.
  await ajustar(processos['0']!.documentId, {
    status_processo: 'AGUARDANDO_APROVACAO',
    data_vencimento: '2025-07-20',
    valor_fatura: 150.5,
    hash_fatura: 'a'.repeat(64),
  });
  await ajustar(processos['2']!.documentId, {
    status_processo: 'AGUARDANDO_APROVACAO',
    data_vencimento: '2025-07-05',
    valor_fatura: 80,
    upload_manual: true,
    hash_fatura: 'b'.repeat(64),
  });
  await ajustar(processos['1']!.documentId, { status_processo: 'ENVIADO_SAT' });
  // Junho: valores anteriores para comparação.
  await ajustar((await processoDe(0, '2025-06')).documentId, {
    valor_fatura: 140,
    status_processo: 'ENVIADO_SAT',
  });
  const agora = Date.now();
  const em = (minutosAtras: number) => new Date(agora - minutosAtras * 60_000);
  await execucao(processos['0']!, {
    tipo_execucao: 'DOWNLOAD_FATURA',
    status_execucao: 'FALHOU',
    data_inicio: em(50),
    data_fim: em(49),
    detalhes_erro: { tipo_erro: 'REDE', mensagem: 'caiu' },
  });
  await execucao(processos['0']!, {
    tipo_execucao: 'DOWNLOAD_FATURA',
    status_execucao: 'FALHOU',
    data_inicio: em(30),
    data_fim: em(29.5),
    detalhes_erro: { tipo_erro: 'LOGIN', mensagem: 'Senha recusada' },
  });
  await execucao(processos['0']!, {
    tipo_execucao: 'DOWNLOAD_FATURA',
    status_execucao: 'CONCLUIDO',
    data_inicio: em(10),
    data_fim: em(9),
  });
  await execucao(processos['1']!, {
    tipo_execucao: 'DOWNLOAD_FATURA',
    status_execucao: 'CONCLUIDO',
    data_inicio: em(20),
    data_fim: em(19.5),
  });
  await execucao(processos['2']!, {
    tipo_execucao: 'UPLOAD_MANUAL',
    status_execucao: 'CONCLUIDO',
    data_inicio: em(5),
    data_fim: em(5),
  });
  // Fora da janela de 30 dias: não entra na saúde.
  await execucao(processos['1']!, {
    tipo_execucao: 'DOWNLOAD_FATURA',
    status_execucao: 'FALHOU',
    data_inicio: em(60 * 24 * 40),
    data_fim: em(60 * 24 * 40),
    detalhes_erro: { tipo_erro: 'SELETOR' },
  });
});
afterAll(encerrarStrapi);

test('dashboard do mês: totais, por status, pendências, sucesso × falha e saúde por operadora', async () => {
  const r = await aprovador.get('/orquestrador-rpa/dashboard?mes_ano=2025-07').expect(200);
  const d = r.body.data;
  expect(d).toMatchObject({
    mes_ano: '2025-07',
    total_processos: 3,
    por_status: { AGUARDANDO_APROVACAO: 2, ENVIADO_SAT: 1 },
    pendentes_por_operadora: [
      { operadora: 'EMBRATEL', total: 1 },
      { operadora: 'MANUAL', total: 1 },
    ],
    pendentes_por_cliente: [
      { cliente: 'CLIENTE 0', total: 1 },
      { cliente: 'CLIENTE 2', total: 1 },
    ],
    execucoes: { sucesso: 3, falha: 3 },
  });
  expect(d.saude_operadoras).toEqual([
    {
      codigo: 'EMB',
      operadora: 'EMBRATEL',
      robo: 'PORTAL',
      possui_rpa: true,
      execucoes: 4,
      sucesso: 2,
      taxa_sucesso: 50,
      duracao_media_segundos: 45,
      ultimo_erro: { tipo_erro: 'LOGIN', mensagem: 'Senha recusada', data: expect.any(String) },
    },
    // Sem robô e sem execuções: aparece para a tela dizer que a fatura dela vem por upload manual.
    {
      codigo: 'MAN',
      operadora: 'MANUAL',
      robo: 'NENHUM',
      possui_rpa: false,
      execucoes: 0,
      sucesso: 0,
      taxa_sucesso: null,
      duracao_media_segundos: null,
      ultimo_erro: null,
    },
  ]);
  expect(Array.isArray(d.atividades_recentes)).toBe(true);
  // Prazos (qualquer competência, sem envio ao SAT): os vencimentos 05/07 e 20/07/2025 já passaram.
  expect(d.prazos).toMatchObject({ vencidas: 2, vencem_em_3_dias: 0, vencem_em_7_dias: 0 });
  const prazos = (dia: string) =>
    strapi
      .plugin('orquestrador-rpa')
      .service('painel')
      .prazos(new Date(`${dia}T12:00:00-03:00`));
  expect(await prazos('2025-07-03')).toEqual({
    hoje: '2025-07-03',
    vencidas: 0,
    vencem_em_3_dias: 1,
    vencem_em_7_dias: 1,
  });
  expect(await prazos('2025-07-15')).toEqual({
    hoje: '2025-07-15',
    vencidas: 1,
    vencem_em_3_dias: 0,
    vencem_em_7_dias: 1,
  });
  await aprovador.get('/orquestrador-rpa/dashboard?mes_ano=07-2025').expect(400);
  await comCabecalho(strapi, 'invalido').get('/orquestrador-rpa/dashboard').expect(401);
});

test('fila de aprovação: vencimento mais próximo primeiro, origem, tentativas e valores anteriores; filtros', async () => {
  const r = await aprovador.get('/orquestrador-rpa/aprovacoes').expect(200);
  expect(r.body.data).toMatchObject({ total: 2, pagina: 1, por_pagina: 25 });
  expect(r.body.data.itens).toEqual([
    expect.objectContaining({
      processo: processos['2']!.documentId,
      data_vencimento: '2025-07-05',
      valor_fatura: 80,
      origem: 'UPLOAD_MANUAL',
      tentativas: 1,
      valores_anteriores: [],
      media_anterior: null,
      variacao_percentual: null,
      alerta_valor: false,
      operadora: { codigo: 'MAN', nome: 'MANUAL' },
    }),
    expect.objectContaining({
      processo: processos['0']!.documentId,
      data_vencimento: '2025-07-20',
      valor_fatura: 150.5,
      origem: 'RPA',
      tentativas: 3,
      valores_anteriores: [{ mes_ano: '2025-06', valor_fatura: 140 }],
      // 150,50 contra a média de 140: +7,5%, abaixo do limiar padrão (30%).
      media_anterior: 140,
      variacao_percentual: 7.5,
      alerta_valor: false,
      cliente: expect.objectContaining({ nome_sat: 'CLIENTE 0' }),
    }),
  ]);
  strapi.config.set('orquestrador.alertaValorPercentual', 5);
  try {
    const comLimiarBaixo = await aprovador.get('/orquestrador-rpa/aprovacoes').expect(200);
    expect(comLimiarBaixo.body.data.itens.map((i: Registro) => i.alerta_valor)).toEqual([false, true]);
  } finally {
    strapi.config.set('orquestrador.alertaValorPercentual', 30);
  }
  const porOperadora = await aprovador.get('/orquestrador-rpa/aprovacoes?operadora=emb').expect(200);
  expect(porOperadora.body.data.itens.map((i: Registro) => i.processo)).toEqual([processos['0']!.documentId]);
  const porVencimento = await aprovador
    .get('/orquestrador-rpa/aprovacoes?vencimento_ate=2025-07-10&mes_ano=2025-07')
    .expect(200);
  expect(porVencimento.body.data.total).toBe(1);
  const porCliente = await aprovador
    .get(`/orquestrador-rpa/aprovacoes?cliente=${clientes[0]!.documentId}&por_pagina=1`)
    .expect(200);
  expect(porCliente.body.data).toMatchObject({ total: 1, por_pagina: 1 });
  // As datas dos filtros aceitam os dois formatos em todas as listas (e na exportação); dia inexistente é erro.
  expect(
    (
      await aprovador
        .get('/orquestrador-rpa/aprovacoes?vencimento_ate=10/07/2025&mes_ano=2025-07')
        .expect(200)
    ).body.data
  ).toEqual(porVencimento.body.data);
  expect(
    (await aprovador.get('/orquestrador-rpa/aprovacoes?vencimento_ate=31/02/2025').expect(400)).body.error
      .message
  ).toBe('vencimento_ate "31/02/2025" inválido: use AAAA-MM-DD ou DD/MM/AAAA.');
});

test('tabela de processos: filtros por mês, status, operadora, cliente e origem; ações conforme o estado', async () => {
  const lista = async (consulta: string) =>
    (await aprovador.get(`/orquestrador-rpa/processos?${consulta}`).expect(200)).body.data;
  const julho = await lista('mes_ano=2025-07');
  expect(julho).toMatchObject({ total: 3, pagina: 1, por_pagina: 25 });
  expect(
    julho.itens.map((i: Registro) => [i.cliente.nome_sat, i.status_processo, i.origem, i.acoes])
  ).toEqual([
    ['CLIENTE 0', 'AGUARDANDO_APROVACAO', 'RPA', ['aprovar']],
    ['CLIENTE 1', 'ENVIADO_SAT', null, []],
    ['CLIENTE 2', 'AGUARDANDO_APROVACAO', 'UPLOAD_MANUAL', ['aprovar']],
  ]);
  const junhoEmb = await lista('mes_ano=2025-06&operadora=emb&status=aguardando_download');
  expect(junhoEmb.itens.map((i: Registro) => [i.cliente.nome_sat, i.acoes])).toEqual([
    ['CLIENTE 1', ['executar_download', 'upload_manual']],
  ]);
  const semRobo = await lista('mes_ano=2025-06&operadora=MAN');
  expect(semRobo.itens[0]).toMatchObject({
    operadora: { codigo: 'MAN', possui_rpa: false },
    acoes: ['upload_manual'],
  });
  expect((await lista('cliente=cliente 2')).itens.map((i: Registro) => i.mes_ano)).toEqual([
    '2025-07',
    '2025-06',
  ]);
  expect((await lista(`cliente=${CNPJS_VALIDOS[0]!.slice(0, 6)}`)).total).toBe(2);
  expect((await lista('origem=upload_manual')).itens.map((i: Registro) => i.processo)).toEqual([
    processos['2']!.documentId,
  ]);
  expect((await lista('origem=RPA')).itens.map((i: Registro) => i.processo)).toEqual([
    processos['0']!.documentId,
  ]);
  expect((await lista('cliente=100%')).total).toBe(0);
  expect((await lista('por_pagina=2&pagina=3')).itens).toHaveLength(2);
  expect(
    (await aprovador.get('/orquestrador-rpa/processos?status=PERDIDO').expect(400)).body.error.message
  ).toMatch(/^status "PERDIDO" inválido: use AGUARDANDO_DOWNLOAD, /);
  expect(
    (await aprovador.get('/orquestrador-rpa/processos?origem=email').expect(400)).body.error.message
  ).toBe('origem "EMAIL" inválido: use RPA, UPLOAD_MANUAL.');
});

test('execuções: filtros por processo, cliente, operadora, status, tipo e período; duração calculada', async () => {
  const lista = async (consulta: string) =>
    (await aprovador.get(`/orquestrador-rpa/execucoes?${consulta}`).expect(200)).body.data;
  const todas = await lista('');
  expect(todas.total).toBe(6);
  expect(
    (await lista(`processo=${processos['0']!.documentId}`)).itens
      .map((i: Registro) => i.status_execucao)
      .sort()
  ).toEqual(['CONCLUIDO', 'FALHOU', 'FALHOU']);
  const falhasEmb = await lista('operadora=EMB&status=falhou');
  expect(falhasEmb.total).toBe(3);
  expect(falhasEmb.itens[0]).toMatchObject({
    tipo_execucao: 'DOWNLOAD_FATURA',
    operadora: { codigo: 'EMB', nome: 'EMBRATEL' },
    processo: { mes_ano: '2025-07', status_processo: expect.stringMatching(/^[A-Z_]+$/) },
    cliente: { nome_sat: expect.stringMatching(/^CLIENTE \d$/) },
  });
  // A exportação traz as mesmas relações da tela.
  const exportada = (
    await aprovador
      .get(`/orquestrador-rpa/execucoes/exportar?formato=json&operadora=EMB&status=FALHOU`)
      .expect(200)
  ).body.find((l: Registro) => l.execucao === falhasEmb.itens[0].execucao);
  expect(exportada).toMatchObject({
    processo: falhasEmb.itens[0].processo.documentId,
    mes_ano: '2025-07',
    operadora: 'EMB',
    cnpj: expect.stringMatching(/^\d{14}$/),
  });
  const concluida = (await lista(`processo=${processos['1']!.documentId}&status=CONCLUIDO`)).itens[0];
  expect(concluida.duracao_segundos).toBe(30);
  expect(
    (await lista('tipo=upload_manual&cliente=CLIENTE 2')).itens.map((i: Registro) => i.cliente.nome_sat)
  ).toEqual(['CLIENTE 2']);
  const hoje = diaAtual(); // o dia no fuso da operação, o mesmo que o filtro usa
  expect((await lista(`de=${hoje}&ate=${hoje}`)).total).toBe(6);
  expect((await lista('ate=2020-01-01')).total).toBe(0);
  expect(
    (await aprovador.get('/orquestrador-rpa/execucoes?de=2025-02-01&ate=2025-01-01').expect(400)).body.error
      .message
  ).toBe('Período inválido: "de" (2025-02-01) é depois de "ate" (2025-01-01).');
  expect(
    (await aprovador.get('/orquestrador-rpa/execucoes?de=2025-02-30x').expect(400)).body.error.message
  ).toBe('de "2025-02-30x" inválido: use AAAA-MM-DD ou DD/MM/AAAA.');
});

test('exportação e lista do painel trazem as mesmas execuções para os mesmos filtros (um significado, um fuso)', async () => {
  const hoje = diaAtual();
  const combinacoes = [
    '',
    'operadora=emb&status=falhou',
    'cliente=cliente 2',
    `cliente=${CNPJS_VALIDOS[0]!.slice(0, 6)}`,
    `cliente=${clientes[1]!.documentId}`,
    `processo=${processos['0']!.documentId}&tipo=download_fatura`,
    `de=${hoje.split('-').reverse().join('/')}&ate=${hoje}`,
    'ate=2020-01-01',
  ];
  for (const filtros of combinacoes) {
    const tela = (
      await aprovador.get(`/orquestrador-rpa/execucoes?${filtros}&por_pagina=100`).expect(200)
    ).body.data.itens.map((i: Registro) => i.execucao);
    const arquivo = (
      await aprovador.get(`/orquestrador-rpa/execucoes/exportar?formato=json&${filtros}`).expect(200)
    ).body.map((l: Registro) => l.execucao);
    expect({ filtros, linhas: [...arquivo].sort() }).toEqual({ filtros, linhas: [...tela].sort() });
  }
});

test('captura de tela de uma execução: só pela rota autenticada; índice inexistente é 404 claro', async () => {
  const falha = (
    await aprovador.get('/orquestrador-rpa/execucoes?status=FALHOU&operadora=EMB&por_pagina=1').expect(200)
  ).body.data.itens[0];
  const r = await aprovador.get(`/orquestrador-rpa/execucoes/${falha.execucao}/capturas/0`).expect(404);
  expect(r.body.error.message).toBe('A execução não tem a captura 0 (tem 0).');
  await aprovador.get('/orquestrador-rpa/execucoes/naoexiste/capturas/0').expect(404);
  await comCabecalho(strapi, 'invalido')
    .get(`/orquestrador-rpa/execucoes/${falha.execucao}/capturas/0`)
    .expect(401);
});

test('séries dos relatórios: faturas por mês, valor por operadora, tempo até a aprovação e sucesso dos robôs', async () => {
  // O processo 1 (EMB, julho) foi aprovado 2 h depois de o download concluído terminar.
  const [download] = await strapi.db.query('api::execucao.execucao').findMany({
    where: { processo: { id: processos['1']!.id }, status_execucao: 'CONCLUIDO' },
  });
  await strapi.db.query('api::processo.processo').update({
    where: { id: processos['1']!.id },
    data: { data_aprovacao: new Date(new Date(download.data_fim).getTime() + 2 * 3600 * 1000) },
  });
  const r = await aprovador.get('/orquestrador-rpa/series?mes_ano=2025-07&meses=3').expect(200);
  expect(r.body.data).toEqual({
    meses: ['2025-05', '2025-06', '2025-07'],
    faturas_por_mes: [{ mes_ano: '2025-07', total: 2 }],
    valor_por_operadora: [
      { mes_ano: '2025-06', operadora: 'EMBRATEL', valor: 140 },
      { mes_ano: '2025-07', operadora: 'EMBRATEL', valor: 150.5 },
      { mes_ano: '2025-07', operadora: 'MANUAL', valor: 80 },
    ],
    tempo_ate_aprovacao: [{ mes_ano: '2025-07', horas: 2 }],
    // Downloads de julho na EMBRATEL: 2 concluídos e 3 falhas (inclusive a antiga, fora dos 30 dias da saúde).
    sucesso_dos_robos: [{ mes_ano: '2025-07', operadora: 'EMBRATEL', execucoes: 5, taxa: 40 }],
  });
  await aprovador.get('/orquestrador-rpa/series?meses=0').expect(400);
  await aprovador.get('/orquestrador-rpa/series?mes_ano=julho').expect(400);
});
