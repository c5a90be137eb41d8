import type { Core } from '@strapi/strapi';
import { clienteDoBanco, encerrarStrapi, iniciarStrapi, pararStrapi } from './ajudantes/strapi';
import { criarIntegrador, criarPessoaNoPainel, criarTokenApi } from './ajudantes/autenticacao';
import { api, criarOperadora, dadosCliente } from './ajudantes/dados';

let strapi: Core.Strapi;
let operadora: { documentId: string };

const CM = '/content-manager/collection-types';

beforeAll(async () => {
  strapi = await iniciarStrapi();
  operadora = await criarOperadora(strapi, { nome: 'OI', codigo: 'OI' });
});
afterAll(encerrarStrapi);

describe('matriz RBAC na API de conteúdo (integradores)', () => {
  test('anônimo não lê nem escreve', async () => {
    const anonimo = api(strapi, '');
    await anonimo.bruto().get('/api/clientes').expect(403);
    await anonimo
      .bruto()
      .post('/api/operadoras')
      .send({ data: { nome: 'X', codigo: 'XX' } })
      .expect(403);
  });

  test('Operador: mantém clientes, não gerencia operadoras nem usuários', async () => {
    const operador = api(strapi, await criarIntegrador(strapi, 'OPERADOR'));
    await operador.get('/api/operadoras').expect(200);
    await operador.post('/api/operadoras', { data: { nome: 'NOVA', codigo: 'NOV' } }).expect(403);
    await operador
      .post('/api/usuarios', {
        data: { nome_completo: 'X', email: 'x@teste.invalid', perfil_usuario: 'ADMINISTRADOR' },
      })
      .expect(403);
    await operador.post('/api/clientes', { data: dadosCliente(operadora.documentId) }).expect(201);
  });

  test('Aprovador: lê, mas não edita cadastros', async () => {
    const aprovador = api(strapi, await criarIntegrador(strapi, 'APROVADOR'));
    await aprovador.get('/api/clientes').expect(200);
    await aprovador
      .post('/api/clientes', { data: dadosCliente(operadora.documentId, { nome_sat: 'OUTRO' }) })
      .expect(403);
    await aprovador.post('/api/operadoras', { data: { nome: 'NOVA', codigo: 'NOV' } }).expect(403);
  });

  test('Administrador: gerencia operadoras e usuários', async () => {
    const administrador = api(strapi, await criarIntegrador(strapi, 'ADMINISTRADOR'));
    await administrador.post('/api/operadoras', { data: { nome: 'NET', codigo: 'NET' } }).expect(201);
    await administrador
      .post('/api/usuarios', {
        data: { nome_completo: 'Ana', email: 'ana@teste.invalid', perfil_usuario: 'APROVADOR' },
      })
      .expect(201);
  });
});

describe('matriz RBAC no painel (Content Manager)', () => {
  test('Operador não cria operadora; Aprovador não edita cliente; Administrador cria cliente com as mesmas regras', async () => {
    const operador = api(strapi, await criarPessoaNoPainel(strapi, 'OPERADOR'));
    await operador.post(`${CM}/api::operadora.operadora`, { nome: 'PAINEL', codigo: 'PNL' }).expect(403);
    await operador
      .post(`${CM}/api::usuario.usuario`, {
        nome_completo: 'X',
        email: 'y@teste.invalid',
        perfil_usuario: 'OPERADOR',
      })
      .expect(403);

    const aprovador = api(strapi, await criarPessoaNoPainel(strapi, 'APROVADOR'));
    await aprovador.get(`${CM}/api::cliente.cliente`).expect(200);
    await aprovador
      .post(`${CM}/api::cliente.cliente`, dadosCliente(operadora.documentId, { nome_sat: 'PELO PAINEL' }))
      .expect(403);

    const administrador = api(strapi, await criarPessoaNoPainel(strapi, 'ADMINISTRADOR'));
    const inativa = await criarOperadora(strapi, { nome: 'INATIVA', codigo: 'INA', status_ativo: false });
    const recusado = await administrador
      .post(`${CM}/api::cliente.cliente`, dadosCliente(inativa.documentId, { nome_sat: 'PELO PAINEL' }))
      .expect(400);
    expect(recusado.body.error.message).toContain('está inativa');
    const criado = await administrador
      .post(`${CM}/api::cliente.cliente`, {
        ...dadosCliente(operadora.documentId, { nome_sat: 'PELO PAINEL', cnpj: '45997418000153' }),
        operadora: { connect: [{ documentId: operadora.documentId }] },
      })
      .expect(201);
    expect(criado.body.data.hash_unico).toHaveLength(16);
    expect(criado.body.data.senha_portal).toBe('••••••••');
    const lido = await administrador
      .get(`${CM}/api::cliente.cliente/${criado.body.data.documentId}`)
      .expect(200);
    expect(lido.body.data.senha_portal).toBe('••••••••');
    await administrador
      .put(`${CM}/api::cliente.cliente/${criado.body.data.documentId}`, {
        ...lido.body.data,
        senha_portal: '••••••••',
        razao_social: 'Renomeada',
      })
      .expect(200);
    const linha = await strapi.db
      .query('api::cliente.cliente')
      .findOne({ where: { documentId: criado.body.data.documentId } });
    expect(linha.senha_portal).toMatch(/^v2:[0-9a-f]{8}:/);
    const trilha = await strapi.db
      .query('api::auditoria.auditoria')
      .findMany({ where: { id_entidade: criado.body.data.documentId } });
    expect(trilha.map((a: { origem: string }) => a.origem)).toContain('PAINEL');
  });
});

