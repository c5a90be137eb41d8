import http from 'http';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import type { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { io as conectarSocket, type Socket } from 'socket.io-client';
import { encerrarStrapi, iniciarStrapi, PREFIXO_FILAS } from './ajudantes/strapi';
import { criarPessoaNoPainel } from './ajudantes/autenticacao';
import { CNPJS_VALIDOS, criarOperadora, dadosCliente } from './ajudantes/dados';
import { comCabecalho } from './ajudantes/painel';
import { abrirFila, URL_REDIS_TESTE } from './ajudantes/filas';
import { CAMINHO_SOCKET } from '@orquestrador-rpa/contrato';
import { canalLogs, FILAS, type LinhaLogRobo } from '@orquestrador-rpa/contrato';

/**
 * Logs ao vivo pelo Socket.IO do Strapi: autenticação pelo token do admin, salas, histórico ao
 * assinar (do job enquanto roda, do banco depois), linhas vindas do canal Redis dos workers e
 * transições do workflow chegando também a um segundo servidor pelo adaptador Redis.
 */
type Registro = Record<string, any>;

let strapi: Core.Strapi;
let endereco: string;
let token: string;
let fila: Queue;
let publicador: IORedis;
const sockets: Socket[] = [];
let cliente: Registro;
let processo: Registro;
let emCurso: Registro;

const abrir = (auth: Record<string, unknown> = { token }): Socket => {
  const socket = conectarSocket(endereco, {
    path: CAMINHO_SOCKET,
    auth,
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  return socket;
};
const conectado = (socket: Socket) =>
  new Promise<void>((resolver, rejeitar) => {
    socket.once('connect', () => resolver());
    socket.once('connect_error', rejeitar);
  });
const assinar = (socket: Socket, sala: string): Promise<Registro> => socket.emitWithAck('assinar', sala);
const proximo = <T = Registro>(socket: Socket, evento: string): Promise<T> =>
  new Promise((resolver) => socket.once(evento, resolver));
const linhaDe = (execucao: Registro, linha: string, sequencia: number, operadora = 'EMB'): LinhaLogRobo => ({
  id_execucao: execucao.documentId,
  id_processo: processo.documentId,
  operadora_codigo: operadora,
  tipo_execucao: 'DOWNLOAD_FATURA',
  linha,
  data_hora: new Date().toISOString(),
  sequencia,
});
const publicar = (linha: LinhaLogRobo) => publicador.publish(canalLogs(PREFIXO_FILAS), JSON.stringify(linha));

beforeAll(async () => {
  strapi = await iniciarStrapi();
  await new Promise<void>((resolver) => strapi.server.httpServer.listen(0, '127.0.0.1', resolver));
  endereco = `http://127.0.0.1:${(strapi.server.httpServer.address() as AddressInfo).port}`;
  token = await criarPessoaNoPainel(strapi, 'OPERADOR');
  const emb = await criarOperadora(strapi, { nome: 'EMBRATEL', codigo: 'EMB', possui_rpa: true });
  cliente = await strapi.documents('api::cliente.cliente').create({
    data: dadosCliente(emb.documentId, { cnpj: CNPJS_VALIDOS[0], nome_sat: 'CLIENTE AO VIVO' }) as never,
  });
  await strapi.service('api::processo.geracao-mensal').gerar('2025-08');
  processo = await strapi.db
    .query('api::processo.processo')
    .findOne({ where: { cliente: { id: cliente.id } } });
  emCurso = await strapi.db.query('api::execucao.execucao').create({
    data: {
      processo: processo.id,
      tipo_execucao: 'DOWNLOAD_FATURA',
      status_execucao: 'EXECUTANDO',
      numero_tentativa: 1,
    },
  });
  fila = abrirFila(FILAS.DOWNLOAD_FATURA, PREFIXO_FILAS);
  const job = await fila.add(
    'DOWNLOAD_FATURA',
    { id_execucao: emCurso.documentId },
    { jobId: emCurso.documentId, delay: 3_600_000 }
  );
  await job.log('Abrindo o portal da Embratel');
  await job.log('Login feito');
  publicador = new IORedis(URL_REDIS_TESTE);
});

afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  publicador?.disconnect();
  await fila?.close();
  await encerrarStrapi();
});

test('sem token ou com token inválido a conexão é recusada com o motivo em português', async () => {
  await expect(conectado(abrir({}))).rejects.toThrow(
    'Envie o token do admin em `auth.token` para assistir aos logs.'
  );
  await expect(conectado(abrir({ token: 'nao-e-um-jwt' }))).rejects.toThrow(
    'Sessão do admin inválida ou expirada: entre de novo.'
  );
});

test('assinar a sala da execução em curso devolve o log do job com a numeração das linhas ao vivo', async () => {
  const socket = abrir();
  await conectado(socket);
  expect(await assinar(socket, 'qualquer:coisa')).toEqual({
    ok: false,
    erro: expect.stringMatching(/^Sala "qualquer:coisa" inválida: use todas, execucao:<id>/),
  });
  const resposta = await assinar(socket, `execucao:${emCurso.documentId}`);
  expect(resposta).toEqual({
    ok: true,
    historico: [
      {
        id_execucao: emCurso.documentId,
        id_processo: processo.documentId,
        tipo_execucao: 'DOWNLOAD_FATURA',
        status_execucao: 'EXECUTANDO',
        origem: 'fila',
        linhas: [
          { sequencia: 1, linha: 'Abrindo o portal da Embratel' },
          { sequencia: 2, linha: 'Login feito' },
        ],
      },
    ],
  });
});

test('uma linha publicada pelo worker chega a quem assina a execução, o processo, o cliente ou a operadora; a outra operadora não recebe', async () => {
  const [porCliente, porOperadora, outra] = [abrir(), abrir(), abrir()];
  await Promise.all([porCliente, porOperadora, outra].map(conectado));
  await assinar(porCliente, `cliente:${cliente.documentId}`);
  await assinar(porOperadora, 'operadora:emb');
  await assinar(outra, 'operadora:OUT');
  const recebidasPelaOutra: Registro[] = [];
  outra.on('linha-log', (l: Registro) => recebidasPelaOutra.push(l));
  const [a, b] = [proximo(porCliente, 'linha-log'), proximo(porOperadora, 'linha-log')];
  const linha = linhaDe(emCurso, 'Baixando a fatura', 3);
  await publicar(linha);
  expect(await a).toEqual(linha);
  expect(await b).toEqual(linha);
  // A linha da outra operadora chega depois, pelo mesmo canal: prova que a primeira não foi para ela.
  const daOutra = proximo(outra, 'linha-log');
  await publicar(linhaDe(emCurso, 'linha de outro portal', 1, 'OUT'));
  expect((await daOutra).linha).toBe('linha de outro portal');
  expect(recebidasPelaOutra.map((l) => l.linha)).toEqual(['linha de outro portal']);
});

test('reconexão: as linhas gravadas enquanto o painel estava fora voltam no histórico ao assinar de novo', async () => {
  const socket = abrir();
  await conectado(socket);
  await assinar(socket, `processo:${processo.documentId}`);
  socket.disconnect();
  const job = await fila.getJob(emCurso.documentId);
  await job!.log('Fatura baixada (enquanto o painel estava desconectado)');
  const de_novo = abrir();
  await conectado(de_novo);
  const { historico } = await assinar(de_novo, `processo:${processo.documentId}`);
  expect(historico[0].linhas.map((l: Registro) => l.sequencia)).toEqual([1, 2, 3]);
  expect(historico[0].linhas[2].linha).toBe('Fatura baixada (enquanto o painel estava desconectado)');
});

test('execução encerrada: o histórico vem do banco (mensagem_log)', async () => {
  const encerrada = await strapi.db.query('api::execucao.execucao').create({
    data: {
      processo: processo.id,
      tipo_execucao: 'UPLOAD_SAT',
      status_execucao: 'CONCLUIDO',
      numero_tentativa: 1,
      mensagem_log: 'Entrou no SAT\nFatura registrada',
    },
  });
  const socket = abrir();
  await conectado(socket);
  const { historico } = await assinar(socket, `execucao:${encerrada.documentId}`);
  expect(historico).toEqual([
    expect.objectContaining({
      origem: 'banco',
      status_execucao: 'CONCLUIDO',
      tipo_execucao: 'UPLOAD_SAT',
      linhas: [
        { sequencia: 1, linha: 'Entrou no SAT' },
        { sequencia: 2, linha: 'Fatura registrada' },
      ],
    }),
  ]);
});

test('transição do workflow chega ao painel deste Strapi e, pelo adaptador Redis, a outro servidor Socket.IO', async () => {
  // Segundo "Strapi": um servidor Socket.IO com o mesmo adaptador (mesma chave no Redis).
  const [pub, sub] = [new IORedis(URL_REDIS_TESTE), new IORedis(URL_REDIS_TESTE)];
  const servidorHttp = http.createServer();
  const outroNo = new Server(servidorHttp, {
    path: CAMINHO_SOCKET,
    adapter: createAdapter(pub, sub, { key: `${PREFIXO_FILAS}:socket.io` }),
  });
  outroNo.on('connection', (s) => void s.join(`processo:${processo.documentId}`));
  await new Promise<void>((resolver) => servidorHttp.listen(0, '127.0.0.1', resolver));
  try {
    const noOutro = conectarSocket(`http://127.0.0.1:${(servidorHttp.address() as AddressInfo).port}`, {
      path: CAMINHO_SOCKET,
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(noOutro);
    await conectado(noOutro);
    const local = abrir();
    await conectado(local);
    await assinar(local, `processo:${processo.documentId}`);
    const [aqui, la] = [proximo(local, 'processo-transicao'), proximo(noOutro, 'processo-transicao')];
    await strapi.db
      .connection('processos')
      .where({ document_id: processo.documentId })
      .update({ status_processo: 'REJEITADA' });
    await comCabecalho(strapi, token)
      .post(`/orquestrador-rpa/processos/${processo.documentId}/reabrir`)
      .send({ observacoes: 'nova tentativa' })
      .expect(200);
    const esperado = {
      processo: processo.documentId,
      acao: 'reabrir',
      de: 'REJEITADA',
      para: 'AGUARDANDO_DOWNLOAD',
    };
    expect(await aqui).toMatchObject(esperado);
    expect(await la).toMatchObject(esperado);
  } finally {
    outroNo.disconnectSockets(true);
    outroNo.engine.close();
    await new Promise((resolver) => servidorHttp.close(resolver));
    pub.disconnect();
    sub.disconnect();
  }
});

test('`historico` devolve o mesmo histórico de `assinar` sem entrar na sala', async () => {
  const [so_historico, assinante] = [abrir(), abrir()];
  await Promise.all([so_historico, assinante].map(conectado));
  const sala = `execucao:${emCurso.documentId}`;
  const viaHistorico = await so_historico.emitWithAck('historico', sala);
  expect(viaHistorico).toEqual(await assinar(assinante, sala));
  expect(await so_historico.emitWithAck('historico', 'sala-ruim')).toEqual({
    ok: false,
    erro: expect.stringMatching(/^Sala "sala-ruim" inválida/),
  });
  await assinar(so_historico, 'operadora:OUT');
  const recebidas: Registro[] = [];
  so_historico.on('linha-log', (l: Registro) => recebidas.push(l));
  const chegou = proximo(assinante, 'linha-log');
  await publicar(linhaDe(emCurso, 'só para quem assinou', 9));
  expect((await chegou).linha).toBe('só para quem assinou');
  // Uma linha da sala que ela assinou chega depois, pelo mesmo canal: a anterior não foi para ela.
  const daOutra = proximo(so_historico, 'linha-log');
  await publicar(linhaDe(emCurso, 'linha de outro portal', 1, 'OUT'));
  await daOutra;
  expect(recebidas.map((l) => l.linha)).toEqual(['linha de outro portal']);
});
