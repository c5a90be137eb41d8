import path from 'path';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi, PREFIXO_FILAS } from './ajudantes/strapi';
import { criarIntegrador, criarPessoaNoPainel, criarTokenApi } from './ajudantes/autenticacao';
import { api, criarOperadora, dadosCliente, CNPJS_VALIDOS } from './ajudantes/dados';
import { gerarPdfFatura } from './ajudantes/pdf';
import { abrirFila } from './ajudantes/filas';
import { comCabecalho as comCabecalhoDe, enviarFatura, PAINEL, type Pessoa } from './ajudantes/painel';
import { assinarTokenDoJob } from '../src/seguranca/token-job';

const comCabecalho = (jwt: string): Pessoa => comCabecalhoDe(strapi, jwt);

type Registro = Record<string, any>;

let strapi: Core.Strapi;
let token: ReturnType<typeof api>;
let operador: Pessoa;
let aprovador: Pessoa;
let aprovador2: Pessoa;
let administrador: Pessoa;
let integradorAprovador: ReturnType<typeof api>;
let integradorOperador: ReturnType<typeof api>;
let operadoraManual: { documentId: string };
const clientes: string[] = [];

/** O Strapi roda o código compilado: os eventos são os do módulo em dist/. */
const eventos = () =>
  require(path.join(__dirname, '..', 'dist', 'src', 'workflow', 'eventos.js')).eventosWorkflow;

const processoPorCliente = async (cliente: string, mesAno = '2025-03'): Promise<Registro> =>
  strapi.db.query('api::processo.processo').findOne({
    where: { cliente: { documentId: cliente }, mes_ano: mesAno },
    populate: ['aprovado_por_usuario'],
  });
const auditoriasDe = (id: string): Promise<Registro[]> =>
  strapi.db
    .query('api::auditoria.auditoria')
    .findMany({ where: { id_entidade: id }, orderBy: { id: 'asc' } });
const execucoesDe = (processoId: number): Promise<Registro[]> =>
  strapi.db.query('api::execucao.execucao').findMany({
    where: { processo: { id: processoId } },
    orderBy: { id: 'asc' },
    populate: ['executado_por_usuario'],
  });

beforeAll(async () => {
  strapi = await iniciarStrapi();
  token = api(strapi, await criarTokenApi(strapi));
  operador = comCabecalho(await criarPessoaNoPainel(strapi, 'OPERADOR'));
  aprovador = comCabecalho(await criarPessoaNoPainel(strapi, 'APROVADOR'));
  aprovador2 = comCabecalho(await criarPessoaNoPainel(strapi, 'APROVADOR'));
  administrador = comCabecalho(await criarPessoaNoPainel(strapi, 'ADMINISTRADOR'));
  integradorAprovador = api(strapi, await criarIntegrador(strapi, 'APROVADOR'));
  integradorOperador = api(strapi, await criarIntegrador(strapi, 'OPERADOR'));
  operadoraManual = await criarOperadora(strapi, {
    nome: 'OPERADORA SEM ROBO',
    codigo: 'SRB',
    possui_rpa: false,
  });
  for (const [i, cnpj] of CNPJS_VALIDOS.entries()) {
    const r = await token
      .post('/api/clientes', {
        data: dadosCliente(operadoraManual.documentId, {
          cnpj,
          nome_sat: `CLIENTE ${i}`,
          filtro: `filtro-${i}`,
        }),
      })
      .expect(201);
    clientes.push(r.body.data.documentId);
  }
});
afterAll(encerrarStrapi);