describe('índices únicos no banco', () => {
  const indicesDoBanco = async (tabela: string): Promise<string[]> => {
    if (clienteDoBanco() === 'postgres') {
      const r = await strapi.db.connection.raw(`select indexname from pg_indexes where tablename = ?`, [
        tabela,
      ]);
      return r.rows.map((l: { indexname: string }) => l.indexname);
    }
    const r = await strapi.db.connection.raw(
      `select name from sqlite_master where type = 'index' and tbl_name = ?`,
      [tabela]
    );
    return r.map((l: { name: string }) => l.name);
  };

  test('existem, sobrevivem a um reinício (sincronização do schema) e recusam duplicados direto no banco', async () => {
    const esperados: Array<[string, string]> = [
      ['clientes', 'clientes_hash_unico'],
      ['clientes', 'clientes_chave_unicidade_unica'],
      ['processos', 'processos_chave_processo_unica'],
      ['processos', 'processos_status_mes_ano'],
      // Conciliação e séries filtram só pela competência; os prazos, pelo vencimento.
      ['processos', 'processos_mes_ano'],
      ['processos', 'processos_data_vencimento'],
      ['mensagens_email', 'mensagens_email_id_unico'],
      ['operadoras', 'operadoras_nome_unico'],
      ['operadoras', 'operadoras_codigo_unico'],
      ['execucoes', 'execucoes_data_inicio'],
      // Escala (docs/desempenho.md): a lista de execuções ordena pela criação; o dashboard conta
      // as execuções do mês pelo índice (id, status) sem ler a tabela; a regra dos quatro olhos
      // procura a alteração de portal pela entidade e a ação.
      ['execucoes', 'execucoes_created_at'],
      ['execucoes', 'execucoes_id_status'],
      // A saúde por operadora lê as execuções terminadas dos últimos 30 dias só pelo índice.
      ['execucoes', 'execucoes_tipo_fim'],
      ['auditorias', 'auditorias_id_entidade_acao'],
    ];
    for (const [tabela, indice] of esperados) expect(await indicesDoBanco(tabela)).toContain(indice);
    await pararStrapi();
    strapi = await iniciarStrapi();
    for (const [tabela, indice] of esperados) expect(await indicesDoBanco(tabela)).toContain(indice);
    const agora = new Date();
    const linha = {
      document_id: 'abc',
      nome: 'OI',
      codigo: 'OI2',
      possui_rpa: false,
      status_ativo: true,
      created_at: agora,
      updated_at: agora,
    };
    await expect(strapi.db.connection('operadoras').insert(linha)).rejects.toThrow(/unique|duplicate/i);
  });

  test('o servidor continua de pé com a mesma chave e os papéis não duplicam', async () => {
    const papeis = await strapi.db
      .query('admin::role')
      .findMany({ where: { code: { $startsWith: 'orquestrador-' } } });
    expect(papeis).toHaveLength(3);
    await api(strapi, await criarTokenApi(strapi))
      .get('/api/clientes')
      .expect(200);
  });
});

describe('conexões do PostgreSQL', () => {
  test('cada conexão do pool sobe com o JIT desligado (config/database.ts)', async () => {
    if (clienteDoBanco() !== 'postgres') return;
    // Várias ao mesmo tempo: o pool abre mais de uma conexão, e todas precisam do parâmetro.
    const respostas = await Promise.all(
      Array.from({ length: 4 }, () =>
        strapi.db.connection.transaction(
          async (trx: { raw: (sql: string) => Promise<{ rows: Array<{ jit: string }> }> }) => {
            const r = await trx.raw('show jit');
            await trx.raw('select pg_sleep(0.05)');
            return r.rows[0]?.jit;
          }
        )
      )
    );
    expect(respostas).toEqual(['off', 'off', 'off', 'off']);
  });
});

describe('rótulos dos campos no Content Manager', () => {
  const CONFIGURACAO = '/content-manager/content-types/api::cliente.cliente/configuration';

  test('em português pelo painel; o que a pessoa mudar não é sobrescrito na subida seguinte', async () => {
    const admin = api(strapi, await criarPessoaNoPainel(strapi, 'ADMINISTRADOR'));
    const lida = (await admin.get(CONFIGURACAO).expect(200)).body.data.contentType;
    expect(lida.metadatas.razao_social.edit.label).toBe('Razão social');
    expect(lida.metadatas.nome_sat.list.label).toBe('Nome SAT');
    const servico = strapi.plugin('content-manager').service('content-types');
    const atual = await servico.findConfiguration({ uid: 'api::cliente.cliente' });
    atual.metadatas.nome_sat.edit.label = 'Nome no sistema SAT';
    await servico.updateConfiguration({ uid: 'api::cliente.cliente' }, atual);
    const { aplicarRotulosDosCampos } = require('../dist/src/conteudo/rotulos-dos-campos.js');
    expect(await aplicarRotulosDosCampos(strapi)).toBe(0);
    const depois = await servico.findConfiguration({ uid: 'api::cliente.cliente' });
    expect(depois.metadatas.nome_sat.edit.label).toBe('Nome no sistema SAT');
  });
});
