import { createHash } from 'crypto';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi } from '../ajudantes/strapi';
import { SmtpLocal } from '../ajudantes/smtp';
import { CanaisSimulados, TOKEN_SLACK, TOKEN_TELEGRAM, CHAVE_EVOLUTION } from '../ajudantes/canais-simulados';
import { esperar } from '../ajudantes/worker';
import { criarPessoaNotificavel, faturaAguardando, notificacoes, type PessoaNotificavel } from './ajudantes';
import { canais } from '../../src/notificacoes/canais';
import { DESTINO_WEBHOOK_SLACK } from '../../src/notificacoes/canais/slack';
import { registrarNotificacoes } from '../../src/notificacoes/registro';
import { avisarVencimentos, enviarResumoDiario } from '../../src/notificacoes/agendadas';

/**
 * Notificações de ponta a ponta no Strapi real: SMTP real local, dublês fiéis da Evolution, do
 * Telegram e do Slack, a caixa de saída no banco e a fila BullMQ no Redis real.
 */
type Registro = Record<string, any>;

const smtp = new SmtpLocal();
const dubles = new CanaisSimulados();
let strapi: Core.Strapi;
let operador: PessoaNotificavel;
let aprovador: PessoaNotificavel;
let administrador: PessoaNotificavel;
const TELEFONE = '(67) 99999-0001';
const NUMERO = '5567999990001';
const CHAT = '987654321';
const CANAL_SLACK = 'C0APROVA01';

const sha = (dados: Buffer) => createHash('sha256').update(dados).digest('hex');
const todasTerminadas = async (processo: string) => {
  const linhas = (await notificacoes(strapi)).filter((n) => n.mensagem.includes(processo));
  return linhas.length && linhas.every((n) => !['PENDENTE', 'ENVIANDO'].includes(n.status_envio))
    ? linhas
    : null;
};

beforeAll(async () => {
  await smtp.ligar();
  await dubles.ligar();
  dubles.chatsTelegram.add(CHAT);
  dubles.canaisSlack.add(CANAL_SLACK);
  strapi = await iniciarStrapi({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORTA: String(smtp.porta),
    EMAIL_REMETENTE: 'Orquestrador <avisos@orquestrador.teste>',
    ...dubles.variaveis(),
    PAINEL_URL_PUBLICA: 'http://painel.teste',
    NOTIFICACOES_ESPERA_INICIAL_MS: '300',
    NOTIFICACOES_TENTATIVAS: '3',
    NOTIFICACOES_INTERVALO_MS: '0',
  });
  operador = await criarPessoaNotificavel(strapi, 'OPERADOR');
  aprovador = await criarPessoaNotificavel(strapi, 'APROVADOR', {
    telefone: TELEFONE,
    telegram_chat_id: CHAT,
    slack_destino: CANAL_SLACK,
    canais_notificacao: ['EMAIL', 'WHATSAPP', 'TELEGRAM', 'SLACK'],
  });
  administrador = await criarPessoaNotificavel(strapi, 'ADMINISTRADOR');
});
afterAll(async () => {
  await encerrarStrapi();
  await smtp.desligar();
  await dubles.desligar();
});

