#!/usr/bin/env node
/*
 * Benchmark da geração mensal: N clientes ativos (padrão 100 000) num PostgreSQL real.
 * Imprime o tempo do serviço, o de um `INSERT … SELECT` puro que faz o mesmo trabalho (processos e
 * ligações com o cliente) e a razão entre os dois (meta ≤ 3×), e o tempo da reexecução (meta ≤ 1 s).
 * Banco: um banco descartável criado no servidor de BENCH_PG_URL (padrão postgres://postgres@127.0.0.1:5432/postgres).
 * Uso: npm run bench:geracao [-- 100000]
 */
const crypto = require('crypto');
const { comStrapiNoPg, cronometrar, encerrar, relatar } = require('./ajudantes');

const clientes = Number(process.argv[2] || 100000);
const banco = `bench_geracao_${process.pid}`;
const LOTE = 5000;

/** Clientes inseridos direto no banco (o benchmark mede a geração, não a importação). */
const semearClientes = async (strapi, operadoraId) => {
  const c = strapi.db.metadata.get('api::cliente.cliente');
  const lig = c.attributes.operadora.joinTable;
  const col = (a) => c.attributes[a].columnName || a;
  const agora = new Date();
  for (let inicio = 0; inicio < clientes; inicio += LOTE) {
    const linhas = [];
    for (let i = inicio; i < Math.min(clientes, inicio + LOTE); i += 1) {
      linhas.push({
        [col('documentId')]: crypto.randomBytes(12).toString('hex'),
        [col('hash_unico')]: `bench-${i}`,
        [col('chave_unicidade')]: `bench-${i}`,
        [col('razao_social')]: `Empresa ${i} Ltda`,
        [col('nome_sat')]: `EMPRESA ${i}`,
        [col('cnpj')]: String(10000000000000 + i),
        [col('unidade')]: 'CAMPO GRANDE-MS',
        [col('status_ativo')]: true,
        [col('createdAt')]: agora,
        [col('updatedAt')]: agora,
        [col('publishedAt')]: agora,
      });
    }
    const ids = await strapi.db.connection(c.tableName).insert(linhas).returning('id');
    await strapi.db
      .connection(lig.name)
      .insert(
        ids.map(({ id }) => ({ [lig.joinColumn.name]: id, [lig.inverseJoinColumn.name]: operadoraId }))
      );
  }
};

/** O mesmo trabalho do serviço num único comando SQL: a referência da razão. */
const insertSelectPuro = (strapi, mesAno) => {
  const meta = (uid) => strapi.db.metadata.get(uid);
  const [p, c, o] = [
    meta('api::processo.processo'),
    meta('api::cliente.cliente'),
    meta('api::operadora.operadora'),
  ];
  const lo = c.attributes.operadora.joinTable;
  const lp = p.attributes.cliente.joinTable;
  return strapi.db.connection.raw(
    `WITH novos AS (
       INSERT INTO ${p.tableName} (document_id, mes_ano, chave_processo, status_processo, criado_automaticamente, upload_manual, enviado_para_sat, created_at, updated_at, published_at)
       SELECT md5(random()::text || c.id), ?, c.document_id || ?, 'AGUARDANDO_DOWNLOAD', true, false, false, now(), now(), now()
       FROM ${c.tableName} c JOIN ${lo.name} lo ON lo.${lo.joinColumn.name} = c.id JOIN ${o.tableName} o ON o.id = lo.${lo.inverseJoinColumn.name}
       WHERE c.status_ativo AND o.status_ativo
       ON CONFLICT (chave_processo) DO NOTHING
       RETURNING id, chave_processo)
     INSERT INTO ${lp.name} (${lp.joinColumn.name}, ${lp.inverseJoinColumn.name})
     SELECT n.id, c.id FROM novos n JOIN ${c.tableName} c ON c.document_id || ? = n.chave_processo`,
    [mesAno, `|${mesAno}`, `|${mesAno}`]
  );
};

encerrar(
  comStrapiNoPg(banco, async (strapi) => {
    const operadora = await strapi
      .documents('api::operadora.operadora')
      .create({ data: { nome: 'BENCH', codigo: 'BENCH', status_ativo: true } });
    const semeadura = await cronometrar(() => semearClientes(strapi, operadora.id));
    console.log(
      `banco: PostgreSQL (${banco}); clientes ativos: ${clientes} (semeados em ${semeadura.segundos.toFixed(1)} s)`
    );

    const servico = strapi.service('api::processo.geracao-mensal');
    const primeira = await cronometrar(() => servico.gerar('2025-01'));
    const reexecucao = await cronometrar(() => servico.gerar('2025-01'));
    const puro = await cronometrar(() => insertSelectPuro(strapi, '2025-02'));
    const [{ total }] = await strapi.db
      .connection('processos')
      .where({ mes_ano: '2025-02' })
      .count({ total: '*' });
    if (
      Number(total) !== clientes ||
      primeira.resultado.criados !== clientes ||
      reexecucao.resultado.criados !== 0
    ) {
      throw new Error(
        `Contagens inesperadas: serviço ${primeira.resultado.criados}, reexecução ${reexecucao.resultado.criados}, SQL puro ${total}.`
      );
    }
    const razao = primeira.segundos / puro.segundos;
    console.log(
      `geração pelo serviço:      ${primeira.segundos.toFixed(2)} s (${primeira.resultado.criados} criados)`
    );
    console.log(`INSERT … SELECT puro:      ${puro.segundos.toFixed(2)} s (${total} criados)`);
    console.log(
      `razão serviço / SQL puro:  ${razao.toFixed(2)}× (meta ≤ 3×: ${razao <= 3 ? 'atingida' : 'NÃO atingida'})`
    );
    console.log(
      `reexecução idempotente:    ${reexecucao.segundos.toFixed(2)} s (${reexecucao.resultado.criados} criados, ${reexecucao.resultado.ja_existiam} já existiam; meta ≤ 1 s: ${reexecucao.segundos <= 1 ? 'atingida' : 'NÃO atingida'})`
    );
    relatar({
      medida: `geração mensal (${clientes} clientes)`,
      valor: `${primeira.segundos.toFixed(2)} s`,
      referencia: `INSERT … SELECT ${puro.segundos.toFixed(2)} s`,
      razao: Number(razao.toFixed(2)),
      meta: '≤ 3×',
      atingida: razao <= 3,
    });
    relatar({
      medida: 'geração mensal: reexecução',
      valor: `${reexecucao.segundos.toFixed(2)} s`,
      meta: '≤ 1 s',
      atingida: reexecucao.segundos <= 1,
    });
  })
);
