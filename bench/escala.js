#!/usr/bin/env node
/*
 * Benchmark de escala das leituras: um ano de dados sintéticos num PostgreSQL real (padrão 100 000
 * processos, 10 execuções e 3 registros de auditoria por processo) e, para cada consulta do painel e
 * da API, p50/p95 do serviço contra o SQL escrito à mão que devolve as mesmas linhas, medidos
 * alternados na mesma execução. Metas: listas p95 ≤ 2× a referência; dashboard e saúde p95 ≤ 200 ms
 * e ≤ 2×. Exportação CSV de todas as execuções: vazão contra um `COPY … TO STDOUT` do psql e o RSS
 * máximo do processo durante a exportação (memória constante: cresce pouco e não com o volume).
 * Uso: npm run bench:escala [-- <processos=100000> <repeticoes=20>]   (BENCH_SO_SEMEAR=1: só semeia e mantém o banco)
 */
const { spawn } = require('child_process');
const { comStrapiNoPg, cronometrar, encerrar, percentil, relatar } = require('./ajudantes');

const processos = Number(process.argv[2] || 100000);
const repeticoes = Number(process.argv[3] || 20);
const banco = `bench_escala_${process.pid}`;
/** BENCH_SO_SEMEAR=1: semeia, não mede e mantém o banco (para investigar consultas com EXPLAIN). */
const manterBanco = process.env.BENCH_SO_SEMEAR === '1';
const POR_PAGINA = 25;
const OPERADORAS = [
  ['EMBRATEL', 'EMB', true],
  ['OI', 'OI', true],
  ['DIGITALNET', 'DIG', true],
  ['VIVO', 'VIV', false],
  ['AZUTON', 'AZU', true],
];

/** Nomes de tabelas e de ligações pelos metadados do Strapi (os mesmos que o serviço usa). */
const nomes = (strapi) => {
  const m = (uid) => strapi.db.metadata.get(uid);
  const [p, c, o, e, a] = ['processo', 'cliente', 'operadora', 'execucao', 'auditoria'].map((n) =>
    m(`api::${n}.${n}`)
  );
  const lig = (meta, attr) => {
    const j = meta.attributes[attr].joinTable;
    return { t: j.name, de: j.joinColumn.name, para: j.inverseJoinColumn.name };
  };
  return {
    p: p.tableName,
    c: c.tableName,
    o: o.tableName,
    e: e.tableName,
    a: a.tableName,
    pc: lig(p, 'cliente'),
    co: lig(c, 'operadora'),
    ep: lig(e, 'processo'),
  };
};

