#!/usr/bin/env node
/*
 * npm run iniciar [-- --demo]: num clone novo, instala dependências, cria o .env com segredos
 * aleatórios, compila plugin, worker e admin, e sobe Strapi + worker (SQLite e disco local por padrão).
 */
const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const path = require('path');
const { ambienteDoWorker } = require('./ambiente-worker');

const raiz = path.join(__dirname, '..');
const demo = process.argv.includes('--demo');
const rodar = (comando, args, opcoes = {}) => {
  const r = spawnSync(comando, args, { cwd: raiz, stdio: 'inherit', env: process.env, ...opcoes });
  if (r.status !== 0) {
    console.error(`\nFalhou: ${comando} ${args.join(' ')}`);
    process.exit(r.status ?? 1);
  }
};
const aleatorio = () => crypto.randomBytes(16).toString('base64');

const prepararEnv = () => {
  const arquivo = path.join(raiz, '.env');
  if (fs.existsSync(arquivo)) {
    // .env de uma versão anterior: acrescenta o segredo dos workers.
    if (!/^ROBO_TOKEN=/m.test(fs.readFileSync(arquivo, 'utf8')))
      fs.appendFileSync(arquivo, `\nROBO_TOKEN=${crypto.randomBytes(24).toString('hex')}\n`);
    return;
  }
  const linhas = [
    '# Gerado por npm run iniciar (segredos aleatórios desta máquina; não versionar).',
    'HOST=127.0.0.1',
    'PORT=1337',
    `APP_KEYS=${[aleatorio(), aleatorio()].join(',')}`,
    `API_TOKEN_SALT=${aleatorio()}`,
    `ADMIN_JWT_SECRET=${aleatorio()}`,
    `TRANSFER_TOKEN_SALT=${aleatorio()}`,
    `JWT_SECRET=${aleatorio()}`,
    `ENCRYPTION_KEY=${aleatorio()}`,
    `ROBO_TOKEN=${crypto.randomBytes(32).toString('hex')}`,
    '',
  ];
  fs.writeFileSync(arquivo, linhas.join('\n'), { mode: 0o600 });
  console.log('Criado .env com segredos aleatórios (veja .env.example para as demais variáveis).');
};

/** Variáveis do .env para os processos filhos (o worker não lê o .env sozinho). */
const lerEnv = () => {
  const arquivo = path.join(raiz, '.env');
  const variaveis = {};
  for (const linha of fs.readFileSync(arquivo, 'utf8').split('\n')) {
    const achado = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(linha);
    if (achado) variaveis[achado[1]] = achado[2];
  }
  return variaveis;
};

const redisDisponivel = (url) =>
  new Promise((resolver) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(1500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      resolver(d.toString().startsWith('+PONG'));
      socket.destroy();
    });
    socket.once('error', () => resolver(false));
    socket.once('timeout', () => {
      resolver(false);
      socket.destroy();
    });
  });

/** Node fora da versão do projeto (.nvmrc, LTS suportado) ainda sobe, mas com o aviso de como trocar. */
const avisarVersaoDoNode = () => {
  const esperada = fs.readFileSync(path.join(raiz, '.nvmrc'), 'utf8').trim();
  if (process.versions.node.split('.')[0] === esperada.split('.')[0]) return;
  console.warn(
    `Aviso: este projeto roda no Node ${esperada} (LTS; veja .nvmrc, o mesmo da imagem de produção), e este é o ${process.versions.node}. ` +
      'Instale-o (ex.: nvm install) para ter o que o CI e a produção usam; sigo com este.'
  );
};

(async () => {
  avisarVersaoDoNode();
  if (!fs.existsSync(path.join(raiz, 'node_modules', '@strapi', 'strapi'))) rodar('npm', ['ci']);
  prepararEnv();
  require('./preparar-sistema').prepararSistema();
  const ambiente = { ...lerEnv(), ...process.env };
  if (demo) {
    // Portais simulados da Embratel, da Oi e do SAT: o ciclo inteiro roda sem sair da máquina.
    const portaEmbratel = ambiente.PORTA_SIMULADOR_EMBRATEL || '8091';
    ambiente.DEMO_URL_EMBRATEL = `http://127.0.0.1:${portaEmbratel}/embratelonline/index.asp`;
    ambiente.DEMO_URL_OI = `http://127.0.0.1:${ambiente.PORTA_SIMULADOR_OI || '8093'}/login`;
    ambiente.SAT_URL = ambiente.SAT_URL || `http://127.0.0.1:${ambiente.PORTA_SIMULADOR_SAT || '8092'}/`;
    ambiente.SAT_USUARIO = ambiente.SAT_USUARIO || 'robo.sat';
    ambiente.SAT_SENHA = ambiente.SAT_SENHA || 'Demo#Sat1';
    // Os portais simulados respondem em http://127.0.0.1: liberados só na demonstração.
    ambiente.PORTAIS_LOCAIS_PERMITIDOS = 'true';
  }
  rodar('npm', ['run', 'compilar']);
  if (demo) rodar('npm', ['run', 'semear'], { env: ambiente });
  const urlRedis = ambiente.REDIS_URL || 'redis://127.0.0.1:6379';
  const comRedis = await redisDisponivel(urlRedis);
  if (!comRedis) {
    console.warn(
      `\nRedis não encontrado em ${urlRedis}: o Strapi sobe, mas o worker não.\n` +
        'Para obtê-lo: apt-get install -y redis-server && redis-server --daemonize yes\n' +
        'ou aponte REDIS_URL para um Redis existente (ex.: REDIS_URL=redis://host:6379).\n'
    );
  }
  const iniciarFilho = (comando, args, env = ambiente) =>
    spawn(comando, args, { cwd: raiz, stdio: 'inherit', env });
  // O Strapi direto pelo node (sem `npx` no meio): o sinal chega nele e o `iniciar` espera ele sair.
  const processos = [
    iniciarFilho(process.execPath, [
      path.join(raiz, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'),
      'start',
    ]),
  ];
  if (demo) processos.push(iniciarFilho(process.execPath, ['worker-rpa/dist/portais-simulados/servidor.js']));
  if (comRedis) {
    const urlStrapi = `http://127.0.0.1:${ambiente.PORT || 1337}`;
    processos.push(
      iniciarFilho(
        process.execPath,
        ['worker-rpa/dist/src/index.js'],
        ambienteDoWorker({ ...ambiente, STRAPI_URL: ambiente.STRAPI_URL || urlStrapi })
      )
    );
  }
  console.log(`\nAdmin em http://127.0.0.1:${ambiente.PORT || 1337}/admin (Ctrl+C encerra tudo).`);
  // Repassa o sinal a cada filho; o processo só termina quando todos saíram (os filhos o mantêm vivo).
  const encerrar = (sinal) =>
    processos.forEach((p) => p.exitCode === null && p.signalCode === null && p.kill(sinal));
  process.on('SIGINT', () => encerrar('SIGINT'));
  process.on('SIGTERM', () => encerrar('SIGTERM'));
  processos.forEach((p) =>
    p.on('exit', (codigo) => {
      if (codigo) {
        encerrar('SIGTERM');
        process.exitCode = codigo;
      }
    })
  );
})();
