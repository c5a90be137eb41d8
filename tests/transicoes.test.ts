import path from 'path';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi } from './ajudantes/strapi';
import { criarOperadora, dadosCliente } from './ajudantes/dados';
import { destinoEsperado, todosOsPares } from './oraculos/transicoes';

/** Toda transição permitida e toda proibida, executadas contra o PostgreSQL real. */

type Registro = Record<string, any>;
const DIST = path.join(__dirname, '..', 'dist', 'src', 'workflow');
const { transicionar } = require(path.join(DIST, 'transicao.js'));
const { eventosWorkflow } = require(path.join(DIST, 'eventos.js'));

let strapi: Core.Strapi;
let processo: Registro;

const forcarStatus = (status: string) =>
  strapi.db
    .connection('processos')
    .where({ document_id: processo.documentId })
    .update({ status_processo: status });
const statusAtual = async (): Promise<string> =>
  (await strapi.db.query('api::processo.processo').findOne({ where: { documentId: processo.documentId } }))
    .status_processo;
const auditorias = (): Promise<Registro[]> =>
  strapi.db
    .query('api::auditoria.auditoria')
    .findMany({ where: { id_entidade: processo.documentId }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  strapi = await iniciarStrapi();
  const operadora = await criarOperadora(strapi, { nome: 'OPERADORA TRANSICOES', codigo: 'TRN' });
  const cliente = await strapi
    .documents('api::cliente.cliente')
    .create({ data: dadosCliente(operadora.documentId) as never });
  processo = await strapi
    .documents('api::processo.processo')
    .create({ data: { cliente: cliente.documentId, mes_ano: '2025-05' } as never });
});
afterAll(encerrarStrapi);

describe('todas as transições contra o banco', () => {
  test.each(todosOsPares())('de %s, ação %s', async (estado, acao) => {
    await forcarStatus(estado);
    const antes = (await auditorias()).length;
    const emitidos: Registro[] = [];
    const cancelar = eventosWorkflow.assinar('processo.transicao', (evento: Registro) =>
      emitidos.push(evento)
    );
    const destino = destinoEsperado(estado, acao);
    try {
      if (destino) {
        const resultado = await transicionar(strapi, {
          documentId: processo.documentId,
          acao,
          motivo: `teste ${acao}`,
        });
        expect(resultado).toMatchObject({ documentId: processo.documentId, de: estado, para: destino });
        expect(await statusAtual()).toBe(destino);
        const nova = (await auditorias()).slice(antes);
        expect(nova).toHaveLength(1);
        expect(nova[0]).toMatchObject({
          acao: `processo.${acao}`,
          antes: { status_processo: estado },
          depois: { status_processo: destino, motivo: `teste ${acao}` },
        });
        expect(emitidos).toEqual([
          expect.objectContaining({ processo: processo.documentId, acao, de: estado, para: destino }),
        ]);
      } else {
        await expect(transicionar(strapi, { documentId: processo.documentId, acao })).rejects.toMatchObject({
          status: 409,
          message: expect.stringContaining(`não permitida: o processo está em ${estado}`),
        });
        expect(await statusAtual()).toBe(estado);
        expect(await auditorias()).toHaveLength(antes);
        expect(emitidos).toEqual([]);
      }
    } finally {
      cancelar();
    }
  });

  test('processo inexistente → NotFoundError (404)', async () => {
    await expect(transicionar(strapi, { documentId: 'nao-existe', acao: 'aprovar' })).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'Processo nao-existe não encontrado.',
    });
  });

  test('compare-and-set: status mudado entre a leitura e a escrita → 409 e nada gravado', async () => {
    await forcarStatus('AGUARDANDO_APROVACAO');
    const antes = (await auditorias()).length;
    // Dez aprovações simultâneas: exatamente uma vence.
    const resultados = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        transicionar(strapi, { documentId: processo.documentId, acao: 'aprovar' })
      )
    );
    expect(resultados.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const recusas = resultados.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(recusas).toHaveLength(9);
    for (const recusa of recusas) expect(recusa.reason.status).toBe(409);
    expect(await statusAtual()).toBe('APROVADA');
    expect((await auditorias()).slice(antes).map((a) => a.acao)).toEqual(['processo.aprovar']);
  });
});