/** Um ano de dados por INSERT … SELECT generate_series (a semeadura não é o que se mede). */
const semear = async (strapi, t) => {
  const k = strapi.db.connection;
  const ids = [];
  for (const [nome, codigo, possui_rpa] of OPERADORAS)
    ids.push(
      (
        await strapi
          .documents('api::operadora.operadora')
          .create({ data: { nome, codigo, possui_rpa, status_ativo: true } })
      ).id
    );
  const clientes = Math.ceil(processos / 12);
  await k.raw(
    `INSERT INTO ${t.c} (document_id, hash_unico, chave_unicidade, razao_social, nome_sat, cnpj, unidade, servico, status_ativo, created_at, updated_at, published_at)
     SELECT 'c' || g, 'h' || g, 'k' || g, 'Empresa ' || g || ' Ltda', 'EMPRESA ' || g, lpad(g::text, 14, '0'), 'UNIDADE ' || (g % 50), 'Link', true, now(), now(), now()
     FROM generate_series(1, ?) g`,
    [clientes]
  );
  await k.raw(
    `INSERT INTO ${t.co.t} (${t.co.de}, ${t.co.para}) SELECT c.id, (?::int[])[1 + c.id % ?] FROM ${t.c} c`,
    [ids, ids.length]
  );
  // Competências: os 12 meses até o corrente; os antigos quase todos enviados, o corrente espalhado.
  await k.raw(
    `INSERT INTO ${t.p} (document_id, mes_ano, chave_processo, status_processo, hash_fatura, data_vencimento, valor_fatura, data_aprovacao, upload_manual, enviado_para_sat, criado_automaticamente, created_at, updated_at, published_at)
     SELECT 'p-' || c.id || '-' || m, x.mes, c.document_id || '|' || x.mes, x.status,
            CASE WHEN x.status IN ('AGUARDANDO_DOWNLOAD', 'FALHA_DOWNLOAD') THEN NULL ELSE md5(c.id || '-' || m) END,
            x.inicio + 19, 100 + (c.id % 900) + m, CASE WHEN x.status IN ('APROVADA', 'ENVIADO_SAT') THEN x.inicio + 5 END,
            c.id % 7 = 0, x.status = 'ENVIADO_SAT', true, x.inicio, x.inicio, x.inicio
     FROM ${t.c} c CROSS JOIN generate_series(0, 11) m
     CROSS JOIN LATERAL (SELECT to_char(date_trunc('month', now()) - ((11 - m) || ' months')::interval, 'YYYY-MM') AS mes,
                                (date_trunc('month', now()) - ((11 - m) || ' months')::interval)::date AS inicio,
                                CASE WHEN m < 11 THEN (CASE WHEN c.id % 50 = 0 THEN 'FALHA_DOWNLOAD' ELSE 'ENVIADO_SAT' END)
                                     ELSE (ARRAY['AGUARDANDO_DOWNLOAD','AGUARDANDO_DOWNLOAD','AGUARDANDO_DOWNLOAD','AGUARDANDO_APROVACAO','AGUARDANDO_APROVACAO','FALHA_DOWNLOAD','APROVADA','ENVIADO_SAT','ENVIADO_SAT','ENVIADO_SAT'])[1 + c.id % 10] END AS status) x
     ORDER BY c.id, m LIMIT ?`,
    [processos]
  );
  await k.raw(
    `INSERT INTO ${t.pc.t} (${t.pc.de}, ${t.pc.para}) SELECT id, split_part(document_id, '-', 2)::int FROM ${t.p}`
  );
  await k.raw(
    `INSERT INTO ${t.e} (document_id, tipo_execucao, status_execucao, numero_tentativa, classe_rpa_utilizada, data_inicio, data_fim, mensagem_log, parametros_entrada, detalhes_erro, created_at, updated_at, published_at)
     SELECT 'e-' || p.id || '-' || n, CASE WHEN n IN (8, 9) THEN 'UPLOAD_SAT' ELSE 'DOWNLOAD_FATURA' END,
            CASE WHEN n % 3 = 0 THEN 'FALHOU' ELSE 'CONCLUIDO' END, n, 'RoboSintetico', x.quando, x.quando + interval '42 seconds',
            'Execução sintética', json_build_object('mes_ano', p.mes_ano),
            CASE WHEN n % 3 = 0 THEN '{"tipo_erro":"LOGIN","mensagem":"Senha recusada pelo portal"}'::jsonb END,
            x.quando, x.quando, x.quando
     FROM ${t.p} p CROSS JOIN generate_series(1, 10) n
     CROSS JOIN LATERAL (SELECT p.created_at + (p.id % 20) * interval '1 day' + n * interval '1 hour' AS quando) x`
  );
  await k.raw(
    `INSERT INTO ${t.ep.t} (${t.ep.de}, ${t.ep.para}) SELECT id, split_part(document_id, '-', 2)::int FROM ${t.e}`
  );
  await k.raw(
    `INSERT INTO ${t.a} (document_id, acao, entidade, id_entidade, depois, origem, data_hora, created_at, updated_at, published_at)
     SELECT 'a-' || p.id || '-' || n, (ARRAY['processo.criar','processo.transicao','processo.aprovar'])[n], 'processo', p.document_id,
            json_build_object('status_processo', p.status_processo), 'SISTEMA', p.created_at, p.created_at, p.created_at, p.created_at
     FROM ${t.p} p CROSS JOIN generate_series(1, 3) n`
  );
  await k.raw('VACUUM ANALYZE'); // o que o autovacuum faria com o banco em uso (mapa de visibilidade)
};

