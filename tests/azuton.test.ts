import path from 'path';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi, PREFIXO_FILAS, TOKEN_ROBO_TESTE } from './ajudantes/strapi';
import { criarIntegrador } from './ajudantes/autenticacao';
import { api, CNPJS_VALIDOS, criarOperadora, dadosCliente } from './ajudantes/dados';
import { URL_REDIS_TESTE } from './ajudantes/filas';
import { gerarPdfFatura } from './ajudantes/pdf';
import { esperar, WorkerFilho } from './ajudantes/worker';
import { assinarTokenDoJob } from '../src/seguranca/token-job';
import { emailAzuton, iniciarPortalAzuton, type FaturaAzuton } from '../worker-rpa/portais-simulados/azuton';
import { iniciarDovecot, type DovecotTeste } from '../worker-rpa/src/testes/dovecot';
import { competenciaAtual, idLeituraEmail, UID } from '@orquestrador-rpa/contrato';

/**
 * Fatura por e-mail (Azuton) com peças reais: Strapi + banco, Redis, o worker como processo, um
 * Dovecot (IMAP) com os e-mails no formato da Azuton e as páginas de boleto e fatura simuladas.
 * A leitura agendada vira job; o worker baixa e entrega; o Strapi casa o CNPJ com o processo do
 * mês, que vai a AGUARDANDO_APROVACAO (nunca direto ao SAT), uma vez só por mensagem.
 */
type Registro = Record<string, any>;

const REMETENTE = 'faturas@azuton.teste';
let strapi: Core.Strapi;
let caixa: DovecotTeste;
let portal: Awaited<ReturnType<typeof iniciarPortalAzuton>>;
let worker: WorkerFilho;
let operador: ReturnType<typeof api>;
const clientes: string[] = [];
const mes = competenciaAtual();

const fatura = (i: number, extras: Partial<FaturaAzuton> = {}): FaturaAzuton => ({
  id: `B-${i}`,
  numero: `7700${i}`,
  cliente: `CLIENTE AZUTON ${i}`,
  cnpj: CNPJS_VALIDOS[i]!,
  vencimento: '25/05/2025',
  valor: `${i + 1}50,75`,
  ...extras,
});

/** A tarefa do agendamento pelo app compilado (o mesmo produtor de filas que o Strapi fecha no fim). */
const executarTarefa = (...args: unknown[]): Promise<string> =>
  require(path.join(__dirname, '..', 'dist', 'src', 'agendamentos', 'tarefas.js')).executarTarefa(...args);

const processoDe = (cliente: string): Promise<Registro> =>
  strapi.db.query(UID.PROCESSO).findOne({ where: { cliente: { documentId: cliente }, mes_ano: mes } });
const mensagens = (): Promise<Registro[]> =>
  strapi.db
    .query(UID.MENSAGEM_EMAIL)
    .findMany({ orderBy: { id: 'asc' }, populate: { processo: { select: ['documentId'] } } });
const downloadsDe = async (cliente: string): Promise<Registro[]> =>
  strapi.db.query(UID.EXECUCAO).findMany({
    where: {
      processo: { documentId: (await processoDe(cliente)).documentId },
      tipo_execucao: 'DOWNLOAD_FATURA',
    },
  });

/** O que o worker faria: a rota de entrega com o ROBO_TOKEN e o token da leitura. */
const entregar = (
  idLeitura: string,
  mensagem: Registro,
  pdf?: Buffer,
  token = assinarTokenDoJob(idLeitura, 'leitura-email')
) => {
  let pedido = api(strapi, TOKEN_ROBO_TESTE)
    .bruto()
    .post(`/api/robo/leituras-email/${idLeitura}/mensagens`)
    .set('Authorization', `Bearer ${TOKEN_ROBO_TESTE}`)
    .set('X-Token-Execucao', token)
    .field('mensagem', JSON.stringify(mensagem));
  if (pdf) pedido = pedido.attach('fatura', pdf, 'boleto.pdf');
  return pedido;
};
const lida = (i: number, extras: Registro = {}) => ({
  id_mensagem: `<direta-${i}-${Date.now()}@azuton.teste>`,
  remetente: REMETENTE,
  assunto: `Fatura ${i}`,
  recebida_em: new Date().toISOString(),
  cliente: `CLIENTE AZUTON ${i}`,
  cnpj: CNPJS_VALIDOS[i],
  numero_fatura: `88${i}`,
  data_vencimento: '2025-05-25',
  valor_fatura: 10.5,
  ...extras,
});