describe('fatura aguardando aprovação', () => {
  let processo: string;
  let pdf: Buffer;
  let linhas: Registro[];

  beforeAll(async () => {
    ({ processo, pdf } = await faturaAguardando(strapi, operador.painel));
    linhas = await esperar(() => todasTerminadas(processo), 30_000);
  });

  test('avisa só os aprovadores, uma linha por canal escolhido, todas ENVIADO', () => {
    expect(
      linhas.map((n) => [n.evento, n.tipo_notificacao, n.status_envio, n.tentativas_envio]).sort()
    ).toEqual([
      ['AGUARDANDO_APROVACAO', 'EMAIL', 'ENVIADO', 1],
      ['AGUARDANDO_APROVACAO', 'SLACK', 'ENVIADO', 1],
      ['AGUARDANDO_APROVACAO', 'TELEGRAM', 'ENVIADO', 1],
      ['AGUARDANDO_APROVACAO', 'WHATSAPP', 'ENVIADO', 1],
    ]);
    expect(linhas.every((n) => n.id_externo !== null || n.tipo_notificacao === 'EMAIL')).toBe(true);
    // O link assinado nunca fica no banco: só o marcador.
    expect(linhas.every((n) => n.mensagem.includes('{{link-de-decisao}}'))).toBe(true);
    expect(smtp.para(operador.email)).toHaveLength(0);
  });

  test('e-mail real: assunto, corpo com os dados e o link, PDF anexo íntegro', () => {
    const [mensagem] = smtp.para(aprovador.email);
    expect(mensagem.subject).toBe(
      'Fatura aguardando aprovação: EMPRESA AVISADA 1 LTDA — OPERADORA AVISOS 1 ' + process.pid + ' 03/2025'
    );
    expect(mensagem.from?.text).toContain('avisos@orquestrador.teste');
    expect(mensagem.text).toContain('Competência: 03/2025');
    expect(mensagem.text).toMatch(/Valor: R\$\s1\.234,56/);
    expect(mensagem.text).toContain('Vencimento: 10/03/2025');
    expect(mensagem.text).toContain(
      `Análise no painel: http://painel.teste/admin/plugins/orquestrador-rpa/processos/${processo}`
    );
    expect(mensagem.text).toMatch(/http:\/\/painel\.teste\/api\/decisoes\/[\w-]+\.[\w-]+/);
    expect(mensagem.attachments).toHaveLength(1);
    expect(mensagem.attachments[0].contentType).toBe('application/pdf');
    expect(sha(mensagem.attachments[0].content)).toBe(sha(pdf));
  });

  test('WhatsApp: sendMedia da Evolution v2 com apikey, número 55+DDD e o PDF em base64 puro', () => {
    const [pedido] = dubles.de('evolution');
    expect(pedido.caminho).toBe('/message/sendMedia/bgtel');
    expect(pedido.cabecalhos.apikey).toBe(CHAVE_EVOLUTION);
    expect(pedido.json).toMatchObject({ number: NUMERO, mediatype: 'document', mimetype: 'application/pdf' });
    expect(pedido.json!.caption).toContain('Fatura aguardando aprovação.');
    expect(sha(Buffer.from(pedido.json!.media, 'base64'))).toBe(sha(pdf));
  });

  test('Telegram: sendDocument multipart com chat_id, legenda e o arquivo', () => {
    const [pedido] = dubles.de('telegram');
    expect(pedido.caminho).toBe(`/bot${TOKEN_TELEGRAM}/sendDocument`);
    expect(pedido.campos.chat_id).toBe(CHAT);
    expect(pedido.campos.caption).toContain('Competência: 03/2025');
    // Chat privado (id positivo): destino pessoal, leva o link que decide.
    expect(pedido.campos.caption).toMatch(/\/api\/decisoes\/[\w-]+\.[\w-]+/);
    expect(pedido.arquivo?.tipo).toBe('application/pdf');
    expect(sha(pedido.arquivo!.conteudo)).toBe(sha(pdf));
  });

  test('Slack: chat.postMessage com Bearer, canal e só o link (sem anexo)', () => {
    const [pedido] = dubles.de('slack');
    expect(pedido.caminho).toBe('/slack/api/chat.postMessage');
    expect(pedido.cabecalhos.authorization).toBe(`Bearer ${TOKEN_SLACK}`);
    expect(pedido.json).toMatchObject({ channel: CANAL_SLACK });
    expect(pedido.json!.text).toContain(`/processos/${processo}`);
    // Canal do Slack é compartilhado: vai o aviso com a análise no painel, nunca o link que decide.
    expect(pedido.json!.text).not.toContain('/api/decisoes/');
    expect(pedido.json!.text).toContain('Para decidir, abra a análise no painel (com o seu login).');
  });

  test('registrar o mesmo evento de novo não duplica (chave de idempotência)', async () => {
    const [uma] = linhas;
    const antes = (await notificacoes(strapi)).length;
    const marca = uma.chave_idempotencia.split(':')[2];
    const criadas = await registrarNotificacoes(strapi, {
      evento: 'AGUARDANDO_APROVACAO',
      texto: { assunto: 'x', texto: 'y' },
      marca,
      processo: { id: 0, documentId: processo, mes_ano: '2025-03' },
    });
    expect(criadas).toEqual([]);
    expect((await notificacoes(strapi)).length).toBe(antes);
  });

  test('avisos de vencimento D-3 e D-1 e resumo diário: rodar duas vezes não repete', async () => {
    // A fatura vence em 10/03/2025: D-3 é 07/03.
    expect(await avisarVencimentos(strapi, '2025-03-07')).toBe(4);
    expect(await avisarVencimentos(strapi, '2025-03-07')).toBe(0);
    expect(await avisarVencimentos(strapi, '2025-03-08')).toBe(0);
    const resumo = await enviarResumoDiario(strapi, '2025-03-07');
    expect(resumo).toBeGreaterThanOrEqual(2);
    expect(await enviarResumoDiario(strapi, '2025-03-07')).toBe(0);
    // Gravadas por este módulo de teste: a fila do Strapi as publica pela reconciliação.
    await (
      strapi.service('api::notificacao.caixa') as unknown as { reconciliar: () => Promise<unknown> }
    ).reconciliar();
    const avisos = await esperar(async () => {
      const lista = await notificacoes(strapi, { evento: { $in: ['VENCIMENTO_PROXIMO', 'RESUMO_DIARIO'] } });
      return lista.every((n) => n.status_envio === 'ENVIADO') ? lista : null;
    }, 30_000);
    expect(avisos.filter((n) => n.evento === 'VENCIMENTO_PROXIMO')).toHaveLength(4);
    const textoResumo = smtp.para(administrador.email).find((m) => m.subject?.startsWith('Resumo do dia'));
    expect(textoResumo?.text).toContain('Aguardando aprovação: 1');
  });
});