describe('geração mensal', () => {
  test('Aprovador não gera; Operador gera um processo por cliente ativo, idempotente', async () => {
    await integradorAprovador.post('/api/processos/gerar-mensais', { mes_ano: '2025-03' }).expect(403);
    const primeira = await integradorOperador
      .post('/api/processos/gerar-mensais', { mes_ano: '2025-03' })
      .expect(201);
    expect(primeira.body.data).toEqual({ mes_ano: '2025-03', criados: CNPJS_VALIDOS.length, ja_existiam: 0 });
    const segunda = await integradorOperador
      .post('/api/processos/gerar-mensais', { mes_ano: '2025-03' })
      .expect(200);
    expect(segunda.body.data).toEqual({ mes_ano: '2025-03', criados: 0, ja_existiam: CNPJS_VALIDOS.length });
    const processo = await processoPorCliente(clientes[0]!);
    expect(processo).toMatchObject({
      status_processo: 'AGUARDANDO_DOWNLOAD',
      criado_automaticamente: true,
      upload_manual: false,
    });
    expect(processo.chave_processo).toBe(`${clientes[0]}|2025-03`);
  });
});

describe('status só muda pelo workflow', () => {
  test('REST: alterar status_processo → 400 "use as ações do workflow"', async () => {
    const processo = await processoPorCliente(clientes[0]!);
    const r = await token
      .put(`/api/processos/${processo.documentId}`, { data: { status_processo: 'APROVADA' } })
      .expect(400);
    expect(r.body.error.message).toContain('use as ações do workflow');
    const r2 = await token
      .post('/api/processos', {
        data: { cliente: clientes[0], mes_ano: '2030-01', status_processo: 'ENVIADO_SAT' },
      })
      .expect(400);
    expect(r2.body.error.message).toContain('use as ações do workflow');
    expect((await processoPorCliente(clientes[0]!)).status_processo).toBe('AGUARDANDO_DOWNLOAD');
  });

  test('GraphQL: a mesma regra', async () => {
    const processo = await processoPorCliente(clientes[0]!);
    const r = await token.graphql(
      'mutation($id: ID!) { updateProcesso(documentId: $id, data: { status_processo: APROVADA }) { status_processo } }',
      { id: processo.documentId }
    );
    expect(r.body.errors?.[0]?.message).toContain('use as ações do workflow');
  });

  test('Content Manager reenviando o registro inteiro: só a diferença conta', async () => {
    const processo = await processoPorCliente(clientes[0]!);
    const url = `/content-manager/collection-types/api::processo.processo/${processo.documentId}`;
    await administrador
      .put(url, {
        mes_ano: '2025-03',
        status_processo: 'AGUARDANDO_DOWNLOAD',
        observacoes: 'nota do operador',
      })
      .expect(200);
    const r = await administrador.put(url, { mes_ano: '2025-03', status_processo: 'APROVADA' }).expect(400);
    expect(r.body.error.message).toContain('use as ações do workflow');
    await administrador.put(url, { aprovado_por_usuario: { connect: [{ id: 1 }] } }).expect(400);
  });

  test('execuções não são escritas pela API (só pelo workflow)', async () => {
    await token
      .post('/api/execucoes', { data: { tipo_execucao: 'UPLOAD_SAT', status_execucao: 'CONCLUIDO' } })
      .expect(403);
  });
});

