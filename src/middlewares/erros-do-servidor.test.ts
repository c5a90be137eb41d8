import { errors } from '@strapi/utils';
import createHttpError from 'http-errors';
import fabrica, {
  MENSAGEM_ERRO_INTERNO,
  MENSAGEM_INDISPONIVEL,
  servicoIndisponivel,
} from './erros-do-servidor';

const comCodigo = (code: string) => Object.assign(new Error('falhou'), { code });

test.each([
  ['conexão recusada', true, comCodigo('ECONNREFUSED')],
  ['PostgreSQL desligando (57P01)', true, comCodigo('57P01')],
  ['PostgreSQL: falha de conexão (classe 08)', true, comCodigo('08006')],
  ['SQLite ocupado', true, comCodigo('SQLITE_BUSY')],
  [
    'pool esgotado',
    true,
    Object.assign(new Error('Knex: Timeout acquiring a connection'), { name: 'KnexTimeoutError' }),
  ],
  ['conexão derrubada no meio da consulta', true, new Error('select 1 - Connection terminated unexpectedly')],
  ['violação de unicidade', false, comCodigo('23505')],
  ['erro qualquer', false, new Error('undefined is not a function')],
  ['não é objeto', false, 'texto'],
])('%s → indisponível? %s', (_nome, esperado, erro) => {
  expect(servicoIndisponivel(erro)).toBe(esperado);
});

describe('middleware', () => {
  const log = { warn: jest.fn(), error: jest.fn() };
  const middleware = fabrica({}, { strapi: { log } as never });
  const ctx = () => ({ method: 'POST', path: '/x', set: jest.fn() });
  const falhar = (erro: unknown) => () => Promise.reject(erro);

  test('banco fora do ar: 503 em português com Retry-After', async () => {
    const c = ctx();
    const erro = await middleware(c as never, falhar(comCodigo('ECONNREFUSED'))).catch((e) => e);
    expect([erro.status, erro.message]).toEqual([503, MENSAGEM_INDISPONIVEL]);
    expect(c.set).toHaveBeenCalledWith('Retry-After', '5');
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('POST /x'));
  });

  test('erro inesperado: 500 em português, detalhe só no log', async () => {
    const original = new Error('SELECT segredo FROM tabela');
    const erro = await middleware(ctx() as never, falhar(original)).catch((e) => e);
    expect([erro.status, erro.message]).toEqual([500, MENSAGEM_ERRO_INTERNO]);
    expect(log.error).toHaveBeenCalledWith(original);
  });

  test('erros da aplicação e HTTP passam como estão', async () => {
    for (const original of [new errors.ValidationError('campo'), createHttpError(409, 'já aprovada')])
      expect(await middleware(ctx() as never, falhar(original)).catch((e) => e)).toBe(original);
  });
});
