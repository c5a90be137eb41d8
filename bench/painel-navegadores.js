#!/usr/bin/env node
/*
 * N pessoas no painel ao mesmo tempo (padrão 20), medido pelo que uma delas sente num Chromium de
 * verdade: tempo até o dashboard do mês mostrar os números e até a fila de aprovação mostrar as linhas
 * (admin compilado servido pelo Strapi, PostgreSQL real). As outras N−1 pessoas são clientes HTTP com
 * o próprio login, pedindo os mesmos dados que essas telas pedem (dashboard e fila), uma tela por
 * segundo cada — 20 Chromium desenhando na mesma máquina de 2 núcleos mediriam a CPU da máquina, não
 * o servidor. Referência crua medida na mesma execução: o mesmo percurso com o navegador sozinho.
 * Uso: npm run bench:painel [-- <pessoas=20> <processos=500> <voltas=5>]
 */
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const {
  RAIZ,
  clienteDeBench,
  comStrapiNoPg,
  cronometrar,
  encerrar,
  percentil,
  relatar,
} = require('./ajudantes');

const pessoas = Number(process.argv[2] || 20);
const processos = Number(process.argv[3] || 500);
const voltas = Number(process.argv[4] || 5);
const banco = `bench_painel_${process.pid}`;
const SENHA = 'SenhaForte123!';

const compilarSePreciso = () => {
  if (fs.existsSync(path.join(RAIZ, 'dist', 'build', 'index.html'))) return;
  execFileSync(
    process.execPath,
    [path.join(RAIZ, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'],
    {
      cwd: RAIZ,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    }
  );
};

const { NavegadorRPA } = require(
  path.join(RAIZ, 'worker-rpa', 'dist', 'src', 'navegador', 'navegador-rpa.js')
);

const entrar = async (url, email) => {
  const nav = await NavegadorRPA.abrir({ esperaPadraoMs: 120_000 });
  await nav.driver.manage().window().setRect({ width: 1400, height: 1000 });
  await nav.ir(`${url}/admin/auth/login`);
  await nav.digitar("//input[@name='email']", email);
  await nav.digitar("//input[@name='password']", SENHA);
  await nav.clicar("//button[@type='submit']");
  await nav.driver.wait(async () => !(await nav.driver.getCurrentUrl()).includes('/auth/login'), 120_000);
  return nav;
};

/** O percurso medido: dashboard com o total do mês na tela, depois a fila com as linhas. */
const percurso = async (nav, url, total) => {
  const dashboard = await cronometrar(async () => {
    await nav.ir(`${url}/admin/plugins/orquestrador-rpa`);
    await nav.driver.wait(
      async () => (await nav.texto("//*[@data-testid='cartao-total']").catch(() => '')) === String(total),
      120_000
    );
  });
  const fila = await cronometrar(async () => {
    await nav.ir(`${url}/admin/plugins/orquestrador-rpa/aprovacoes`);
    await nav.elemento("//tr[starts-with(@data-testid,'aprovacao-')]", 'visivel');
  });
  return [dashboard.segundos * 1000, fila.segundos * 1000];
};

const semear = async (strapi) => {
  const { competenciaAtual, SERVICO } = require('@orquestrador-rpa/contrato');
  const operadora = await strapi.db.query('api::operadora.operadora').create({
    data: { nome: 'BENCH', codigo: 'BENCH', possui_rpa: false, status_ativo: true },
  });
  for (let i = 0; i < processos; i += 1) await clienteDeBench(strapi, operadora.id, i, 'painel');
  const mes = competenciaAtual();
  await strapi.service(SERVICO.GERACAO_MENSAL).gerar(mes);
  // Metade aguardando aprovação, para a fila ter linhas (o valor basta para a lista).
  const ids = (
    await strapi.db.query('api::processo.processo').findMany({ select: ['id'], where: { mes_ano: mes } })
  )
    .map((p) => p.id)
    .slice(0, Math.ceil(processos / 2));
  await strapi.db.query('api::processo.processo').updateMany({
    where: { id: { $in: ids } },
    data: { status_processo: 'AGUARDANDO_APROVACAO', valor_fatura: 123.45, data_vencimento: '2030-01-10' },
  });
  return processos;
};

const pessoa = async (strapi, i) => {
  const email = `painel-${i}@bench.invalid`;
  const papel = await strapi.db.query('admin::role').findOne({ where: { code: 'orquestrador-aprovador' } });
  await strapi.service('admin::user').create({
    email,
    firstname: 'Bench',
    lastname: `Painel ${i}`,
    password: SENHA,
    isActive: true,
    roles: [papel.id],
    registrationToken: null,
  });
  return email;
};

/** Percurso medido `voltas` vezes (depois de uma volta de aquecimento): tempos do dashboard e da fila. */
const medirPercursos = async (nav, url, total) => {
  await percurso(nav, url, total);
  const tempos = [];
  for (let i = 0; i < voltas; i += 1) tempos.push(await percurso(nav, url, total));
  return [tempos.map((t) => t[0]), tempos.map((t) => t[1])];
};

/** Uma pessoa pelo HTTP: a cada segundo, os dados das duas telas, até `parar()`. */
const pessoaHttp = (url, jwt, mes, registro) => {
  let ativa = true;
  const pedir = async (caminho) => {
    const inicio = process.hrtime.bigint();
    const resposta = await fetch(`${url}/orquestrador-rpa${caminho}`, {
      headers: { Authorization: `Bearer ${jwt}` },
    });
    await resposta.arrayBuffer();
    const ms = Number(process.hrtime.bigint() - inicio) / 1e6;
    registro.tempos.push(ms);
    const rota = caminho.split('?')[0];
    (registro.porRota[rota] ??= []).push(ms);
    if (resposta.status >= 500) registro.erros5xx += 1;
  };
  const laco = (async () => {
    while (ativa) {
      const inicio = Date.now();
      await Promise.all([pedir(`/dashboard?mes_ano=${mes}`), pedir('/aprovacoes?por_pagina=100')]);
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - inicio))));
    }
  })();
  return async () => {
    ativa = false;
    await laco;
  };
};