/** p50/p95 de cada lado, chamadas alternadas (o cache do banco serve aos dois igualmente). */
const comparar = async ({ medida, servico, referencia, metaRazao = 2, metaMs = null }) => {
  const tempos = { s: [], r: [] };
  const ms = async (fn) => (await cronometrar(fn)).segundos * 1000;
  await servico();
  await referencia();
  for (let i = 0; i < repeticoes; i += 1) {
    tempos.s.push(await ms(servico));
    tempos.r.push(await ms(referencia));
  }
  const [s50, s95, r50, r95] = [
    percentil(tempos.s, 50),
    percentil(tempos.s, 95),
    percentil(tempos.r, 50),
    percentil(tempos.r, 95),
  ];
  const razao = s95 / r95;
  const atingida = razao <= metaRazao && (metaMs === null || s95 <= metaMs);
  console.log(
    `${medida.padEnd(46)} serviço p50 ${s50.toFixed(1).padStart(7)} ms p95 ${s95.toFixed(1).padStart(7)} ms | SQL p50 ${r50.toFixed(1).padStart(7)} ms p95 ${r95.toFixed(1).padStart(7)} ms | ${razao.toFixed(2)}×`
  );
  relatar({
    medida,
    valor: `p95 ${s95.toFixed(1)} ms (p50 ${s50.toFixed(1)})`,
    referencia: `p95 ${r95.toFixed(1)} ms (p50 ${r50.toFixed(1)})`,
    razao: Number(razao.toFixed(2)),
    meta: `≤ ${metaRazao}×${metaMs === null ? '' : ` e ≤ ${metaMs} ms`}`,
    atingida,
  });
};

/** A página de processos como a lista a monta: processo, cliente e operadora, ordem do painel. */
const paginaProcessos = (
  k,
  t,
  where,
  binds,
  { pagina = 1, soProcesso = false, ordem = 'p.mes_ano DESC, c.nome_sat ASC, p.id ASC' } = {}
) =>
  Promise.all([
    // Filtro só nas colunas do processo: a contagem nem precisa da junção.
    soProcesso
      ? k.raw(`SELECT count(*) FROM ${t.p} p WHERE ${where}`, binds)
      : k.raw(
          `SELECT count(*) FROM ${t.p} p LEFT JOIN ${t.pc.t} pc ON pc.${t.pc.de} = p.id LEFT JOIN ${t.c} c ON c.id = pc.${t.pc.para}
           LEFT JOIN ${t.co.t} co ON co.${t.co.de} = c.id LEFT JOIN ${t.o} o ON o.id = co.${t.co.para} WHERE ${where}`,
          binds
        ),
    k.raw(
      `SELECT p.document_id, p.mes_ano, p.status_processo, p.data_vencimento, p.valor_fatura, p.upload_manual, p.hash_fatura,
              c.document_id AS cliente, c.nome_sat, c.cnpj, o.codigo, o.nome, o.possui_rpa
       FROM ${t.p} p LEFT JOIN ${t.pc.t} pc ON pc.${t.pc.de} = p.id LEFT JOIN ${t.c} c ON c.id = pc.${t.pc.para}
       LEFT JOIN ${t.co.t} co ON co.${t.co.de} = c.id LEFT JOIN ${t.o} o ON o.id = co.${t.co.para}
       WHERE ${where} ORDER BY ${ordem} LIMIT ${POR_PAGINA} OFFSET ${(pagina - 1) * POR_PAGINA}`,
      binds
    ),
  ]);

const JUNCAO_EXECUCOES = (t) =>
  `FROM ${t.e} e LEFT JOIN ${t.ep.t} ep ON ep.${t.ep.de} = e.id LEFT JOIN ${t.p} p ON p.id = ep.${t.ep.para}
   LEFT JOIN ${t.pc.t} pc ON pc.${t.pc.de} = p.id LEFT JOIN ${t.c} c ON c.id = pc.${t.pc.para}
   LEFT JOIN ${t.co.t} co ON co.${t.co.de} = c.id LEFT JOIN ${t.o} o ON o.id = co.${t.co.para}`;