describe('rejeição', () => {
  test('avisa os operadores e quem fez o upload, com o motivo', async () => {
    const uploader = await criarPessoaNotificavel(strapi, 'ADMINISTRADOR', { eventos_notificacao: [] });
    const { processo } = await faturaAguardando(strapi, uploader.painel);
    const resposta = await aprovador.painel
      .bruto()
      .post(`/orquestrador-rpa/processos/${processo}/rejeitar`)
      .set('Authorization', aprovador.painel.cabecalho)
      .send({ observacoes: 'Valor diverge do contrato' });
    expect(resposta.status).toBe(200);
    const linhas = await esperar(async () => {
      const lista = await notificacoes(strapi, { evento: 'REJEITADA', processo: { documentId: processo } });
      return lista.length === 2 && lista.every((n) => n.status_envio === 'ENVIADO') ? lista : null;
    }, 30_000);
    expect(linhas.map((n) => n.destinatario).sort()).toEqual([operador.email, uploader.email].sort());
    expect(smtp.para(uploader.email).at(-1)?.text).toContain('Motivo: Valor diverge do contrato.');
  });
});

describe('erros de cada canal', () => {
  const mensagem = { assunto: 'Teste', texto: 'Olá', anexo: null };

  test('definitivos: número sem WhatsApp, chat inexistente, canal do Slack inexistente, e-mail recusado', async () => {
    dubles.semWhatsapp.add('5511988887777');
    const c = canais(strapi);
    await expect(c.WHATSAPP.enviar({ ...mensagem, destino: '5511988887777' })).rejects.toMatchObject({
      definitivo: true,
      message: 'O número 5511988887777 não tem WhatsApp.',
    });
    await expect(c.TELEGRAM.enviar({ ...mensagem, destino: '111' })).rejects.toMatchObject({
      definitivo: true,
      message: 'O chat 111 não existe para o bot (chat not found).',
    });
    await expect(c.SLACK.enviar({ ...mensagem, destino: 'C0NAOEXISTE' })).rejects.toMatchObject({
      definitivo: true,
      message: 'O Slack recusou a mensagem para C0NAOEXISTE (channel_not_found).',
    });
    await expect(c.EMAIL.enviar({ ...mensagem, destino: 'recusa@destino.teste' })).rejects.toMatchObject({
      definitivo: true,
    });
    await expect(c.SLACK.enviar({ ...mensagem, destino: DESTINO_WEBHOOK_SLACK })).rejects.toMatchObject({
      definitivo: true,
      message: 'Slack: a pessoa não informou o canal ou usuário (slack_destino).',
    });
  });

  test('definitivos de credencial: chave da Evolution, token do Telegram e do Slack — sem o segredo na mensagem', async () => {
    const errados = canais(strapi);
    const configurar = (c: Registro) => c;
    const original = strapi.config.get('orquestrador') as Registro;
    const alterado = configurar(JSON.parse(JSON.stringify(original)));
    alterado.canais.evolution.chave = 'chave-errada';
    alterado.canais.telegram.token = '999:token-errado';
    alterado.canais.slack.token = 'xoxb-errado';
    strapi.config.set('orquestrador', alterado);
    try {
      const c = canais(strapi);
      const erros = await Promise.all([
        c.WHATSAPP.enviar({ ...mensagem, destino: NUMERO }).catch((e) => e),
        c.TELEGRAM.enviar({ ...mensagem, destino: CHAT }).catch((e) => e),
        c.SLACK.enviar({ ...mensagem, destino: CANAL_SLACK }).catch((e) => e),
      ]);
      expect(erros.map((e) => [e.definitivo, e.message])).toEqual([
        [true, 'Evolution API (WhatsApp) recusou a chave (401): confira EVOLUTION_API_KEY.'],
        [true, 'O Telegram recusou o token do bot: confira TELEGRAM_BOT_TOKEN.'],
        [true, 'O Slack recusou o token (invalid_auth): confira SLACK_BOT_TOKEN.'],
      ]);
    } finally {
      strapi.config.set('orquestrador', original);
    }
    expect(errados.TELEGRAM.estado().configurado).toBe(true);
  });

  test('Slack pelo webhook de entrada: o texto vai ao endereço do webhook, sem token', async () => {
    const original = strapi.config.get('orquestrador') as Registro;
    const alterado = JSON.parse(JSON.stringify(original));
    alterado.canais.slack = {
      ...alterado.canais.slack,
      token: null,
      webhook: `${dubles.url}/slack/webhook/T0/B0/X0`,
    };
    strapi.config.set('orquestrador', alterado);
    try {
      const slack = canais(strapi).SLACK;
      expect(slack.estado().configurado).toBe(true);
      await expect(slack.enviar({ ...mensagem, destino: DESTINO_WEBHOOK_SLACK })).resolves.toEqual({
        idExterno: null,
      });
      const pedido = dubles.de('slack').at(-1)!;
      expect([pedido.caminho, pedido.json, pedido.cabecalhos.authorization]).toEqual([
        '/slack/webhook/T0/B0/X0',
        { text: 'Olá' },
        undefined,
      ]);
    } finally {
      strapi.config.set('orquestrador', original);
    }
  });

  test('técnicos: 5xx e 429 com Retry-After/retry_after são re-tentáveis com a espera pedida', async () => {
    const c = canais(strapi);
    dubles.forcar('evolution', {
      status: 500,
      corpo: { status: 500, error: 'Internal Server Error', response: { message: 'x' } },
    });
    dubles.forcar('telegram', {
      status: 429,
      corpo: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 7',
        parameters: { retry_after: 7 },
      },
    });
    dubles.forcar('slack', {
      status: 429,
      corpo: { ok: false, error: 'ratelimited' },
      cabecalhos: { 'Retry-After': '4' },
    });
    const erros = await Promise.all([
      c.WHATSAPP.enviar({ ...mensagem, destino: NUMERO }).catch((e) => e),
      c.TELEGRAM.enviar({ ...mensagem, destino: CHAT }).catch((e) => e),
      c.SLACK.enviar({ ...mensagem, destino: CANAL_SLACK }).catch((e) => e),
    ]);
    expect(erros.map((e) => [e.definitivo, e.esperarMs])).toEqual([
      [false, null],
      [false, 7000],
      [false, 4000],
    ]);
  });

  test('pela fila: erro técnico volta a PENDENTE com a espera e sai na tentativa seguinte; definitivo para na primeira', async () => {
    dubles.forcar('telegram', {
      status: 429,
      corpo: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      },
    });
    dubles.semWhatsapp.add(NUMERO);
    const antes = dubles.de('telegram').length;
    const { processo } = await faturaAguardando(strapi, operador.painel);
    const linhas = await esperar(() => todasTerminadas(processo), 30_000);
    dubles.semWhatsapp.delete(NUMERO);
    const porCanal = Object.fromEntries(linhas.map((n) => [n.tipo_notificacao, n]));
    expect(porCanal.TELEGRAM).toMatchObject({ status_envio: 'ENVIADO', tentativas_envio: 2 });
    expect(dubles.de('telegram').length - antes).toBe(2);
    expect(porCanal.WHATSAPP).toMatchObject({
      status_envio: 'FALHOU',
      tentativas_envio: 1,
      mensagem_erro: `O número ${NUMERO} não tem WhatsApp.`,
    });
  });

  test('técnico que não passa desiste depois das tentativas configuradas', async () => {
    const falha = { status: 503, corpo: { ok: false, error: 'service_unavailable' } };
    dubles.forcar('slack', falha, falha, falha);
    const { processo } = await faturaAguardando(strapi, operador.painel);
    const linhas = await esperar(() => todasTerminadas(processo), 30_000);
    const slack = linhas.find((n) => n.tipo_notificacao === 'SLACK')!;
    expect(slack).toMatchObject({ status_envio: 'FALHOU', tentativas_envio: 3 });
    expect(slack.mensagem_erro).toBe(
      'Desistiu depois de 3 tentativa(s): Slack respondeu 503 (erro do servidor).'
    );
  });
});