describe('upload manual → aprovação → fila do SAT', () => {
  let processo: Registro;

  test('Operador envia a fatura pelo painel: AGUARDANDO_APROVACAO com execução UPLOAD_MANUAL rastreada', async () => {
    processo = await processoPorCliente(clientes[0]!);
    const r = await enviarFatura(operador, processo.documentId, await gerarPdfFatura()).expect(201);
    expect(r.body.data).toMatchObject({ status_processo: 'AGUARDANDO_APROVACAO', contingencia: false });
    processo = await processoPorCliente(clientes[0]!);
    expect(processo).toMatchObject({
      status_processo: 'AGUARDANDO_APROVACAO',
      upload_manual: true,
      data_vencimento: '2025-03-10',
    });
    expect(Number(processo.valor_fatura)).toBe(1234.56);
    const [execucao] = await execucoesDe(processo.id);
    expect(execucao).toMatchObject({
      tipo_execucao: 'UPLOAD_MANUAL',
      status_execucao: 'CONCLUIDO',
      numero_tentativa: 1,
      user_agent: 'navegador-teste/1.0',
    });
    expect(execucao!.executado_por_usuario.email).toMatch(/^pessoa-operador-/);
    expect(execucao!.ip_origem).toBeTruthy();
    expect(execucao!.parametros_entrada).toMatchObject({
      valor_fatura: 1234.56,
      data_vencimento: '2025-03-10',
      contingencia: false,
      sha256: processo.hash_fatura,
    });
  });

  test('Operador não aprova (painel e API); token de API também não', async () => {
    const analisado = { sha256_fatura: processo.hash_fatura };
    await operador.post(`${PAINEL}/${processo.documentId}/aprovar`, analisado).expect(403);
    await integradorOperador.post(`/api/processos/${processo.documentId}/aprovar`, analisado).expect(403);
    const r = await token.post(`/api/processos/${processo.documentId}/aprovar`, analisado).expect(403);
    expect(r.body.error.message).toContain('exige uma pessoa identificada');
  });

  test('rejeitar exige observação', async () => {
    const r = await aprovador
      .post(`${PAINEL}/${processo.documentId}/rejeitar`, { observacoes: '  ' })
      .expect(400);
    expect(r.body.error.message).toBe('Informe o motivo da rejeição no campo observacoes.');
  });

  test('duas aprovações simultâneas: exatamente uma vence, a outra recebe 409', async () => {
    const ouvidos: Registro[] = [];
    const cancelar = eventos().assinar('processo.transicao', (e: Registro) => ouvidos.push(e));
    const respostas = await Promise.all([
      aprovador
        .post(`${PAINEL}/${processo.documentId}/aprovar`, {
          observacoes: 'Confere com o contrato',
          sha256_fatura: processo.hash_fatura,
        })
        .set('User-Agent', 'navegador-teste/1.0'),
      aprovador2
        .post(`${PAINEL}/${processo.documentId}/aprovar`, {
          observacoes: 'Ok',
          sha256_fatura: processo.hash_fatura,
        })
        .set('User-Agent', 'navegador-teste/1.0'),
    ]);
    cancelar();
    expect(respostas.map((r) => r.status).sort()).toEqual([200, 409]);
    const vencedora = respostas.find((r) => r.status === 200)!;
    expect(vencedora.body.data).toMatchObject({
      status_processo: 'APROVADA',
      execucao: { tipo_execucao: 'UPLOAD_SAT', numero_tentativa: 1, enfileirada: true },
    });
    expect(respostas.find((r) => r.status === 409)!.body.error.message).toMatch(
      /não permitida|mudou de estado/
    );
    expect(ouvidos).toEqual([
      expect.objectContaining({
        processo: processo.documentId,
        acao: 'aprovar',
        de: 'AGUARDANDO_APROVACAO',
        para: 'APROVADA',
      }),
    ]);

    processo = await processoPorCliente(clientes[0]!);
    expect(processo.status_processo).toBe('APROVADA');
    expect(processo.aprovado_por_usuario.email).toMatch(/^pessoa-aprovador-/);
    expect(processo.data_aprovacao).toBeTruthy();
    const execucoes = await execucoesDe(processo.id);
    expect(execucoes.map((e) => `${e.tipo_execucao}:${e.status_execucao}`)).toEqual([
      'UPLOAD_MANUAL:CONCLUIDO',
      'UPLOAD_SAT:PENDENTE',
    ]);
    const envio = execucoes[1]!;
    expect(envio.data_enfileiramento).toBeTruthy();
    expect(envio.parametros_entrada).toMatchObject({
      id_processo: processo.documentId,
      nome_sat: 'CLIENTE 0',
      dados_sat: 'Link Dedicado',
      mes_ano: '2025-03',
    });
    expect(JSON.stringify(envio.parametros_entrada)).not.toContain('Segredo#Portal1');

    const fila = abrirFila('envio-sat', PREFIXO_FILAS);
    const job = await fila.getJob(envio.documentId);
    expect(job?.data).toEqual({
      id_execucao: envio.documentId,
      id_processo: processo.documentId,
      tipo_execucao: 'UPLOAD_SAT',
      operadora_codigo: 'SAT',
      token_execucao: assinarTokenDoJob(envio.documentId),
    });
    expect(job?.opts).toMatchObject({ attempts: 3, backoff: { type: 'exponential', delay: 30000 } });
    await fila.close();
  });

  test('estado final não é sobrescrito: aprovar de novo, rejeitar ou reabrir uma APROVADA → 409', async () => {
    await aprovador
      .post(`${PAINEL}/${processo.documentId}/aprovar`, { sha256_fatura: processo.hash_fatura })
      .expect(409);
    await aprovador
      .post(`${PAINEL}/${processo.documentId}/rejeitar`, { observacoes: 'tarde demais' })
      .expect(409);
    await operador.post(`${PAINEL}/${processo.documentId}/reabrir`).expect(409);
    expect((await processoPorCliente(clientes[0]!)).status_processo).toBe('APROVADA');
  });

  test('a fatura aprovada não é editada nem o processo excluído', async () => {
    const r = await token
      .put(`/api/processos/${processo.documentId}`, { data: { valor_fatura: 1 } })
      .expect(400);
    expect(r.body.error.message).toContain('não pode ser editada');
    await token.del(`/api/processos/${processo.documentId}`).expect(409);
  });

  test('auditoria de cada ação: quem, de → para, motivo, IP e user agent', async () => {
    const trilha = await auditoriasDe(processo.documentId);
    const aprovacao = trilha.find((a) => a.acao === 'processo.aprovar')!;
    expect(aprovacao).toMatchObject({
      origem: 'PAINEL',
      antes: { status_processo: 'AGUARDANDO_APROVACAO' },
      depois: { status_processo: 'APROVADA' },
    });
    expect(aprovacao.usuario_email).toMatch(/^pessoa-aprovador-/);
    expect(aprovacao.ip_origem).toBeTruthy();
    expect(aprovacao.user_agent).toBeTruthy();
    const upload = trilha.find((a) => a.acao === 'processo.registrar_upload_manual')!;
    expect(upload.depois).toMatchObject({
      status_processo: 'AGUARDANDO_APROVACAO',
      motivo: 'Fatura de março',
      contingencia: false,
    });
    expect(trilha.filter((a) => a.acao === 'processo.aprovar')).toHaveLength(1);
  });
});