/**
 * A página de execuções como se escreveria à mão: filtro só nas colunas da execução → conta e pagina
 * na tabela dela (índices de criação e de status) e junta processo/cliente/operadora só às 25 linhas;
 * filtro por processo ou operadora → a junção inteira.
 */
const paginaExecucoes = (k, t, where, binds, { soExecucao = false } = {}) => {
  const base = soExecucao ? `FROM ${t.e} e` : JUNCAO_EXECUCOES(t);
  return Promise.all([
    k.raw(`SELECT count(*) ${base} WHERE ${where}`, binds),
    k.raw(
      `SELECT e.*, p.document_id AS processo, p.mes_ano, p.status_processo, c.nome_sat, o.codigo, o.nome
       FROM (SELECT e.* ${base} WHERE ${where} ORDER BY e.created_at DESC, e.id DESC LIMIT ${POR_PAGINA}) e
       LEFT JOIN ${t.ep.t} ep ON ep.${t.ep.de} = e.id LEFT JOIN ${t.p} p ON p.id = ep.${t.ep.para}
       LEFT JOIN ${t.pc.t} pc ON pc.${t.pc.de} = p.id LEFT JOIN ${t.c} c ON c.id = pc.${t.pc.para}
       LEFT JOIN ${t.co.t} co ON co.${t.co.de} = c.id LEFT JOIN ${t.o} o ON o.id = co.${t.co.para}
       ORDER BY e.created_at DESC, e.id DESC`,
      binds
    ),
  ]);
};

