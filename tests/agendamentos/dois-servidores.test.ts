import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi } from '../ajudantes/strapi';
import { matarTodos, subirFilho } from '../ajudantes/strapi-filhos';
import { CNPJS_VALIDOS, criarOperadora, dadosCliente } from '../ajudantes/dados';
import { esperar } from '../ajudantes/worker';

/**
 * Dois Strapi de verdade (processos filhos) no mesmo PostgreSQL e Redis, um agendamento a cada
 * segundo: cada instante programado aparece uma vez no histórico e o trabalho é feito uma vez.
 * O Strapi do teste não dispara (AGENDAMENTOS_LIGADOS=false): só cria, pausa e observa.
 */
type Registro = Record<string, any>;

let strapi: Core.Strapi;
const esperarMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

const disparosDe = async (documentId: string): Promise<Registro[]> =>
  (await strapi.db.query('api::agendamento.disparo').findMany({
    where: { agendamento: { documentId } },
    orderBy: { instante_programado: 'asc' },
  })) as Registro[];

beforeAll(async () => {
  strapi = await iniciarStrapi({ AGENDAMENTOS_LIGADOS: 'false' });
  const operadora = await criarOperadora(strapi, {
    nome: 'OPERADORA RELOGIO',
    codigo: 'RLG',
    possui_rpa: false,
  });
  for (const [i, cnpj] of CNPJS_VALIDOS.entries()) {
    await strapi.documents('api::cliente.cliente').create({
      data: dadosCliente(operadora.documentId, {
        cnpj,
        filtro: `relogio-${i}`,
        nome_sat: `RELOGIO ${i}`,
      }) as never,
    });
  }
  const filho = { AGENDAMENTOS_LIGADOS: 'true', AGENDAMENTOS_INTERVALO_RECARGA_MS: '2000' };
  await Promise.all([subirFilho(filho), subirFilho(filho)]);
}, 240_000);
afterAll(async () => {
  await matarTodos();
  await encerrarStrapi();
});

test('a cada segundo, com dois servidores: cada instante uma vez, processos criados uma vez; pausar numa instância para as duas', async () => {
  const criado = await strapi.documents('api::agendamento.agendamento').create({
    data: {
      nome_agendamento: 'Relógio de teste',
      cron_expressao: '* * * * * *',
      tipo_agendamento: 'CRIAR_PROCESSOS_MENSAIS',
      parametros_execucao: { competencia: 'PROXIMA' },
    } as never,
  });
  // Criado aqui e disparado lá (aviso pelo Redis; a releitura de 2 s cobre um aviso perdido).
  await esperar(async () => (await disparosDe(criado.documentId)).length >= 4, 30_000);
  // Pausado aqui; as outras instâncias sabem pelo Redis e relêem o banco antes de cada disparo.
  await strapi
    .documents('api::agendamento.agendamento')
    .update({ documentId: criado.documentId, data: { status_ativo: false } as never });
  const pausadoEm = Date.now();
  await esperarMs(2500);
  const linhas = await disparosDe(criado.documentId);
  const instantes = linhas.map((d) => new Date(d.instante_programado).toISOString());
  expect(new Set(instantes).size).toBe(instantes.length);
  expect(linhas.length).toBeGreaterThanOrEqual(4);
  expect(linhas.every((d) => d.origem === 'PROGRAMADO' && d.status === 'SUCESSO')).toBe(true);
  const criados = linhas.map((d) => Number(/^(\d+) processo/.exec(d.resultado)![1]));
  expect(criados.reduce((a, b) => a + b, 0)).toBe(CNPJS_VALIDOS.length);
  expect(criados.filter((n) => n > 0)).toHaveLength(1);
  // Depois da pausa, nada mais dispara.
  const total = linhas.length;
  await esperarMs(2000);
  expect((await disparosDe(criado.documentId)).length).toBe(total);
  expect(instantes.every((i) => new Date(i).getTime() <= pausadoEm + 1000)).toBe(true);
});
