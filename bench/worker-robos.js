#!/usr/bin/env node
/*
 * Worker de verdade contra o portal simulado da Embratel (Chromium, Strapi por HTTP, PostgreSQL e
 * Redis reais): F faturas baixadas por N workers com o limite por portal L. Imprime faturas por
 * minuto, a memória de cada navegador simultâneo (PSS somado dos processos do Chromium de uma
 * execução; meta ≤ 300 MB) e o pico de navegadores no portal (meta ≤ L). Referência crua medida na
 * mesma execução: o mesmo robô chamado direto (sem Strapi, fila nem worker), uma fatura depois da
 * outra — a razão diz quanto a orquestração com L navegadores rende sobre o robô sozinho.
 * Uso: npm run bench:worker [-- <faturas=8> <workers=2> <limite=2>]
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, execFileSync } = require('child_process');
const { RAIZ, cnpjDeBench, comStrapiNoPg, cronometrar, encerrar, relatar } = require('./ajudantes');

const [faturas, workers, limite] = [8, 2, 2].map((padrao, i) => Number(process.argv[2 + i] || padrao));
const banco = `bench_worker_${process.pid}`;
const prefixo = `bench-worker-${process.pid}`;
const TOKEN = `token-robo-bench-${process.pid}-0123456789abcdef`;
const CREDENCIAIS = { usuario: 'usuario.bench', senha: 'Senha#Bench1' };
const META_MB = 300;

const conta = (i) => `12345${String(i).padStart(6, '0')}-2345`;

/**
 * Memória de cada navegador vivo, pelos processos do Chromium agrupados pela pasta de perfil: PSS (as
 * páginas compartilhadas, como o binário, divididas entre quem as usa) e a parte anônima (privada).
 */
const navegadoresVivos = () => {
  const porPerfil = new Map();
  for (const nome of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(nome)) continue;
    try {
      const linha = fs.readFileSync(`/proc/${nome}/cmdline`, 'utf8');
      const perfil = /\/chromium[\s\S]*\/orquestrador-rpa\/((?:w\d+|exec)-[^/\0]+)/.exec(linha)?.[1];
      if (!perfil) continue;
      const memoria = fs.readFileSync(`/proc/${nome}/smaps_rollup`, 'utf8');
      const mb = (campo) => Number(new RegExp(`^${campo}:\\s+(\\d+) kB`, 'm').exec(memoria)?.[1] ?? 0) / 1024;
      const atual = porPerfil.get(perfil) ?? { pss: 0, anonima: 0 };
      porPerfil.set(perfil, { pss: atual.pss + mb('Pss'), anonima: atual.anonima + mb('Pss_Anon') });
    } catch {
      // o processo terminou durante a leitura
    }
  }
  return [...porPerfil.values()];
};

/** Tempo de CPU da máquina (ocupado, total) em jiffies, de /proc/stat. */
const cpu = () => {
  const [, ...campos] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const total = campos.reduce((s, x) => s + x, 0);
  return { ocupado: total - campos[3] - campos[4], total };
};

/**
 * Amostra os navegadores a cada 200 ms enquanto `trabalho` roda: pico de simultâneos e, para cada
 * quantidade de simultâneos, a maior memória por navegador (soma ÷ quantidade); e a CPU ocupada.
 */
const comAmostras = async (trabalho) => {
  const porQuantidade = new Map();
  const cpuInicio = cpu();
  const timer = setInterval(() => {
    const vivos = navegadoresVivos();
    if (!vivos.length) return;
    const soma = (campo) => vivos.reduce((s, v) => s + v[campo], 0) / vivos.length;
    const atual = porQuantidade.get(vivos.length) ?? { pss: 0, anonima: 0 };
    porQuantidade.set(vivos.length, {
      pss: Math.max(atual.pss, soma('pss')),
      anonima: Math.max(atual.anonima, soma('anonima')),
    });
  }, 200);
  try {
    const resultado = await trabalho();
    const cpuFim = cpu();
    const pico = Math.max(0, ...porQuantidade.keys());
    return {
      ...resultado,
      pico,
      memoria: porQuantidade.get(pico) ?? { pss: 0, anonima: 0 },
      cpuOcupada: (cpuFim.ocupado - cpuInicio.ocupado) / (cpuFim.total - cpuInicio.total),
    };
  } finally {
    clearInterval(timer);
  }
};