const medirListas = async (strapi, t, mesAtual) => {
  const k = strapi.db.connection;
  const proc = strapi.service('api::processo.consulta');
  const exec = strapi.service('api::execucao.consulta');
  const listar = (filtros) => () => proc.listar({ pagina: 1, por_pagina: POR_PAGINA, ...filtros });
  const clienteDoMeio = Math.ceil(processos / 24);
  const termo = `EMPRESA ${clienteDoMeio}`;
  const buscaCliente = `(c.document_id = ? OR c.nome_sat ILIKE ? OR c.razao_social ILIKE ? OR c.cnpj ILIKE ?)`;
  const casos = [
    ['processos: página 1 sem filtro', {}, 'true', [], true],
    ['processos: competência', { mes_ano: mesAtual }, 'p.mes_ano = ?', [mesAtual], true],
    [
      'processos: competência + status',
      { mes_ano: mesAtual, status: 'AGUARDANDO_APROVACAO' },
      'p.mes_ano = ? AND p.status_processo = ?',
      [mesAtual, 'AGUARDANDO_APROVACAO'],
      true,
    ],
    ['processos: operadora', { operadora: 'OI' }, 'o.codigo = ?', ['OI']],
    [
      'processos: cliente por nome',
      { cliente: termo },
      buscaCliente,
      [termo, ...Array(3).fill(`%${termo}%`)],
    ],
    [
      'processos: cliente por CNPJ',
      { cliente: String(clienteDoMeio).padStart(14, '0') },
      buscaCliente,
      [
        String(clienteDoMeio).padStart(14, '0'),
        ...Array(3).fill(`%${String(clienteDoMeio).padStart(14, '0')}%`),
      ],
    ],
  ];
  for (const [medida, filtros, where, binds, soProcesso = false] of casos)
    await comparar({
      medida,
      servico: listar(filtros),
      referencia: () => paginaProcessos(k, t, where, binds, { soProcesso }),
    });
  const profunda = Math.floor(processos / POR_PAGINA / 2);
  await comparar({
    medida: `processos: página ${profunda} (meio da lista)`,
    servico: () => proc.listar({ pagina: profunda, por_pagina: POR_PAGINA }),
    referencia: () => paginaProcessos(k, t, 'true', [], { pagina: profunda, soProcesso: true }),
  });

  const desde = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  const hoje = new Date().toISOString().slice(0, 10);
  const execucoes = (filtros) => () => exec.listar({ pagina: 1, por_pagina: POR_PAGINA, ...filtros });
  await comparar({
    medida: 'execuções: página 1 sem filtro',
    servico: execucoes({}),
    referencia: () => paginaExecucoes(k, t, 'true', [], { soExecucao: true }),
  });
  await comparar({
    medida: 'execuções: falhas dos últimos 30 dias',
    servico: execucoes({ status: 'FALHOU', de: desde.toISOString().slice(0, 10), ate: hoje }),
    referencia: () =>
      paginaExecucoes(k, t, `e.status_execucao = 'FALHOU' AND e.created_at >= ?`, [desde], {
        soExecucao: true,
      }),
  });
  await comparar({
    medida: 'execuções: operadora',
    servico: execucoes({ operadora: 'DIG' }),
    referencia: () => paginaExecucoes(k, t, 'o.codigo = ?', ['DIG']),
  });
  const umProcesso = `p-${clienteDoMeio}-11`;
  await comparar({
    medida: 'execuções: de um processo',
    servico: execucoes({ processo: umProcesso }),
    referencia: () => paginaExecucoes(k, t, 'p.document_id = ?', [umProcesso]),
  });
  await comparar({
    medida: 'aprovações: fila do mês',
    servico: () => proc.aprovacoes({ pagina: 1, por_pagina: POR_PAGINA, mes_ano: mesAtual }),
    referencia: async () => {
      const [, { rows }] = await paginaProcessos(
        k,
        t,
        `p.mes_ano = ? AND p.status_processo = 'AGUARDANDO_APROVACAO'`,
        [mesAtual],
        { soProcesso: true, ordem: 'p.data_vencimento ASC, p.id ASC' }
      );
      const docs = rows.map((r) => r.document_id);
      await k.raw(
        `SELECT pc.${t.pc.para} AS cliente, p.mes_ano, p.valor_fatura FROM ${t.p} p JOIN ${t.pc.t} pc ON pc.${t.pc.de} = p.id
         WHERE pc.${t.pc.para} IN (SELECT pc2.${t.pc.para} FROM ${t.p} p2 JOIN ${t.pc.t} pc2 ON pc2.${t.pc.de} = p2.id WHERE p2.document_id = ANY(?))
           AND p.valor_fatura IS NOT NULL ORDER BY p.mes_ano DESC`,
        [docs]
      );
      await k.raw(
        `SELECT ep.${t.ep.para} AS processo, count(*) FROM ${t.e} e JOIN ${t.ep.t} ep ON ep.${t.ep.de} = e.id
         JOIN ${t.p} p ON p.id = ep.${t.ep.para} WHERE p.document_id = ANY(?) AND e.tipo_execucao IN ('DOWNLOAD_FATURA', 'UPLOAD_MANUAL')
         GROUP BY ep.${t.ep.para}`,
        [docs]
      );
    },
  });
};

