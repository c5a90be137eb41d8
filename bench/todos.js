#!/usr/bin/env node
/*
 * Roda todos os benchmarks, um depois do outro, e imprime uma tabela única com o que cada um mediu,
 * a referência crua medida na mesma execução, a razão e a meta. Tamanhos pequenos por padrão (alguns
 * minutos); `--cheio` usa os tamanhos da issue de escala (100 mil processos, 1 milhão de execuções,
 * 50 aprovadores simultâneos, 100 mil clientes, 10 mil e 100 mil linhas de planilha). Sai com erro se um benchmark quebrar (uma
 * meta não atingida aparece na tabela, não derruba o comando).
 * Uso: npm run bench [-- --cheio]
 */
const path = require('path');
const { spawn } = require('child_process');

const cheio = process.argv.includes('--cheio');
const BENCHMARKS = cheio
  ? [
      ['escala.js', '100000', '20'],
      ['carga-aprovacoes.js', '50'],
      ['importacao-clientes.js', '10000'],
      ['importacao-clientes.js', '10000', '--pg'],
      ['importacao-clientes.js', '100000', '--pg'],
      ['geracao-mensal.js', '100000'],
      ['filas-coleta.js', '10000'],
      ['logs-ao-vivo.js', '1000', '20', '200'],
      ['worker-robos.js', '24', '3', '3'],
      ['painel-navegadores.js', '20', '5000', '5'],
    ]
  : [
      ['escala.js', '10000', '10'],
      ['carga-aprovacoes.js', '10'],
      ['importacao-clientes.js', '2000'],
      ['importacao-clientes.js', '2000', '--pg'],
      ['geracao-mensal.js', '10000'],
      ['filas-coleta.js', '2000'],
      ['logs-ao-vivo.js', '300', '5', '100'],
      ['worker-robos.js', '6', '2', '2'],
      ['painel-navegadores.js', '20', '500', '3'],
    ];

/** Roda um benchmark; a saída passa direto, as linhas RESULTADO viram linhas da tabela. */
const rodar = ([arquivo, ...argumentos]) =>
  new Promise((resolver, rejeitar) => {
    const filho = spawn(process.execPath, ['--expose-gc', path.join(__dirname, arquivo), ...argumentos], {
      // 100 mil linhas passam do limite padrão de uma importação (20 mil).
      env: { ...process.env, IMPORTACAO_LINHAS_MAXIMAS: '100000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const resultados = [];
    let resto = '';
    filho.stdout.on('data', (pedaco) => {
      const linhas = (resto + pedaco).split('\n');
      resto = linhas.pop();
      for (const linha of linhas) {
        if (linha.startsWith('RESULTADO ')) resultados.push(JSON.parse(linha.slice('RESULTADO '.length)));
        else if (!linha.startsWith('[')) console.log(`  ${linha}`); // o log do Strapi fica de fora
      }
    });
    filho.on('error', rejeitar);
    filho.on('close', (codigo) =>
      codigo === 0 ? resolver(resultados) : rejeitar(new Error(`${arquivo} saiu com ${codigo}`))
    );
  });

const tabela = (linhas) => {
  const colunas = ['medida', 'valor', 'referencia', 'razao', 'meta', 'situacao'];
  const titulos = ['Medida', 'Valor', 'Referência crua', 'Razão', 'Meta', 'Situação'];
  const celula = (linha, coluna) => {
    if (coluna === 'razao') return linha.razao === null ? '—' : `${linha.razao.toFixed(2)}×`;
    if (coluna === 'situacao')
      return linha.atingida === null ? 'medida' : linha.atingida ? 'atingida' : 'NÃO atingida';
    return linha[coluna] ?? '—';
  };
  const largura = colunas.map((c, i) =>
    Math.max(titulos[i].length, ...linhas.map((l) => String(celula(l, c)).length))
  );
  const formatar = (valores) => `| ${valores.map((v, i) => String(v).padEnd(largura[i])).join(' | ')} |`;
  return [
    formatar(titulos),
    `|${largura.map((l) => '-'.repeat(l + 2)).join('|')}|`,
    ...linhas.map((l) => formatar(colunas.map((c) => celula(l, c)))),
  ].join('\n');
};

(async () => {
  const resultados = [];
  for (const bench of BENCHMARKS) {
    console.log(`\n▶ ${bench.join(' ')}`);
    resultados.push(...(await rodar(bench)));
  }
  const faltando = resultados.filter((r) => r.atingida === false).length;
  console.log(`\n${tabela(resultados)}\n`);
  console.log(
    `${resultados.length} medidas (${cheio ? 'tamanho cheio' : 'tamanho pequeno; --cheio para o da issue'}); ` +
      `${faltando ? `${faltando} meta(s) não atingida(s) — ver docs/desempenho.md` : 'todas as metas atingidas'}.`
  );
})().catch((erro) => {
  console.error(erro.message);
  process.exit(1);
});