const principal = async () => {
  process.env.SE_OFFLINE = 'true';
  compilarSePreciso();
  Object.assign(process.env, {
    RECONCILIADOR_INTERVALO_MS: '0',
    FILAS_PREFIXO: `bench-painel-${process.pid}`,
  });
  await comStrapiNoPg(banco, async (strapi) => {
    const { competenciaAtual } = require('@orquestrador-rpa/contrato');
    strapi.server.mount();
    await new Promise((r) => strapi.server.httpServer.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;
    const total = await semear(strapi);
    const emails = [];
    for (let i = 0; i < pessoas; i += 1) emails.push(await pessoa(strapi, i));
    const jwts = [];
    for (const email of emails.slice(1)) {
      const login = await fetch(`${url}/admin/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: SENHA }),
      });
      jwts.push((await login.json()).data.token);
    }

    const nav = await entrar(url, emails[0]);
    try {
      const sozinho = await medirPercursos(nav, url, total);
      // Cada pedido sozinho, sem carga (para separar o custo do pedido da fila de espera).
      const semCarga = { tempos: [], erros5xx: 0, porRota: {} };
      const parar = pessoaHttp(url, jwts[0], competenciaAtual(), semCarga);
      await new Promise((r) => setTimeout(r, 5000));
      await parar();
      const registro = { tempos: [], erros5xx: 0, porRota: {} };
      const paradas = jwts.map((jwt) => pessoaHttp(url, jwt, competenciaAtual(), registro));
      let comOutras;
      try {
        await new Promise((r) => setTimeout(r, 2000)); // as outras já estão usando o painel
        comOutras = await medirPercursos(nav, url, total);
      } finally {
        await Promise.all(paradas.map((parar) => parar()));
      }
      for (const [indice, nome] of [
        [0, 'dashboard do mês'],
        [1, 'fila de aprovação'],
      ]) {
        const [ref, valor] = [percentil(sozinho[indice], 95), percentil(comOutras[indice], 95)];
        console.log(
          `${nome} no Chromium: sozinho p95 ${ref.toFixed(0)} ms; com mais ${pessoas - 1} pessoas p95 ${valor.toFixed(0)} ms`
        );
        relatar({
          medida: `painel: ${nome} com ${pessoas} pessoas (p95 no navegador, ms)`,
          valor: Number(valor.toFixed(0)),
          referencia: Number(ref.toFixed(0)),
          razao: Number((valor / ref).toFixed(2)),
        });
      }
      console.log(
        `${pessoas - 1} pessoas pelo HTTP: ${registro.tempos.length} pedidos, p50 ${percentil(registro.tempos, 50).toFixed(0)} ms, p95 ${percentil(registro.tempos, 95).toFixed(0)} ms, ${registro.erros5xx} erros 5xx`
      );
      for (const rota of Object.keys(registro.porRota))
        console.log(
          `  ${rota}: sem carga p50 ${percentil(semCarga.porRota[rota], 50).toFixed(0)} ms; com ${pessoas - 1} pessoas p50 ${percentil(registro.porRota[rota], 50).toFixed(0)} ms, p95 ${percentil(registro.porRota[rota], 95).toFixed(0)} ms`
        );
      relatar({
        medida: `painel: erros 5xx com ${pessoas} pessoas`,
        valor: registro.erros5xx,
        meta: '0',
        atingida: registro.erros5xx === 0,
      });
    } finally {
      await nav.fechar();
    }
  });
};

encerrar(principal());