describe('rastreabilidade e exportação', () => {
  test('trilha do processo em ordem cronológica e exportação CSV (;, BOM) das execuções', async () => {
    const processo = await processoPorCliente(clientes[0]!);
    const r = await token.get(`/api/processos/${processo.documentId}/rastreabilidade`).expect(200);
    const acoes = r.body.data.eventos.map((e: Registro) => e.acao);
    expect(acoes.indexOf('processo.registrar_upload_manual')).toBeLessThan(acoes.indexOf('processo.aprovar'));
    expect(
      r.body.data.eventos
        .filter((e: Registro) => e.tipo === 'EXECUCAO')
        .map((e: Registro) => e.execucao.tipo_execucao)
    ).toEqual(['UPLOAD_MANUAL', 'UPLOAD_SAT']);
    const csv = await token
      .get(`/api/execucoes/exportar?formato=csv&processo=${processo.documentId}`)
      .buffer(true)
      .parse((res, fim) => {
        let texto = '';
        res.on('data', (p: Buffer) => (texto += p.toString('utf8')));
        res.on('end', () => fim(null, texto));
      })
      .expect(200);
    const linhas = (csv.body as string).split('\r\n').filter(Boolean);
    expect(linhas[0]!.startsWith('\uFEFFexecucao;processo;mes_ano')).toBe(true);
    expect(linhas).toHaveLength(3);
    await token.get('/api/execucoes/exportar?formato=xml').expect(400);
    await token.get('/api/execucoes/exportar?status=xpto&tipo=abc&de=31/02/2025').expect(400);
    const trilhaCsv = await token
      .get(`/api/processos/${processo.documentId}/rastreabilidade?formato=csv`)
      .expect(200);
    expect(trilhaCsv.text.startsWith('\uFEFFdata_hora;tipo;acao;status_de;status_para')).toBe(true);
    expect(trilhaCsv.text).toContain('processo.aprovar;AGUARDANDO_APROVACAO;APROVADA');
    await token.get(`/api/processos/${processo.documentId}/rastreabilidade?formato=pdf`).expect(400);
  });
});