const medirDashboard = async (strapi, t, mesAtual) => {
  const k = strapi.db.connection;
  const painel = strapi.plugin('orquestrador-rpa').service('painel');
  const juncao = `FROM ${t.p} p JOIN ${t.pc.t} pc ON pc.${t.pc.de} = p.id JOIN ${t.c} c ON c.id = pc.${t.pc.para}
                  JOIN ${t.co.t} co ON co.${t.co.de} = c.id JOIN ${t.o} o ON o.id = co.${t.co.para}`;
  const pendentes = `p.mes_ano = ? AND p.status_processo IN ('AGUARDANDO_DOWNLOAD','DOWNLOAD_EM_ANDAMENTO','AGUARDANDO_APROVACAO','APROVADA','ENVIANDO_SAT','FALHA_DOWNLOAD','FALHA_ENVIO_SAT','CONFERIR_SAT')`;
  await comparar({
    medida: 'dashboard: resumo do mês',
    metaMs: 200,
    servico: () => painel.resumoDoMes(mesAtual),
    referencia: () =>
      Promise.all([
        k.raw(`SELECT status_processo, count(*) FROM ${t.p} WHERE mes_ano = ? GROUP BY 1`, [mesAtual]),
        k.raw(`SELECT o.nome, count(*) ${juncao} WHERE ${pendentes} GROUP BY 1 ORDER BY 2 DESC, 1`, [
          mesAtual,
        ]),
        k.raw(
          `SELECT c.nome_sat, count(*) ${juncao} WHERE ${pendentes} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
          [mesAtual]
        ),
        k.raw(
          `SELECT e.status_execucao, count(*) ${juncao} JOIN ${t.ep.t} ep ON ep.${t.ep.para} = p.id JOIN ${t.e} e ON e.id = ep.${t.ep.de}
           WHERE p.mes_ano = ? AND e.status_execucao IN ('CONCLUIDO','FALHOU') GROUP BY 1`,
          [mesAtual]
        ),
      ]),
  });
  await comparar({
    medida: 'dashboard: saúde por operadora (30 dias)',
    metaMs: 200,
    servico: () => painel.saudePorOperadora(),
    referencia: () => {
      const desde = new Date(Date.now() - 30 * 24 * 3600 * 1000);
      // A melhor junção à mão: execução → operadora só pelas tabelas de ligação.
      const base = `FROM ${t.e} e JOIN ${t.ep.t} ep ON ep.${t.ep.de} = e.id JOIN ${t.pc.t} pc ON pc.${t.pc.de} = ep.${t.ep.para}
                    JOIN ${t.co.t} co ON co.${t.co.de} = pc.${t.pc.para} JOIN ${t.o} o ON o.id = co.${t.co.para}
                    WHERE e.tipo_execucao = 'DOWNLOAD_FATURA' AND e.status_execucao IN ('CONCLUIDO','FALHOU') AND e.data_fim >= ?`;
      return Promise.all([
        k.raw(
          `SELECT o.codigo, count(*), sum(CASE WHEN e.status_execucao = 'CONCLUIDO' THEN 1 ELSE 0 END),
                  avg(extract(epoch FROM e.data_fim - e.data_inicio)) ${base} GROUP BY 1`,
          [desde]
        ),
        k.raw(
          `SELECT DISTINCT ON (o.codigo) o.codigo, e.detalhes_erro, e.data_fim ${base} AND e.status_execucao = 'FALHOU'
           ORDER BY o.codigo, e.data_fim DESC`,
          [desde]
        ),
      ]);
    },
  });
  await comparar({
    medida: 'dashboard: prazos (vencimentos)',
    metaMs: 200,
    servico: () => painel.prazos(),
    referencia: () =>
      k.raw(
        `SELECT sum(CASE WHEN data_vencimento < current_date THEN 1 ELSE 0 END),
                sum(CASE WHEN data_vencimento BETWEEN current_date AND current_date + 3 THEN 1 ELSE 0 END),
                sum(CASE WHEN data_vencimento BETWEEN current_date AND current_date + 7 THEN 1 ELSE 0 END)
         FROM ${t.p} WHERE data_vencimento IS NOT NULL AND status_processo <> 'ENVIADO_SAT'`
      ),
  });
};

/** Bytes de um fluxo, com o RSS do processo amostrado a cada 20 ms. */
const consumir = async (fluxo) => {
  let bytes = 0;
  let rssMaximo = process.memoryUsage().rss;
  const amostra = setInterval(() => {
    rssMaximo = Math.max(rssMaximo, process.memoryUsage().rss);
  }, 20);
  try {
    for await (const pedaco of fluxo) bytes += pedaco.length;
  } finally {
    clearInterval(amostra);
  }
  return { bytes, rssMaximo };
};

const medirExportacao = async (strapi, t) => {
  const exportacao = strapi.service('api::execucao.exportacao');
  const [{ total }] = (await strapi.db.connection(t.e).count({ total: '*' })).map((l) => ({
    total: Number(l.total),
  }));
  const heap = () => {
    global.gc?.();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const heapAntes = heap();
  const rssInicial = process.memoryUsage().rss;
  const servico = await cronometrar(async () => consumir(exportacao.exportar({ formato: 'csv', where: {} })));
  const heapDepois = heap();
  const url = new URL(process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${banco}`;
  const copia = await cronometrar(
    () =>
      new Promise((resolver, rejeitar) => {
        const psql = spawn('psql', [
          url.toString(),
          '-c',
          `\\copy (SELECT e.document_id, p.document_id, p.mes_ano, c.document_id, c.razao_social, c.cnpj, o.codigo, e.tipo_execucao,
                          e.status_execucao, e.numero_tentativa, e.classe_rpa_utilizada, e.created_at, e.data_inicio, e.data_fim,
                          NULL, e.ip_origem, e.user_agent, e.mensagem_log, e.parametros_entrada, e.resultado_saida, e.detalhes_erro,
                          e.url_arquivo_s_3 ${JUNCAO_EXECUCOES(t)} ORDER BY e.id) TO STDOUT WITH (FORMAT csv, DELIMITER ';')`.replace(
            /\s+/g,
            ' '
          ),
        ]);
        let bytes = 0;
        let erro = '';
        psql.stdout.on('data', (d) => (bytes += d.length));
        psql.stderr.on('data', (d) => (erro += d));
        psql.on('error', rejeitar);
        psql.on('close', (codigo) =>
          codigo === 0 ? resolver({ bytes }) : rejeitar(new Error(`psql saiu com ${codigo}: ${erro}`))
        );
      })
  );
  const razao = servico.segundos / copia.segundos;
  const mib = (bytes) => (bytes / 2 ** 20).toFixed(0);
  console.log(
    `exportação CSV de ${total} execuções: ${servico.segundos.toFixed(1)} s (${Math.round(total / servico.segundos)} linhas/s, ` +
      `${mib(servico.resultado.bytes)} MiB); COPY do psql ${copia.segundos.toFixed(1)} s; ${razao.toFixed(2)}×; ` +
      `RSS ${mib(rssInicial)} → máx ${mib(servico.resultado.rssMaximo)} MiB; heap depois de um GC ${heapAntes.toFixed(0)} → ${heapDepois.toFixed(0)} MiB`
  );
  relatar({
    medida: `exportação CSV (${total} execuções)`,
    valor: `${servico.segundos.toFixed(1)} s, ${Math.round(total / servico.segundos)} linhas/s`,
    referencia: `COPY ${copia.segundos.toFixed(1)} s`,
    razao: Number(razao.toFixed(2)),
    meta: 'só medida (sem meta de razão)',
    atingida: null,
  });
  // Memória constante: o fluxo não guarda o que já escreveu. O RSS máximo (GC preguiçoso) vai
  // impresso; a meta é que, depois de um GC, o heap volte ao que era antes da exportação.
  relatar({
    medida: 'exportação CSV: memória',
    valor: `RSS máx ${mib(servico.resultado.rssMaximo)} MiB (+${mib(servico.resultado.rssMaximo - rssInicial)}); heap após GC ${heapAntes.toFixed(0)} → ${heapDepois.toFixed(0)} MiB`,
    meta: global.gc ? 'heap após GC ≤ antes + 32 MiB' : 'rode com node --expose-gc',
    atingida: global.gc ? heapDepois <= heapAntes + 32 : null,
  });
};

encerrar(
  comStrapiNoPg(
    banco,
    async (strapi) => {
      const t = nomes(strapi);
      const { competenciaAtual } = require('@orquestrador-rpa/contrato');
      const semeadura = await cronometrar(() => semear(strapi, t));
      const contar = async (tabela) => Number((await strapi.db.connection(tabela).count({ n: '*' }))[0].n);
      console.log(
        `banco: PostgreSQL (${banco}); ${await contar(t.p)} processos, ${await contar(t.e)} execuções, ` +
          `${await contar(t.a)} registros de auditoria (semeados em ${semeadura.segundos.toFixed(1)} s); ${repeticoes} repetições`
      );
      if (manterBanco) return;
      const mesAtual = competenciaAtual();
      await medirListas(strapi, t, mesAtual);
      await medirDashboard(strapi, t, mesAtual);
      await medirExportacao(strapi, t);
    },
    { manter: manterBanco }
  )
);