const portal = () =>
  require(path.join(RAIZ, 'worker-rpa', 'dist', 'portais-simulados', 'embratel.js')).iniciarPortalEmbratel({
    ...CREDENCIAIS,
    faturas: Array.from({ length: faturas }, (_, i) => ({
      conta: conta(i),
      mes: '202505',
      vencimento: '10/05/2025',
      valor: `${i + 1}00,00`,
      icms: true,
      iss: true,
    })),
  });

/** O mesmo robô, direto: F downloads em sequência, num navegador por vez. */
const roboCru = async (urlLogin) => {
  const { criarParametros, TipoExecucao, dominiosDaOperadora } = require('@orquestrador-rpa/contrato');
  const { criarConcentrador } = require(path.join(RAIZ, 'worker-rpa', 'dist', 'src', 'robos', 'registro.js'));
  const concentrador = criarConcentrador();
  for (let i = 0; i < faturas; i += 1) {
    const parametros = criarParametros({
      id_processo: `cru-${i}`,
      id_cliente: `cliente-${i}`,
      operadora_codigo: 'EMB',
      operadora_nome: 'EMBRATEL',
      url_portal: urlLogin,
      dominios_permitidos: dominiosDaOperadora(null, urlLogin),
      usuario: CREDENCIAIS.usuario,
      senha: CREDENCIAIS.senha,
      filtro: `${conta(i)}_10`,
      nome_sat: `CLIENTE ${i}`,
      dados_sat: 'Link Dedicado',
      unidade: 'CAMPO GRANDE-MS',
      servico: 'Link Dedicado',
      cnpj: cnpjDeBench(i + 1),
      razao_social: `Cliente ${i} Ltda`,
      mes_ano: '2025-05',
      hash_cliente: `cru-${i}`,
    });
    const resultado = await concentrador.executarOperacao(TipoExecucao.DOWNLOAD_FATURA, parametros, {
      aoRegistrar: () => {},
    });
    if (!resultado.sucesso) throw new Error(`Robô cru falhou na fatura ${i}: ${JSON.stringify(resultado)}`);
  }
  return {};
};

