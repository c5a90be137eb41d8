#!/usr/bin/env node
/*
 * Benchmark da importação: N linhas (padrão 10 000) no formato da planilha do legado pelo serviço de
 * importação, contra INSERTs multi-linha crus (lotes de 500) do mesmo trabalho — clientes, ligações
 * com a operadora e os dois registros de auditoria de cada um — medidos na mesma execução (meta ≤ 3×). Durante a importação, uma escrita curta a cada 20 ms (atualizar um
 * processo, como o `concluir` de um robô) mede se a importação trava as outras escritas: p95 e
 * máximo da latência.
 * Banco: com `--pg`, um PostgreSQL descartável (BENCH_PG_URL); sem, um SQLite descartável em .tmp/.
 * Uso: npm run bench:importacao [-- <linhas=10000>] [--pg]
 */
const fs = require('fs');
const path = require('path');
const {
  RAIZ,
  abrirStrapi,
  ambienteStrapi,
  cnpjDeBench,
  comServidorPg,
  cronometrar,
  encerrar,
  percentil,
  relatar,
} = require('./ajudantes');

const argumentos = process.argv.slice(2);
const postgres = argumentos.includes('--pg');
const linhas = Number(argumentos.find((a) => /^\d+$/.test(a)) || 10000);
const bancoPg = `bench_importacao_${process.pid}`;
const arquivoSqlite = `.tmp/bench-${process.pid}.db`;

/** Sem a coluna SENHA, a reimportação fica inalterada (senha na planilha é sempre gravada de novo). */
const planilha = (operadora, deslocamento, comSenha = true) => {
  const cabecalho = `HASH,RAZÃO SOCIAL,NOME SAT,CNPJ,OPERADORA,FILTRO,SERVIÇO,DADOS SAT,UNIDADE / FILTRO SAT${comSenha ? ',SENHA' : ''}`;
  const corpo = Array.from({ length: linhas }, (_, j) => {
    const i = j + deslocamento;
    return `,Empresa ${i} Ltda,EMPRESA ${i},${cnpjDeBench(i)},${operadora},F${i},Internet,Internet,CIDADE ${i % 50}-MS${comSenha ? `,senha${i}` : ''}`;
  });
  return Buffer.from([cabecalho, ...corpo].join('\n'), 'utf8');
};

/** O mesmo trabalho em INSERTs multi-linha crus, numa transação. */
const insertCru = (strapi, operadoraId, deslocamento) => {
  const meta = strapi.db.metadata.get('api::cliente.cliente');
  const lig = meta.attributes.operadora.joinTable;
  const auditoria = strapi.db.metadata.get('api::auditoria.auditoria').tableName;
  const agora = new Date();
  return strapi.db.connection.transaction(async (trx) => {
    for (let inicio = 0; inicio < linhas; inicio += 500) {
      const lote = Array.from({ length: Math.min(500, linhas - inicio) }, (_, j) => {
        const i = inicio + j + deslocamento;
        return {
          document_id: `cru${i}`,
          hash_unico: `cru-${i}`,
          chave_unicidade: `cru-${i}`,
          razao_social: `Empresa ${i} Ltda`,
          nome_sat: `EMPRESA ${i}`,
          cnpj: cnpjDeBench(i),
          filtro: `F${i}`,
          servico: 'Internet',
          dados_sat: 'Internet',
          unidade: `CIDADE ${i % 50}-MS`,
          senha_portal: `v1:cru:${i}`,
          status_ativo: true,
          created_at: agora,
          updated_at: agora,
          published_at: agora,
        };
      });
      const ids = await trx(meta.tableName).insert(lote).returning('id');
      await trx(lig.name).insert(
        ids.map((r) => ({
          [lig.joinColumn.name]: r.id ?? r,
          [lig.inverseJoinColumn.name]: operadoraId,
        }))
      );
      // A trilha que o cadastro exige: criação (sem a senha) e "portal alterado" de cada cliente.
      const trilha = lote.flatMap(({ senha_portal: _senha, ...cliente }) => [
        { acao: 'cliente.criar', depois: JSON.stringify({ ...cliente, senha_portal: '[protegida]' }) },
        {
          acao: 'cliente.portal_alterado',
          depois: JSON.stringify({ campos: ['senha_portal', 'filtro', 'servico'] }),
        },
      ]);
      for (let i = 0; i < trilha.length; i += 500)
        await trx(auditoria).insert(
          trilha.slice(i, i + 500).map((a) => ({
            ...a,
            document_id: `cru-a-${inicio}-${i}-${Math.random()}`,
            entidade: 'cliente',
            origem: 'SISTEMA',
            data_hora: agora,
            created_at: agora,
            updated_at: agora,
            published_at: agora,
          }))
        );
    }
  });
};