beforeAll(async () => {
  [caixa, portal] = await Promise.all([
    iniciarDovecot(),
    iniciarPortalAzuton({ faturas: [0, 1, 2, 3, 4].map((i) => fatura(i)) }),
  ]);
  strapi = await iniciarStrapi({ RECONCILIADOR_CARENCIA_MS: '0' });
  await new Promise<void>((r) => strapi.server.httpServer.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(strapi.server.httpServer.address() as AddressInfo).port}`;
  operador = api(strapi, await criarIntegrador(strapi, 'OPERADOR'));
  const azuton = await criarOperadora(strapi, { nome: 'AZUTON', codigo: 'AZU', possui_rpa: true });
  for (const i of [0, 1, 2]) {
    const cliente = await strapi.documents(UID.CLIENTE).create({
      data: dadosCliente(azuton.documentId, {
        cnpj: CNPJS_VALIDOS[i],
        nome_sat: `CLIENTE AZUTON ${i}`,
      }) as never,
    });
    clientes.push(cliente.documentId);
  }
  // Processos do mês só para os clientes 0 e 2: o 1 fica sem processo.
  for (const i of [0, 2])
    await strapi.documents(UID.PROCESSO).create({ data: { cliente: clientes[i], mes_ano: mes } as never });
  worker = new WorkerFilho({
    STRAPI_URL: url,
    ROBO_TOKEN: TOKEN_ROBO_TESTE,
    REDIS_URL: URL_REDIS_TESTE,
    FILAS_PREFIXO: PREFIXO_FILAS,
    NAVEGADOR_ESPERA_MS: '5000',
    PORTAIS_LOCAIS_PERMITIDOS: 'true',
    ...caixa.ambiente({ AZUTON_REMETENTE: REMETENTE, AZUTON_DOMINIOS: '127.0.0.1' }),
  });
  await worker.ligar();
});
afterAll(async () => {
  await worker?.desligar();
  await encerrarStrapi();
  await Promise.all([caixa?.parar(), portal?.fechar()]);
});

describe('leitura agendada da caixa da Azuton, com o worker de verdade', () => {
  test('anexa a fatura do cliente com processo; registra cliente desconhecido e sem processo; move as tratadas', async () => {
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Fatura cliente 0',
      html: emailAzuton(fatura(0), portal.url),
    });
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Fatura cliente 1',
      html: emailAzuton(fatura(1), portal.url),
    });
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Fatura de estranho',
      html: emailAzuton(fatura(3), portal.url),
    });
    await caixa.entregar({ de: 'spam@outro.teste', assunto: 'Promoção', html: '<p>Olá</p>' });

    expect(await executarTarefa(strapi, 'LER_EMAIL_AZUTON', {})).toMatch(
      /^Leitura da caixa de e-mail \(AZU\) enfileirada: AZU-/
    );
    const registradas = await esperar(
      async () => ((await mensagens()).length === 3 ? mensagens() : null),
      90_000,
      () => worker.saida.slice(-30).join('\n')
    );

    const porAssunto = Object.fromEntries(registradas.map((m) => [m.assunto, m]));
    expect(porAssunto['Fatura cliente 0']).toMatchObject({
      situacao: 'ANEXADA',
      cnpj: CNPJS_VALIDOS[0],
      numero_fatura: '77000',
      remetente: REMETENTE,
      processo: { documentId: (await processoDe(clientes[0]!)).documentId },
    });
    expect(porAssunto['Fatura cliente 1']).toMatchObject({ situacao: 'SEM_PROCESSO' });
    expect(porAssunto['Fatura cliente 1'].motivo).toContain(`não tem processo em ${mes}`);
    expect(porAssunto['Fatura de estranho']).toMatchObject({ situacao: 'CLIENTE_DESCONHECIDO' });
    expect(porAssunto['Fatura de estranho'].motivo).toContain(`com o CNPJ ${CNPJS_VALIDOS[3]}`);

    const processo = await processoDe(clientes[0]!);
    expect(processo).toMatchObject({
      status_processo: 'AGUARDANDO_APROVACAO',
      data_vencimento: '2025-05-25',
      upload_manual: false,
    });
    expect(Number(processo.valor_fatura)).toBeCloseTo(150.75);
    expect(processo.hash_fatura).toMatch(/^[0-9a-f]{64}$/);
    const [download] = await downloadsDe(clientes[0]!);
    expect(download).toMatchObject({
      status_execucao: 'CONCLUIDO',
      classe_rpa_utilizada: 'AZU',
      chave_aberta: null,
    });
    expect(download.parametros_entrada).toMatchObject({ origem: 'EMAIL', remetente: REMETENTE });
    expect((await processoDe(clientes[2]!)).status_processo).toBe('AGUARDANDO_DOWNLOAD');
    await esperar(async () => (await caixa.assuntos('INBOX')).length === 1);
    expect(await caixa.assuntos('INBOX')).toEqual(['Promoção']);
    expect(await caixa.assuntos('Azuton/Processadas')).toHaveLength(3);
  });

  test('a mesma mensagem de novo na caixa: só é movida, nada se anexa duas vezes', async () => {
    const original = (await mensagens()).find((m) => m.assunto === 'Fatura cliente 0')!;
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Fatura cliente 0',
      html: emailAzuton(fatura(0), portal.url),
      messageId: original.id_mensagem,
    });
    portal.estado.pedidos = [];
    await executarTarefa(strapi, 'LER_EMAIL_AZUTON', {});
    await esperar(
      async () => (await caixa.assuntos('INBOX')).length === 1,
      60_000,
      () => worker.saida.slice(-20).join('\n')
    );
    expect(worker.saida.join('\n')).toContain('já entregue antes; movida para as tratadas');
    expect(portal.estado.pedidos).toEqual([]);
    expect(await mensagens()).toHaveLength(3);
    expect(await downloadsDe(clientes[0]!)).toHaveLength(1);
  });
});

describe('rota de entrega (a porta do worker)', () => {
  test('só com o token da própria leitura; o de uma execução ou de outra leitura não serve', async () => {
    const id = idLeituraEmail('AZU', 'teste-token');
    const pdf = await gerarPdfFatura();
    expect((await entregar(id, lida(2), pdf, assinarTokenDoJob(id))).status).toBe(403);
    expect(
      (await entregar(id, lida(2), pdf, assinarTokenDoJob(idLeituraEmail('AZU', 'outra'), 'leitura-email')))
        .body.error.message
    ).toBe('Token do job ausente ou de outra leitura: o worker só fala da leitura da caixa em curso.');
    const semRobo = await api(strapi, 'token-errado')
      .bruto()
      .get(`/api/robo/leituras-email/${id}/mensagens/x`)
      .set('X-Token-Execucao', assinarTokenDoJob(id, 'leitura-email'));
    expect(semRobo.status).toBe(401);
    expect(await mensagens()).toHaveLength(3);
  });

  test('token da leitura vencido (LEITURA_EMAIL_VALIDADE_HORAS): 403 claro na consulta e na entrega, nada gravado', async () => {
    const id = idLeituraEmail('AZU', 'vencida');
    const vencido = assinarTokenDoJob(id, 'leitura-email', Date.now() - 6 * 3_600_000 - 1_000);
    const entrega = await entregar(id, lida(2), await gerarPdfFatura(), vencido);
    expect(entrega.status).toBe(403);
    expect(entrega.body.error.message).toBe(
      'Token da leitura vencido: a próxima leitura agendada pega o que ficou na caixa.'
    );
    const consulta = await api(strapi, TOKEN_ROBO_TESTE)
      .bruto()
      .get(`/api/robo/leituras-email/${id}/mensagens/x`)
      .set('Authorization', `Bearer ${TOKEN_ROBO_TESTE}`)
      .set('X-Token-Execucao', vencido);
    expect(consulta.status).toBe(403);
    // Quase no fim do prazo ainda vale.
    const quase = assinarTokenDoJob(id, 'leitura-email', Date.now() - 6 * 3_600_000 + 60_000);
    expect((await entregar(id, lida(2, { cnpj: '123' }), undefined, quase)).status).toBe(400);
    expect(await mensagens()).toHaveLength(3);
  });

  test('entrada ruim: erro claro em português e nada gravado', async () => {
    const id = idLeituraEmail('AZU', 'entrada-ruim');
    const ruim = await entregar(
      id,
      lida(2, { cnpj: '123', data_vencimento: '25/05/2025', valor_fatura: -1 })
    );
    expect(ruim.status).toBe(400);
    expect(ruim.body.error.message).toContain('CNPJ do pagador inválido: "123".');
    expect(ruim.body.error.message).toContain('data_vencimento deve ser AAAA-MM-DD.');
    expect(ruim.body.error.message).toContain('valor_fatura deve ser um número ≥ 0.');
    const semPdf = await entregar(id, lida(2));
    expect(semPdf.status).toBe(400);
    expect(semPdf.body.error.message).toBe('A mensagem casou com um processo, mas o robô não enviou o PDF.');
    const outraOperadora = await entregar(idLeituraEmail('EMB', 'x'), lida(2));
    expect(outraOperadora.body.error.message).toBe('A operadora EMB não recebe fatura por e-mail.');
    // A recusada nunca ocupa um Message-ID (o de uma fatura que ainda vai chegar).
    const recusaComMessageId = await entregar(id, {
      id_mensagem: '<fatura-futura@azuton.teste>',
      recusa: 'x',
    });
    expect(recusaComMessageId.status).toBe(400);
    expect(recusaComMessageId.body.error.message).toBe(
      'O id de uma mensagem recusada começa por "recusada:".'
    );
    expect(await mensagens()).toHaveLength(3);
    expect((await processoDe(clientes[2]!)).status_processo).toBe('AGUARDANDO_DOWNLOAD');
  });

  test('duas entregas simultâneas da mesma mensagem: uma anexa, a outra vê a primeira', async () => {
    const id = idLeituraEmail('AZU', 'corrida');
    const mensagem = lida(2);
    const pdf = await gerarPdfFatura('77,00', '25/05/2025');
    const [a, b] = await Promise.all([entregar(id, mensagem, pdf), entregar(id, mensagem, pdf)]);
    const respostas = [a.body.data, b.body.data];
    expect(respostas.map((r) => r.situacao)).toEqual(['ANEXADA', 'ANEXADA']);
    expect(respostas.map((r) => r.ja_registrada).sort()).toEqual([false, true]);
    expect(await downloadsDe(clientes[2]!)).toHaveLength(1);
    expect((await processoDe(clientes[2]!)).status_processo).toBe('AGUARDANDO_APROVACAO');
    const arquivos = await strapi.db
      .query(UID.ARQUIVO)
      .count({ where: { sha256: (await processoDe(clientes[2]!)).hash_fatura } });
    expect(arquivos).toBe(1);
    const consulta = await api(strapi, TOKEN_ROBO_TESTE)
      .bruto()
      .get(`/api/robo/leituras-email/${id}/mensagens/${encodeURIComponent(mensagem.id_mensagem)}`)
      .set('Authorization', `Bearer ${TOKEN_ROBO_TESTE}`)
      .set('X-Token-Execucao', assinarTokenDoJob(id, 'leitura-email'));
    expect(consulta.body.data).toMatchObject({ situacao: 'ANEXADA', ja_registrada: true });
  });

  test('processo que já tem fatura: registrada, não anexada', async () => {
    const id = idLeituraEmail('AZU', 'depois');
    const resposta = await entregar(id, lida(2), await gerarPdfFatura('99,00'));
    expect(resposta.body.data).toMatchObject({ situacao: 'PROCESSO_COM_FATURA', ja_registrada: false });
    expect(resposta.body.data.motivo).toContain('já está em AGUARDANDO_APROVACAO');
    expect(await downloadsDe(clientes[2]!)).toHaveLength(1);
  });
});

describe('outras portas', () => {
  test('o registro das mensagens é só do sistema (Document Service, REST e GraphQL)', async () => {
    await expect(
      strapi.documents(UID.MENSAGEM_EMAIL).create({
        data: { id_mensagem: '<forjada@x>', operadora_codigo: 'AZU', situacao: 'ANEXADA' } as never,
      })
    ).rejects.toThrow('As mensagens de e-mail são registradas pelo robô da caixa de entrada');
    const [uma] = await mensagens();
    await expect(
      strapi
        .documents(UID.MENSAGEM_EMAIL)
        .update({ documentId: uma!.documentId, data: { situacao: 'RECUSADA' } as never })
    ).rejects.toThrow('não podem ser criadas, alteradas ou excluídas por aqui');
    expect((await operador.post('/api/mensagens-email', { data: { id_mensagem: 'x' } })).status).toBe(405);
    const graphql = await operador.graphql(
      'mutation { createMensagemEmail(data: { id_mensagem: "<gql@x>", operadora_codigo: "AZU", situacao: ANEXADA }) { documentId } }'
    );
    expect(graphql.body.errors?.length).toBeGreaterThan(0);
    expect(await mensagens()).toHaveLength(5);
  });

  test('download por processo da Azuton é recusado: a fatura chega por e-mail', async () => {
    const processo = await processoDe(clientes[2]!);
    await strapi.db
      .query(UID.PROCESSO)
      .update({ where: { id: processo.id }, data: { status_processo: 'AGUARDANDO_DOWNLOAD' } });
    const resposta = await operador.post(`/api/processos/${processo.documentId}/executar-download`);
    expect(resposta.status).toBe(409);
    expect(resposta.body.error.message).toContain('A fatura da AZUTON chega por e-mail');
  });
});

describe('recusadas pela caixa, com o worker de verdade', () => {
  const AR = (resultado: string) => `Authentication-Results: mx.empresa.teste; ${resultado}`;
  let cliente4: string;
  beforeAll(async () => {
    const azuton = await strapi.db.query(UID.OPERADORA).findOne({ where: { codigo: 'AZU' } });
    cliente4 = (
      await strapi.documents(UID.CLIENTE).create({
        data: dadosCliente(azuton.documentId, {
          cnpj: CNPJS_VALIDOS[4],
          nome_sat: 'CLIENTE AZUTON 4',
        }) as never,
      })
    ).documentId;
    await strapi.documents(UID.PROCESSO).create({ data: { cliente: cliente4, mes_ano: mes } as never });
    await caixa.esvaziar();
  });
  const recusadas = async () =>
    (await mensagens()).filter((m) => m.situacao === 'RECUSADA' && m.id_mensagem.startsWith('recusada:'));

  test('From certo, mas o servidor disse dkim=fail: recusada com o motivo, movida para as recusadas, nada baixado', async () => {
    portal.estado.pedidos = [];
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Fatura forjada',
      html: emailAzuton(fatura(4), portal.url),
      cabecalhos: [AR('dkim=fail header.d=azuton.teste; spf=fail smtp.mailfrom=faturas@azuton.teste')],
    });
    await executarTarefa(strapi, 'LER_EMAIL_AZUTON', {});
    const [recusada] = await esperar(
      async () => ((await recusadas()).length === 1 ? recusadas() : null),
      60_000,
      () => worker.saida.slice(-20).join('\n')
    );
    expect(recusada).toMatchObject({
      situacao: 'RECUSADA',
      remetente: REMETENTE,
      assunto: 'Fatura forjada',
      cnpj: null,
      processo: null,
      motivo:
        'Recusada pelo robô da caixa: O servidor de e-mail (mx.empresa.teste) disse dkim=fail para azuton.teste: a mensagem não é de azuton.teste, mesmo com o From certo.',
    });
    await esperar(async () => (await caixa.assuntos('Azuton/Recusadas')).length === 1);
    expect(await caixa.assuntos('INBOX')).toEqual([]);
    expect(portal.estado.pedidos).toEqual([]);
    expect((await processoDe(cliente4)).status_processo).toBe('AGUARDANDO_DOWNLOAD');
  });

  test('55 recusadas na frente (mais que AZUTON_LIMITE_MENSAGENS): a fatura boa de trás é anexada na mesma leitura', async () => {
    for (let i = 0; i < 55; i += 1)
      await caixa.entregar(
        i % 5 === 0
          ? {
              de: REMETENTE,
              assunto: `Golpe ${i}`,
              html: '<p>x</p>',
              from: `"${REMETENTE}" <golpe@outro.teste>`,
            }
          : {
              de: REMETENTE,
              assunto: `Golpe ${i}`,
              html: emailAzuton(fatura(4), portal.url),
              cabecalhos: [AR('dmarc=fail header.from=azuton.teste')],
            }
      );
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Fatura boa',
      html: emailAzuton(fatura(4), portal.url),
      cabecalhos: [AR('dkim=pass header.d=azuton.teste; spf=pass smtp.mailfrom=faturas@azuton.teste')],
    });
    await executarTarefa(strapi, 'LER_EMAIL_AZUTON', {});
    const boa = await esperar(
      async () => (await mensagens()).find((m) => m.assunto === 'Fatura boa') ?? null,
      120_000,
      () => worker.saida.slice(-20).join('\n')
    );
    expect(boa).toMatchObject({ situacao: 'ANEXADA', cnpj: CNPJS_VALIDOS[4] });
    expect((await processoDe(cliente4)).status_processo).toBe('AGUARDANDO_APROVACAO');
    expect(await recusadas()).toHaveLength(56);
    await esperar(async () => (await caixa.assuntos('INBOX')).length === 0);
    expect(await caixa.assuntos('Azuton/Recusadas')).toHaveLength(56);
    expect(await caixa.assuntos('Azuton/Processadas')).toEqual(['Fatura boa']);
  });
});
