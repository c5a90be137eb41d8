import { spawnSync } from 'child_process';
import path from 'path';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { io as conectarSocket, type Socket } from 'socket.io-client';
import { encerrarStrapi, iniciarStrapi } from '../ajudantes/strapi';
import { criarIntegrador, criarLoginNoPainel } from '../ajudantes/autenticacao';
import { api, CNPJS_VALIDOS, criarOperadora, dadosCliente } from '../ajudantes/dados';
import { CAMINHO_SOCKET } from '@orquestrador-rpa/contrato';
import { problemasDosSegredos } from '../../src/seguranca/segredos';
import { profundidadePopulate } from '../../src/seguranca/limite-populate';

/**
 * Plataforma endurecida: CORS só para a origem configurada, sem X-Powered-By, GraphQL e populate
 * com custo limitado, exportação com limite de taxa, Socket.IO que reautentica e limita eventos, e
 * a subida recusada com segredo de exemplo.
 */
type Registro = Record<string, any>;

let strapi: Core.Strapi;
let endereco: string;
let integrador: ReturnType<typeof api>;
const sockets: Socket[] = [];
const RAIZ = path.join(__dirname, '..', '..');

beforeAll(async () => {
  strapi = await iniciarStrapi({
    CORS_ORIGENS: 'https://painel.empresa.com.br',
    EXPORTACAO_LIMITE_POR_MINUTO: '3',
    TEMPO_REAL_REAUTENTICAR_MS: '1000',
    TEMPO_REAL_EVENTOS_POR_10S: '15',
  });
  await new Promise<void>((resolver) => strapi.server.httpServer.listen(0, '127.0.0.1', resolver));
  endereco = `http://127.0.0.1:${(strapi.server.httpServer.address() as AddressInfo).port}`;
  integrador = api(strapi, await criarIntegrador(strapi, 'ADMINISTRADOR'));
  const operadora = await criarOperadora(strapi, { nome: 'OPERADORA PLATAFORMA', codigo: 'PLA' });
  await strapi
    .documents('api::cliente.cliente')
    .create({ data: dadosCliente(operadora.documentId, { cnpj: CNPJS_VALIDOS[0] }) as never });
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await encerrarStrapi();
});