/** Escreve um processo a cada 20 ms enquanto `trabalho` roda; devolve as latências (ms). */
const escritasConcorrentes = async (strapi, trabalho) => {
  const processo = await strapi.db.query('api::processo.processo').create({
    data: { mes_ano: '2025-01', status_processo: 'AGUARDANDO_DOWNLOAD', chave_processo: 'bench' },
  });
  const latencias = [];
  let ativo = true;
  const laco = (async () => {
    while (ativo) {
      const { segundos } = await cronometrar(() =>
        strapi.db
          .query('api::processo.processo')
          .update({ where: { id: processo.id }, data: { observacoes: new Date().toISOString() } })
      );
      latencias.push(segundos * 1000);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    return { resultado: await trabalho(), latencias };
  } finally {
    ativo = false;
    await laco;
  }
};

encerrar(
  (async () => {
    if (postgres) {
      await comServidorPg(`CREATE DATABASE ${bancoPg}`);
      ambienteStrapi(bancoPg);
    } else {
      ambienteStrapi();
      Object.assign(process.env, { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: arquivoSqlite });
    }
    let strapi;
    try {
      strapi = await abrirStrapi();
      const operadora = await strapi.documents('api::operadora.operadora').create({
        data: { nome: 'BENCH', codigo: 'BENCH', status_ativo: true },
      });
      const servico = strapi.service('api::cliente.importacao');
      const { resultado: medicao, segundos } = await cronometrar(() =>
        escritasConcorrentes(strapi, () => servico.importar(planilha('BENCH', 0)))
      );
      const relatorio = medicao.resultado;
      if (relatorio.criados !== linhas || relatorio.erros.length)
        throw new Error(
          `Importação inesperada: ${relatorio.criados} criados, ${relatorio.erros.length} erros.`
        );
      const reimportar = await cronometrar(() => servico.importar(planilha('BENCH', 0, false)));
      if (reimportar.resultado.inalterados !== linhas)
        throw new Error(`Reimportação inesperada: ${JSON.stringify(reimportar.resultado)}`);
      const cru = await cronometrar(() => insertCru(strapi, operadora.id, linhas));
      const razao = segundos / cru.segundos;
      const [p95, maximo] = [percentil(medicao.latencias, 95), Math.max(...medicao.latencias)];
      const banco = postgres ? 'PostgreSQL' : 'SQLite';
      console.log(`banco: ${banco}; linhas: ${linhas}`);
      console.log(
        `importação pelo serviço:   ${segundos.toFixed(2)} s (${Math.round(linhas / segundos)} linhas/s)`
      );
      console.log(`INSERT multi-linha cru:    ${cru.segundos.toFixed(2)} s`);
      console.log(`razão serviço / cru:       ${razao.toFixed(2)}× (meta ≤ 3×)`);
      console.log(`reimportação (inalteradas): ${reimportar.segundos.toFixed(2)} s`);
      console.log(
        `escrita concorrente:       ${medicao.latencias.length} escritas, p95 ${p95.toFixed(1)} ms, máx ${maximo.toFixed(1)} ms`
      );
      relatar({
        medida: `importação ${linhas} linhas (${banco})`,
        valor: `${segundos.toFixed(2)} s (${Math.round(linhas / segundos)} linhas/s)`,
        referencia: `INSERT cru ${cru.segundos.toFixed(2)} s`,
        razao: Number(razao.toFixed(2)),
        meta: '≤ 3×',
        atingida: razao <= 3,
      });
      relatar({
        medida: `importação: escrita concorrente (${banco})`,
        valor: `p95 ${p95.toFixed(1)} ms, máx ${maximo.toFixed(1)} ms`,
        meta: 'máx ≤ 1 s (não trava)',
        atingida: maximo <= 1000,
      });
      relatar({
        medida: `reimportação ${linhas} linhas (${banco})`,
        valor: `${reimportar.segundos.toFixed(2)} s`,
        meta: 'só medida',
      });
    } finally {
      await strapi?.destroy().catch(() => {});
      if (postgres) await comServidorPg(`DROP DATABASE IF EXISTS ${bancoPg} WITH (FORCE)`);
      else
        for (const sufixo of ['', '-wal', '-shm'])
          fs.rmSync(path.join(RAIZ, arquivoSqlite + sufixo), { force: true });
    }
  })()
);