describe('canal sem configuração e segredos', () => {
  test('canal desligado: a mensagem falha visível, com o que falta configurar', async () => {
    const original = strapi.config.get('orquestrador') as Registro;
    const alterado = JSON.parse(JSON.stringify(original));
    alterado.canais.telegram.token = null;
    strapi.config.set('orquestrador', alterado);
    try {
      const estados = canais(strapi);
      expect(estados.TELEGRAM.estado()).toEqual({
        canal: 'TELEGRAM',
        configurado: false,
        faltando: ['TELEGRAM_BOT_TOKEN'],
      });
      const { processo } = await faturaAguardando(strapi, operador.painel);
      const linhas = await esperar(() => todasTerminadas(processo), 30_000);
      expect(linhas.find((n) => n.tipo_notificacao === 'TELEGRAM')).toMatchObject({
        status_envio: 'FALHOU',
        mensagem_erro: 'Canal TELEGRAM desligado: configure TELEGRAM_BOT_TOKEN e reenvie.',
      });
    } finally {
      strapi.config.set('orquestrador', original);
    }
  });

  test('nenhum token, chave ou senha na caixa de saída, na auditoria ou na resposta dos canais', async () => {
    const caixa = JSON.stringify(await notificacoes(strapi));
    const auditoria = JSON.stringify(await strapi.db.query('api::auditoria.auditoria').findMany({}));
    const resposta = await administrador.painel
      .bruto()
      .get('/orquestrador-rpa/notificacoes/canais')
      .set('Authorization', administrador.painel.cabecalho);
    expect(resposta.status).toBe(200);
    for (const segredo of [TOKEN_TELEGRAM, TOKEN_SLACK, CHAVE_EVOLUTION]) {
      expect(caixa).not.toContain(segredo);
      expect(auditoria).not.toContain(segredo);
      expect(JSON.stringify(resposta.body)).not.toContain(segredo);
    }
    expect(resposta.body.data.every((c: Registro) => c.configurado)).toBe(true);
  });
});