describe('HTTP', () => {
  test('CORS só para a origem configurada (com credenciais); qualquer outra fica sem cabeçalho', async () => {
    const boa = await integrador
      .get('/api/operadoras')
      .set('Origin', 'https://painel.empresa.com.br')
      .expect(200);
    expect(boa.headers['access-control-allow-origin']).toBe('https://painel.empresa.com.br');
    expect(boa.headers['access-control-allow-credentials']).toBe('true');
    const ma = await integrador.get('/api/operadoras').set('Origin', 'https://atacante.exemplo');
    expect(ma.headers['access-control-allow-origin']).toBeUndefined();
    const graphql = await integrador
      .graphql('{ operadoras { nome } }')
      .set('Origin', 'https://atacante.exemplo');
    expect(graphql.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('o servidor não anuncia o que roda (sem X-Powered-By)', async () => {
    const r = await integrador.get('/api/operadoras').expect(200);
    expect(r.headers['x-powered-by']).toBeUndefined();
  });

  test('GraphQL caro é recusado antes de tocar no banco: aliases demais, fundo demais', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: operadoras { nome }`).join(' ');
    const r1 = await integrador.graphql(`{ ${aliases} }`).expect(400);
    expect(r1.body.errors[0].message).toContain('Consulta GraphQL cara demais: 30 aliases (máximo 15)');
    const fundo =
      '{ processos { cliente { operadora { clientes { processos { cliente { operadora { nome } } } } } } } }';
    const r2 = await integrador.graphql(fundo).expect(400);
    expect(r2.body.errors[0].message).toMatch(/profundidade \d+ \(máximo 6\)/);
    await integrador.graphql('{ operadoras { nome codigo clientes { nome_sat } } }').expect(200);
  });

  test('fragmento conta a cada uso, na profundidade em que é usado', async () => {
    const F = 'fragment F on Operadora { clientes { processos { cliente { nome_sat } } } }';
    await integrador.graphql(`${F} { operadoras { ...F } }`).expect(200);
    const fundo = await integrador
      .graphql(`${F} { operadoras { ...F clientes { operadora { ...F } } } }`)
      .expect(400);
    expect(fundo.body.errors[0].message).toContain('Consulta GraphQL cara demais: profundidade 7 (máximo 6)');
    const A = `fragment A on Operadora { ${Array.from({ length: 10 }, (_, i) => `c${i}: nome`).join(' ')} }`;
    const repetido = await integrador
      .graphql(`${A} { a: operadoras { ...A } b: operadoras { ...A } }`)
      .expect(400);
    expect(repetido.body.errors[0].message).toContain('22 aliases (máximo 15)');
  });

  test('populate aninhado além de 3 níveis → 400 em português', async () => {
    const r = await integrador
      .get(
        '/api/operadoras?populate[clientes][populate][processos][populate][execucoes][populate]=executado_por_usuario'
      )
      .expect(400);
    expect(r.body.error.message).toBe(
      'populate com 4 níveis: o máximo é 3. Peça as relações mais fundas em outra consulta.'
    );
    await integrador.get('/api/operadoras?populate[clientes][populate]=processos').expect(200);
    expect([
      profundidadePopulate('*'),
      profundidadePopulate('a.b.c,d'),
      profundidadePopulate({ a: { populate: { b: true } }, c: { fields: ['x'] } }),
    ]).toEqual([1, 3, 2]);
  });

  test('exportação com limite de taxa: a quarta no mesmo minuto recebe 429 com Retry-After', async () => {
    for (let i = 0; i < 3; i += 1) await integrador.get('/api/execucoes/exportar?formato=json').expect(200);
    const r = await integrador.get('/api/execucoes/exportar?formato=json').expect(429);
    expect(r.body.error.message).toMatch(
      /^Exportações demais em pouco tempo: o limite é 3 por minuto\. Tente de novo em \d+ s\.$/
    );
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('Socket.IO dos logs ao vivo', () => {
  const abrir = (token: string): Socket => {
    const socket = conectarSocket(endereco, {
      path: CAMINHO_SOCKET,
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    return socket;
  };
  const conectado = (socket: Socket) =>
    new Promise<void>(
      (resolver, rejeitar) => (
        socket.once('connect', () => resolver()),
        socket.once('connect_error', rejeitar)
      )
    );
  const encerrada = (socket: Socket) =>
    new Promise<Registro>((resolver) => socket.once('sessao-encerrada', resolver));
  const desconectado = (socket: Socket) =>
    new Promise<void>((resolver) =>
      socket.disconnected ? resolver() : socket.once('disconnect', () => resolver())
    );

  test('logout no painel derruba a conexão no pedido seguinte', async () => {
    const { jwt } = await criarLoginNoPainel(strapi, 'OPERADOR');
    const socket = abrir(jwt);
    await conectado(socket);
    expect((await socket.emitWithAck('assinar', 'todas')).ok).toBe(true);
    await request(strapi.server.httpServer)
      .post('/admin/logout')
      .set('Authorization', `Bearer ${jwt}`)
      .expect(200);
    const motivo = encerrada(socket);
    socket.emit('assinar', 'todas');
    expect((await motivo).motivo).toBe('Sessão do admin inválida ou expirada: entre de novo.');
    await desconectado(socket);
  });

  test('usuário desativado cai sozinho, na reautenticação periódica, sem pedir nada', async () => {
    const { jwt, email } = await criarLoginNoPainel(strapi, 'APROVADOR');
    const socket = abrir(jwt);
    await conectado(socket);
    const motivo = encerrada(socket);
    await strapi.db.query('admin::user').update({ where: { email }, data: { isActive: false } });
    expect((await motivo).motivo).toBe('Usuário do admin inativo ou inexistente.');
    await desconectado(socket);
  });

  test('papel trocado para um sem `ver-painel` também derruba', async () => {
    const { jwt, email } = await criarLoginNoPainel(strapi, 'OPERADOR');
    const socket = abrir(jwt);
    await conectado(socket);
    const motivo = encerrada(socket);
    const editor = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
    const usuario = await strapi.db.query('admin::user').findOne({ where: { email } });
    await strapi.db.query('admin::user').update({ where: { id: usuario.id }, data: { roles: [editor.id] } });
    expect((await motivo).motivo).toBe('Seu papel não tem a permissão de ver o painel do orquestrador.');
  });

  test('eventos demais numa conexão: ela cai com o motivo', async () => {
    const { jwt } = await criarLoginNoPainel(strapi, 'OPERADOR');
    const socket = abrir(jwt);
    await conectado(socket);
    const motivo = encerrada(socket);
    for (let i = 0; i < 40; i += 1) socket.emit('sair', 'todas');
    expect((await motivo).motivo).toBe('Eventos demais: no máximo 15 a cada 10 s.');
    await desconectado(socket);
  });
});

describe('segredos na subida', () => {
  test('o worker que o `npm run iniciar` sobe recebe só o que usa: nenhum segredo do Strapi, do banco, da cifra ou do SAT', () => {
    const { ambienteDoWorker } = require(path.join(RAIZ, 'scripts', 'ambiente-worker.js'));
    const tudo = {
      ROBO_TOKEN: 'x'.repeat(40),
      STRAPI_URL: 'http://127.0.0.1:1337',
      REDIS_URL: 'redis://r',
      WORKER_CONCORRENCIA: '2',
      LIMITE_OPERADORA_EMB: '1',
      NAVEGADOR_ESPERA_MS: '5000',
      PATH: '/usr/bin',
      APP_KEYS: 'a,b',
      JWT_SECRET: 's',
      ADMIN_JWT_SECRET: 's',
      ENCRYPTION_KEY: 's',
      CHAVE_CRIPTOGRAFIA: 'c',
      DATABASE_URL: 'postgres://u:senha@h/b',
      SAT_SENHA: 'sat',
      S3_CHAVE_SECRETA: 's3',
      SMTP_SENHA: 'smtp',
    };
    expect(Object.keys(ambienteDoWorker(tudo)).sort()).toEqual([
      'LIMITE_OPERADORA_EMB',
      'NAVEGADOR_ESPERA_MS',
      'PATH',
      'REDIS_URL',
      'ROBO_TOKEN',
      'STRAPI_URL',
      'WORKER_CONCORRENCIA',
    ]);
  });

  test('fora de teste, valores de exemplo, curtos ou ausentes são recusados; em teste, nada é conferido', () => {
    const bons = {
      APP_KEYS: 'a'.repeat(24) + ',' + 'b'.repeat(24),
      API_TOKEN_SALT: 'c'.repeat(24),
      ADMIN_JWT_SECRET: 'd'.repeat(24),
      TRANSFER_TOKEN_SALT: 'e'.repeat(24),
      JWT_SECRET: 'f'.repeat(24),
      ENCRYPTION_KEY: 'g'.repeat(24),
    };
    expect(problemasDosSegredos({ ...bons, NODE_ENV: 'development' })).toEqual([]);
    expect(problemasDosSegredos({ ...bons, NODE_ENV: 'production' })).toEqual([
      'ROBO_TOKEN não está definida.',
    ]);
    expect(problemasDosSegredos({ ...bons, NODE_ENV: 'production', ROBO_TOKEN: 'curto' })).toEqual([
      'ROBO_TOKEN é curta demais (mínimo 32 caracteres).',
    ]);
    expect(
      problemasDosSegredos({
        ...bons,
        NODE_ENV: 'development',
        APP_KEYS: 'troque1,troque2',
        JWT_SECRET: 'troque',
        ADMIN_JWT_SECRET: 'curto',
      })
    ).toEqual([
      'ADMIN_JWT_SECRET é curta demais (mínimo 16 caracteres).',
      'JWT_SECRET ainda tem o valor de exemplo.',
      'APP_KEYS[1] ainda tem o valor de exemplo.',
      'APP_KEYS[2] ainda tem o valor de exemplo.',
    ]);
    const producao = { ...bons, NODE_ENV: 'production', ROBO_TOKEN: 'r'.repeat(40) };
    expect(
      problemasDosSegredos({
        ...producao,
        DATABASE_CLIENT: 'postgres',
        DATABASE_URL: 'postgres://orquestrador:troque@postgres:5432/orquestrador',
        S3_BUCKET: 'faturas',
        CHAVE_CRIPTOGRAFIA: 'troque',
      })
    ).toEqual([
      'A senha do PostgreSQL (DATABASE_URL ou DATABASE_PASSWORD) ainda tem o valor de exemplo.',
      'S3_CHAVE_SECRETA não está definida.',
      'CHAVE_CRIPTOGRAFIA ainda tem o valor de exemplo.',
    ]);
    expect(
      problemasDosSegredos({
        ...producao,
        DATABASE_CLIENT: 'postgres',
        DATABASE_URL: `postgres://orquestrador:${'s'.repeat(20)}@postgres:5432/orquestrador`,
        S3_BUCKET: 'faturas',
        S3_CHAVE_SECRETA: 'm'.repeat(20),
        CHAVE_CRIPTOGRAFIA: 'c'.repeat(44),
      })
    ).toEqual([]);
    expect(problemasDosSegredos({ NODE_ENV: 'test' })).toEqual([]);
  });

  test('o Strapi de verdade não sobe com os segredos do .env.example', () => {
    const ambiente = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'development',
      STRAPI_TELEMETRY_DISABLED: 'true',
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: `.tmp/segredos-${process.pid}.db`,
      APP_KEYS: 'troque1,troque2',
      API_TOKEN_SALT: 'troque',
      ADMIN_JWT_SECRET: 'troque',
      TRANSFER_TOKEN_SALT: 'troque',
      JWT_SECRET: 'troque',
      ENCRYPTION_KEY: 'troque',
    };
    const codigo =
      "require('@strapi/strapi').createStrapi({ appDir: process.cwd(), distDir: require('path').join(process.cwd(), 'dist') }).load().then(() => process.exit(0), (e) => { console.error(e.message); process.exit(3); })";
    const r = spawnSync(process.execPath, ['-e', codigo], {
      cwd: RAIZ,
      env: ambiente,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(
      'O servidor não sobe com estes segredos: API_TOKEN_SALT ainda tem o valor de exemplo.'
    );
  });
});