describe('quatro olhos, rejeição e reabertura', () => {
  let processo: Registro;

  test('quem fez o upload não aprova a própria fatura', async () => {
    processo = await processoPorCliente(clientes[1]!);
    await enviarFatura(administrador, processo.documentId, await gerarPdfFatura()).expect(201);
    processo = await processoPorCliente(clientes[1]!);
    const r = await administrador
      .post(`${PAINEL}/${processo.documentId}/aprovar`, { sha256_fatura: processo.hash_fatura })
      .expect(403);
    expect(r.body.error.message).toContain('quatro olhos');
  });

  test('rejeição pela API de integrador, com motivo; reabertura preserva o histórico', async () => {
    const r = await integradorAprovador
      .post(`/api/processos/${processo.documentId}/rejeitar`, { observacoes: 'Valor diverge do contrato' })
      .expect(200);
    expect(r.body.data).toEqual({ processo: processo.documentId, status_processo: 'REJEITADA' });
    await integradorAprovador.post(`/api/processos/${processo.documentId}/reabrir`).expect(403);
    const reaberto = await integradorOperador
      .post(`/api/processos/${processo.documentId}/reabrir`, {
        data: { observacoes: 'Nova fatura pedida à operadora' },
      })
      .expect(200);
    expect(reaberto.body.data.status_processo).toBe('AGUARDANDO_DOWNLOAD');
    const atual = await processoPorCliente(clientes[1]!);
    expect(atual).toMatchObject({
      status_processo: 'AGUARDANDO_DOWNLOAD',
      upload_manual: false,
      hash_fatura: null,
      valor_fatura: null,
    });
    expect(await execucoesDe(atual.id)).toHaveLength(1);
    const acoes = (await auditoriasDe(processo.documentId)).map((a) => a.acao);
    expect(acoes).toEqual(
      expect.arrayContaining(['processo.registrar_upload_manual', 'processo.rejeitar', 'processo.reabrir'])
    );
    const reabertura = (await auditoriasDe(processo.documentId)).find((a) => a.acao === 'processo.reabrir')!;
    expect(reabertura.depois.fatura_anterior).toMatchObject({
      valor_fatura: 1234.56,
      sha256: processo.hash_fatura ?? expect.any(String),
    });
  });

  test('depois de reaberto, nova fatura e aprovação por outra pessoa', async () => {
    await enviarFatura(operador, processo.documentId, await gerarPdfFatura()).expect(201);
    await aprovador
      .post(`${PAINEL}/${processo.documentId}/aprovar`, {
        sha256_fatura: (await processoPorCliente(clientes[1]!)).hash_fatura,
      })
      .expect(200);
    const execucoes = await execucoesDe((await processoPorCliente(clientes[1]!)).id);
    expect(execucoes.map((e) => `${e.tipo_execucao}#${e.numero_tentativa}`)).toEqual([
      'UPLOAD_MANUAL#1',
      'UPLOAD_MANUAL#2',
      'UPLOAD_SAT#1',
    ]);
  });
});