describe('página Notificações (rotas do painel)', () => {
  const rota = (quem: PessoaNotificavel, metodo: 'get' | 'post', caminho: string) =>
    quem.painel.bruto()[metodo](`/orquestrador-rpa${caminho}`).set('Authorization', quem.painel.cabecalho);

  test('lista com filtros; filtro inválido recebe erro em português', async () => {
    const falhas = await rota(administrador, 'get', '/notificacoes?status=FALHOU&canal=whatsapp');
    expect(falhas.status).toBe(200);
    expect(falhas.body.data.itens.length).toBeGreaterThan(0);
    expect(
      falhas.body.data.itens.every(
        (n: Registro) => n.status_envio === 'FALHOU' && n.tipo_notificacao === 'WHATSAPP'
      )
    ).toBe(true);
    const ruim = await rota(administrador, 'get', '/notificacoes?status=PERDIDA');
    expect(ruim.status).toBe(400);
    expect(ruim.body.error.message).toBe(
      'status "PERDIDA" inválido: use PENDENTE, ENVIANDO, ENVIADO, FALHOU, CONFERIR.'
    );
  });

  test('reenvio manual de uma que falhou: sai de novo e fica auditado; ENVIADO não se reenvia', async () => {
    const [falhou] = await notificacoes(strapi, { status_envio: 'FALHOU', tipo_notificacao: 'WHATSAPP' });
    const resposta = await rota(administrador, 'post', `/notificacoes/${falhou.documentId}/reenviar`);
    expect(resposta.status).toBe(200);
    const enviada = await esperar(async () => {
      const [linha] = await notificacoes(strapi, { documentId: falhou.documentId });
      return linha.status_envio === 'ENVIADO' ? linha : null;
    }, 30_000);
    expect(enviada).toMatchObject({ reenvios: 1, tentativas_envio: 1, mensagem_erro: null });
    expect(
      await strapi.db
        .query('api::auditoria.auditoria')
        .count({ where: { acao: 'notificacao.reenviada', id_entidade: falhou.documentId } })
    ).toBe(1);
    const deNovo = await rota(administrador, 'post', `/notificacoes/${falhou.documentId}/reenviar`);
    expect(deNovo.status).toBe(409);
    expect(deNovo.body.error.message).toBe(
      'Só se reenvia mensagem que falhou ou está a conferir (esta está ENVIADO).'
    );
  });

  test('mensagem de teste por canal vai para a própria pessoa', async () => {
    const antes = dubles.de('telegram').length;
    const semChat = await rota(administrador, 'post', '/notificacoes/testar').send({ canal: 'TELEGRAM' });
    expect(semChat.status).toBe(400);
    expect(semChat.body.error.message).toContain('Seu cadastro não tem endereço para TELEGRAM');
    const ruim = await rota(administrador, 'post', '/notificacoes/testar').send({ canal: 'POMBO' });
    expect(ruim.body.error.message).toBe('Canal "POMBO" inválido: use EMAIL, WHATSAPP, TELEGRAM, SLACK.');
    const ok = await rota(administrador, 'post', '/notificacoes/testar').send({ canal: 'EMAIL' });
    expect(ok.status).toBe(200);
    await esperar(
      async () =>
        smtp.para(administrador.email).some((m) => m.subject === 'Mensagem de teste do Orquestrador RPA'),
      30_000
    );
    expect(dubles.de('telegram').length).toBe(antes);
  });

  test('aprovador e operador não entram na caixa de saída (403)', async () => {
    for (const quem of [aprovador, operador]) {
      expect((await rota(quem, 'get', '/notificacoes')).status).toBe(403);
      expect((await rota(quem, 'post', '/notificacoes/testar').send({ canal: 'EMAIL' })).status).toBe(403);
    }
  });

  test('a caixa de saída não se escreve por REST, GraphQL nem Content Manager', async () => {
    const [uma] = await notificacoes(strapi);
    const cm = await administrador.painel
      .bruto()
      .put(`/content-manager/collection-types/api::notificacao.notificacao/${uma.documentId}`)
      .set('Authorization', administrador.painel.cabecalho)
      .send({ status_envio: 'PENDENTE' });
    expect(cm.status).toBe(403);
    const criar = await administrador.painel
      .bruto()
      .post('/content-manager/collection-types/api::notificacao.notificacao')
      .set('Authorization', administrador.painel.cabecalho)
      .send({ tipo_notificacao: 'EMAIL', destinatario: 'x@y.z', mensagem: 'oi' });
    expect(criar.status).toBe(403);
    await expect(
      strapi
        .documents('api::notificacao.notificacao')
        .update({ documentId: uma.documentId, data: { status_envio: 'PENDENTE' } as never })
    ).rejects.toThrow('A caixa de saída das notificações é escrita pelo sistema');
    const gql = await request(strapi.server.httpServer)
      .post('/graphql')
      .set('Authorization', administrador.painel.cabecalho)
      .send({ query: `mutation { deleteNotificacao(documentId: "${uma.documentId}") { documentId } }` });
    expect(JSON.stringify(gql.body)).not.toContain(`"documentId":"${uma.documentId}"`);
    expect(
      await strapi.db.query('api::notificacao.notificacao').count({ where: { documentId: uma.documentId } })
    ).toBe(1);
  });
});