const subirWorker = (url) =>
  new Promise((resolver, rejeitar) => {
    const filho = spawn(process.execPath, [path.join(RAIZ, 'worker-rpa', 'dist', 'src', 'index.js')], {
      env: {
        ...process.env,
        STRAPI_URL: url,
        ROBO_TOKEN: TOKEN,
        FILAS_PREFIXO: prefixo,
        LIMITE_POR_OPERADORA: String(limite),
        WORKER_ESPERA_SEM_VAGA_MS: '300',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let saida = '';
    const ouvir = (pedaco) => {
      saida += pedaco;
      if (saida.includes('worker-rpa: pronto')) resolver(filho);
    };
    filho.stdout.on('data', ouvir);
    filho.stderr.on('data', ouvir);
    filho.once('exit', (codigo) => rejeitar(new Error(`worker saiu com ${codigo}:\n${saida.slice(-2000)}`)));
  });

const orquestrado = async (urlLogin) => {
  const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-worker-'));
  Object.assign(process.env, {
    FILAS_PREFIXO: prefixo,
    ROBO_TOKEN: TOKEN,
    PORTAIS_LOCAIS_PERMITIDOS: 'true',
    ARMAZENAMENTO_PASTA: pasta,
    RECONCILIADOR_INTERVALO_MS: '0',
    FILAS_INTERVALO_DESPACHO_MS: '0',
  });
  try {
    return await comStrapiNoPg(banco, async (strapi) => {
      const { SERVICO } = require('@orquestrador-rpa/contrato');
      strapi.server.mount();
      await new Promise((r) => strapi.server.httpServer.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;
      const operadora = await strapi.documents('api::operadora.operadora').create({
        data: { nome: 'EMBRATEL', codigo: 'EMB', possui_rpa: true, status_ativo: true, url_portal: urlLogin },
      });
      for (let i = 0; i < faturas; i += 1)
        await strapi.documents('api::cliente.cliente').create({
          data: {
            razao_social: `Cliente ${i} Ltda`,
            nome_sat: `CLIENTE ${i}`,
            cnpj: cnpjDeBench(i + 1),
            operadora: operadora.documentId,
            servico: 'Link Dedicado',
            dados_sat: 'Link Dedicado',
            filtro: `${conta(i)}_10`,
            unidade: 'CAMPO GRANDE-MS',
            login_portal: CREDENCIAIS.usuario,
            senha_portal: CREDENCIAIS.senha,
          },
        });
      await strapi.service(SERVICO.GERACAO_MENSAL).gerar('2025-05');
      const filhos = [];
      try {
        for (let w = 0; w < workers; w += 1) filhos.push(await subirWorker(url));
        const medida = await comAmostras(() =>
          cronometrar(async () => {
            await strapi.service(SERVICO.DOWNLOADS).executarPendentes({ mes_ano: '2025-05' });
            const limite = Date.now() + 10 * 60_000;
            for (;;) {
              if (Date.now() > limite) throw new Error('Os downloads não terminaram em 10 minutos.');
              const prontos = await strapi.db
                .query('api::processo.processo')
                .count({ where: { status_processo: 'AGUARDANDO_APROVACAO' } });
              if (prontos === faturas) return;
              const falhas = await strapi.db
                .query('api::execucao.execucao')
                .count({ where: { status_execucao: 'FALHOU' } });
              if (falhas) throw new Error(`${falhas} download(s) falharam no worker.`);
              await new Promise((r) => setTimeout(r, 200));
            }
          })
        );
        return medida;
      } finally {
        for (const filho of filhos) filho.kill('SIGTERM');
        await Promise.all(
          filhos.map((f) => new Promise((r) => (f.exitCode === null ? f.once('exit', r) : r())))
        );
      }
    });
  } finally {
    fs.rmSync(pasta, { recursive: true, force: true });
    const IORedis = require('ioredis');
    const redis = new IORedis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
    const chaves = await redis.keys(`${prefixo}:*`);
    if (chaves.length) await redis.del(...chaves);
    await redis.quit();
  }
};

const principal = async () => {
  process.env.SE_OFFLINE = 'true';
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'worker-rpa/tsconfig.json'], {
    cwd: RAIZ,
    stdio: 'inherit',
  });
  process.env.PORTAIS_LOCAIS_PERMITIDOS = 'true';
  const embratel = await portal();
  try {
    const cru = await comAmostras(() => cronometrar(() => roboCru(embratel.urlLogin)));
    const orq = await orquestrado(embratel.urlLogin);
    const porMinuto = (segundos) => (faturas / segundos) * 60;
    const [vazaoCru, vazao] = [porMinuto(cru.segundos), porMinuto(orq.segundos)];
    const pct = (x) => `${(x * 100).toFixed(0)}%`;
    console.log(
      `${faturas} faturas: robô cru ${cru.segundos.toFixed(1)} s (1 navegador, CPU ${pct(cru.cpuOcupada)}),` +
        ` orquestrado ${orq.segundos.toFixed(1)} s (${workers} workers, limite ${limite}, pico de ${orq.pico}` +
        ` navegadores, CPU ${pct(orq.cpuOcupada)}); memória por navegador: sozinho PSS` +
        ` ${cru.memoria.pss.toFixed(0)} MB (privada ${cru.memoria.anonima.toFixed(0)}), com ${orq.pico}` +
        ` simultâneos PSS ${orq.memoria.pss.toFixed(0)} MB (privada ${orq.memoria.anonima.toFixed(0)})`
    );
    relatar({
      medida: `worker: faturas/min (${workers} workers, limite ${limite} por portal)`,
      valor: Number(vazao.toFixed(1)),
      referencia: Number(vazaoCru.toFixed(1)),
      razao: Number((vazao / vazaoCru).toFixed(2)),
    });
    relatar({
      medida: `worker: memória por navegador com ${orq.pico} simultâneos (PSS, MB)`,
      valor: Number(orq.memoria.pss.toFixed(0)),
      referencia: Number(cru.memoria.pss.toFixed(0)),
      razao: cru.memoria.pss ? Number((orq.memoria.pss / cru.memoria.pss).toFixed(2)) : null,
      meta: `≤ ${META_MB} MB`,
      atingida: orq.memoria.pss <= META_MB,
    });
    relatar({
      medida: 'worker: pico de navegadores no mesmo portal',
      valor: orq.pico,
      meta: `≤ ${limite}`,
      atingida: orq.pico <= limite,
    });
  } finally {
    await embratel.fechar();
  }
};

encerrar(principal());