describe('preferências da pessoa', () => {
  test('canal sem endereço, evento desconhecido e telefone inválido: erro claro em português', async () => {
    await expect(
      strapi.documents('api::usuario.usuario').create({
        data: {
          nome_completo: 'Sem Telefone',
          email: 'sem-telefone@teste.invalid',
          perfil_usuario: 'APROVADOR',
          canais_notificacao: ['WHATSAPP', 'POMBO'],
          eventos_notificacao: ['FESTA'],
          telefone: '123',
        } as never,
      })
    ).rejects.toMatchObject({
      message:
        'Canal desconhecido: POMBO (use uma lista com EMAIL, WHATSAPP, TELEGRAM, SLACK). ' +
        'Evento desconhecido: FESTA (use uma lista com AGUARDANDO_APROVACAO, REJEITADA, ENVIADA_SAT, FALHA_DOWNLOAD, FALHA_ENVIO_SAT, CONFERIR_SAT, VENCIMENTO_PROXIMO, RESUMO_DIARIO). ' +
        'Telefone inválido: use DDD + número (ex.: 11 91234-5678), com ou sem o 55.',
    });
    await expect(
      strapi.documents('api::usuario.usuario').update({
        documentId: (
          await strapi.db.query('api::usuario.usuario').findOne({ where: { id: operador.usuarioId } })
        ).documentId,
        data: { canais_notificacao: ['TELEGRAM'] } as never,
      })
    ).rejects.toThrow('Para receber pelo Telegram, informe o chat id.');
  });
});
