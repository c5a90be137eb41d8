import path from 'path';
import type { Core } from '@strapi/strapi';
import { OPERADORAS_HOMOLOGADAS } from '@orquestrador-rpa/contrato';
import { encerrarStrapi, iniciarStrapi } from './ajudantes/strapi';
import { criarTokenApi } from './ajudantes/autenticacao';
import { api, criarOperadora, dadosCliente, CNPJS_VALIDOS } from './ajudantes/dados';
import { decifrar, idDaChave } from '../src/regras/cifra';
import { CHAVE_TESTE } from './ajudantes/strapi';

let strapi: Core.Strapi;
let rest: ReturnType<typeof api>;
let embratel: { documentId: string };
let inativa: { documentId: string };

const contarClientes = () => strapi.db.query('api::cliente.cliente').count({});
const auditoriasDe = (id: string) =>
  strapi.db
    .query('api::auditoria.auditoria')
    .findMany({ where: { id_entidade: id }, orderBy: { id: 'asc' } }) as Promise<Array<Record<string, any>>>;

beforeAll(async () => {
  strapi = await iniciarStrapi();
  rest = api(strapi, await criarTokenApi(strapi));
  embratel = await criarOperadora(strapi, { nome: 'EMBRATEL', codigo: 'emb', possui_rpa: true });
  inativa = await criarOperadora(strapi, { nome: 'OPERADORA PARADA', codigo: 'PAR', status_ativo: false });
});
afterAll(encerrarStrapi);

describe('operadora', () => {
  test('código normalizado em maiúsculas', async () => {
    const criada = await strapi.db
      .query('api::operadora.operadora')
      .findOne({ where: { documentId: embratel.documentId } });
    expect(criada.codigo).toBe('EMB');
  });

  test('nome duplicado, sem diferenciar maiúsculas → 409 dizendo qual existe', async () => {
    const r = await rest.post('/api/operadoras', { data: { nome: 'Embratel', codigo: 'EMX' } }).expect(409);
    expect(r.body.error.message).toBe('Já existe a operadora EMBRATEL (código EMB) com este nome.');
  });

  test('código inválido e nome ausente → 400 em português', async () => {
    const r = await rest.post('/api/operadoras', { data: { codigo: 'x y' } }).expect(400);
    expect(r.body.error.message).toContain('O campo nome é obrigatório.');
    expect(r.body.error.message).toContain('O código deve ter de 2 a 20 letras');
  });
});

describe('"possui RPA" só para operadora com robô (a lista única do contrato)', () => {
  const SEM_ROBO = (codigo: string) =>
    `A operadora ${codigo} não tem robô homologado: "possui RPA" vale só para ${OPERADORAS_HOMOLOGADAS.join(', ')}; as demais recebem a fatura por upload manual.`;

  test('criar ou marcar depois, por REST, GraphQL ou Document Service: 400 e nada gravado', async () => {
    const r = await rest
      .post('/api/operadoras', { data: { nome: 'VIVO', codigo: 'VIV', possui_rpa: true } })
      .expect(400);
    expect(r.body.error.message).toContain(SEM_ROBO('VIV'));
    const net = await criarOperadora(strapi, { nome: 'NET', codigo: 'NET' });
    await rest.put(`/api/operadoras/${net.documentId}`, { data: { possui_rpa: true } }).expect(400);
    const g = await rest.graphql(
      'mutation($id: ID!) { updateOperadora(documentId: $id, data: { possui_rpa: true }) { codigo } }',
      { id: net.documentId }
    );
    expect(g.body.errors?.[0]?.message).toContain(SEM_ROBO('NET'));
    await expect(
      strapi.documents('api::operadora.operadora').update({
        documentId: net.documentId,
        data: { possui_rpa: true } as never,
      })
    ).rejects.toThrow(SEM_ROBO('NET'));
    // Trocar o código de uma operadora com robô para um sem robô também é recusado.
    await rest.put(`/api/operadoras/${embratel.documentId}`, { data: { codigo: 'EMX' } }).expect(400);
    expect(await strapi.db.query('api::operadora.operadora').count({ where: { codigo: 'VIV' } })).toBe(0);
    expect(
      (await strapi.db.query('api::operadora.operadora').findOne({ where: { documentId: net.documentId } }))
        .possui_rpa
    ).toBe(false);
    expect(
      (
        await strapi.db
          .query('api::operadora.operadora')
          .findOne({ where: { documentId: embratel.documentId } })
      ).codigo
    ).toBe('EMB');
  });

  test('marcada por fora (banco): dita na subida e sem download', async () => {
    const porFora = await strapi.db.query('api::operadora.operadora').create({
      data: {
        nome: 'GRAVADA POR FORA',
        codigo: 'XYZ',
        possui_rpa: true,
        status_ativo: true,
        publishedAt: new Date(),
      },
    });
    const { conferirRobosDasOperadoras } = require(
      path.join(__dirname, '..', 'dist', 'src', 'regras', 'operadora.js')
    ) as { conferirRobosDasOperadoras: (s: Core.Strapi) => Promise<string[]> };
    expect(await conferirRobosDasOperadoras(strapi)).toEqual(['XYZ']);
    const cliente = await strapi.documents('api::cliente.cliente').create({
      data: dadosCliente(porFora.documentId, {
        cnpj: CNPJS_VALIDOS[0],
        nome_sat: 'POR FORA',
        filtro: 'por-fora',
      }) as never,
    });
    const processo = await strapi
      .documents('api::processo.processo')
      .create({ data: { cliente: cliente.documentId, mes_ano: '2025-05' } as never });
    const r = await rest.post(`/api/processos/${processo.documentId}/executar-download`).expect(409);
    expect(r.body.error.message).toBe(SEM_ROBO('XYZ'));
    expect(
      await strapi.db
        .query('api::execucao.execucao')
        .count({ where: { processo: { documentId: processo.documentId } } })
    ).toBe(0);
    await strapi.db
      .query('api::operadora.operadora')
      .update({ where: { id: porFora.id }, data: { possui_rpa: false } });
    expect(await conferirRobosDasOperadoras(strapi)).toEqual([]);
  });
});

describe('cliente pela API REST', () => {
  let criado: Record<string, any>;

  test('cria com hash do legado calculada pelo servidor, CNPJ só com dígitos e sem devolver a senha', async () => {
    const r = await rest
      .post('/api/clientes', { data: { ...dadosCliente(embratel.documentId), hash_unico: 'forjada' } })
      .expect(201);
    criado = r.body.data;
    expect(criado.hash_unico).toBe('3d976b5032b9495a');
    expect(criado.cnpj).toBe('11222333000181');
    expect(criado.cnpj_formatado).toBe('11.222.333/0001-81');
    expect(JSON.stringify(r.body)).not.toContain('Segredo#Portal1');
    expect(criado).not.toHaveProperty('senha_portal');
    expect(criado).not.toHaveProperty('chave_unicidade');
  });

  test('a senha fica cifrada (AES-256-GCM) no banco', async () => {
    const linha = await strapi.db
      .query('api::cliente.cliente')
      .findOne({ where: { documentId: criado.documentId } });
    const chave = Buffer.from(CHAVE_TESTE, 'base64');
    expect(linha.senha_portal.startsWith(`v2:${idDaChave(chave)}:`)).toBe(true);
    const chaveiro = { atual: { id: idDaChave(chave), chave }, todas: new Map([[idDaChave(chave), chave]]) };
    expect(decifrar(linha.senha_portal, chaveiro, `cliente:${criado.documentId}`)).toBe('Segredo#Portal1');
  });

  test('senha não aparece em listagem nem em populate a partir da operadora', async () => {
    const lista = await rest.get('/api/clientes').expect(200);
    const pela = await rest.get(`/api/operadoras/${embratel.documentId}?populate=clientes`).expect(200);
    for (const corpo of [lista.body, pela.body]) {
      expect(JSON.stringify(corpo)).not.toContain('senha_portal');
      expect(JSON.stringify(corpo)).not.toMatch(/v[12]:/);
    }
  });

  test('duplicado pela hash → 409 dizendo qual cliente existe, nada gravado', async () => {
    const antes = await contarClientes();
    const r = await rest
      .post('/api/clientes', { data: dadosCliente(embratel.documentId, { cnpj: CNPJS_VALIDOS[1] }) })
      .expect(409);
    expect(r.body.error.message).toContain('Cliente duplicado: já existe o cliente "EMPRESA TESTE"');
    expect(r.body.error.details.cliente_existente.documentId).toBe(criado.documentId);
    expect(await contarClientes()).toBe(antes);
  });

  test('duplicado por CNPJ + operadora + unidade + serviço → 409', async () => {
    const r = await rest
      .post('/api/clientes', {
        data: dadosCliente(embratel.documentId, { nome_sat: 'OUTRO NOME', dados_sat: 'Outro' }),
      })
      .expect(409);
    expect(r.body.error.message).toContain('CNPJ 11222333000181');
  });

  test('CNPJ alfanumérico (julho de 2026) é aceito e guardado sem pontuação, em maiúsculas', async () => {
    const r = await rest
      .post('/api/clientes', {
        data: dadosCliente(embratel.documentId, { cnpj: '12.abc.345/01de-35', nome_sat: 'CNPJ NOVO' }),
      })
      .expect(201);
    expect(r.body.data.cnpj).toBe('12ABC34501DE35');
    await rest
      .post('/api/clientes', {
        data: dadosCliente(embratel.documentId, { cnpj: '12.ABC.345/01DE-36', nome_sat: 'CNPJ NOVO RUIM' }),
      })
      .expect(400);
  });

  test.each([
    [{ cnpj: '11.222.333/0001-82' }, 'CNPJ inválido: 11222333000182.'],
    [{ cpf: '123.456.789-00' }, 'CPF inválido: 12345678900.'],
    [{ razao_social: '  ' }, 'O campo razão social é obrigatório.'],
    [{ unidade: undefined }, 'O campo unidade é obrigatório.'],
    [{ operadora: undefined }, 'O cliente precisa estar vinculado a uma operadora.'],
  ])('entrada ruim %j → 400 "%s" e nada gravado', async (extras, mensagem) => {
    const antes = await contarClientes();
    const r = await rest
      .post('/api/clientes', {
        data: dadosCliente(embratel.documentId, { cnpj: CNPJS_VALIDOS[2], nome_sat: 'RUIM', ...extras }),
      })
      .expect(400);
    expect(r.body.error.message).toContain(mensagem);
    expect(await contarClientes()).toBe(antes);
  });

  test('operadora inativa → 400, ao criar e ao trocar', async () => {
    const r = await rest
      .post('/api/clientes', { data: dadosCliente(inativa.documentId, { cnpj: CNPJS_VALIDOS[3] }) })
      .expect(400);
    expect(r.body.error.message).toBe(
      'A operadora OPERADORA PARADA está inativa: clientes só podem ser vinculados a operadoras ativas.'
    );
    await rest
      .put(`/api/clientes/${criado.documentId}`, { data: { operadora: inativa.documentId } })
      .expect(400);
  });

  test('mudar campo-chave recalcula a hash, mantém o processo ligado e audita antiga → nova', async () => {
    const processo = await rest
      .post('/api/processos', { data: { cliente: criado.documentId, mes_ano: '2025-03' } })
      .expect(201);
    const r = await rest
      .put(`/api/clientes/${criado.documentId}`, { data: { filtro: '99999999999-0000' } })
      .expect(200);
    expect(r.body.data.hash_unico).not.toBe('3d976b5032b9495a');
    const ligado = await rest
      .get(`/api/processos/${processo.body.data.documentId}?populate=cliente`)
      .expect(200);
    expect(ligado.body.data.cliente.hash_unico).toBe(r.body.data.hash_unico);
    const trilha = await auditoriasDe(criado.documentId);
    const recalculo = trilha.find((a) => a.acao === 'cliente.hash_recalculada');
    expect(recalculo?.antes).toEqual({ hash_unico: '3d976b5032b9495a' });
    expect(recalculo?.depois).toEqual({ hash_unico: r.body.data.hash_unico });
    expect(recalculo?.origem).toBe('TOKEN_API');
    expect(JSON.stringify(trilha)).not.toContain('Segredo#Portal1');
  });

  test('renomear a operadora recalcula a hash dos seus clientes', async () => {
    const vivo = await criarOperadora(strapi, { nome: 'VIVO ANTIGA', codigo: 'VIV' });
    const c = await rest
      .post('/api/clientes', {
        data: {
          razao_social: 'Empresa Teste',
          nome_sat: 'EMPRESA TESTE',
          cnpj: CNPJS_VALIDOS[4],
          operadora: vivo.documentId,
          servico: 'Fixo',
          unidade: 'X',
        },
      })
      .expect(201);
    await rest.put(`/api/operadoras/${vivo.documentId}`, { data: { nome: 'VIVO' } }).expect(200);
    const depois = await strapi.db
      .query('api::cliente.cliente')
      .findOne({ where: { documentId: c.body.data.documentId } });
    const { calcularHashCliente } = await import('../src/regras/hash-cliente');
    expect(depois.hash_unico).toBe(
      calcularHashCliente({
        nome_sat: 'EMPRESA TESTE',
        operadora_nome: 'VIVO',
        servico: 'Fixo',
        unidade: 'X',
      })
    );
  });

  test('operadora com clientes não pode ser excluída (409); inativar não apaga nada', async () => {
    const r = await rest.del(`/api/operadoras/${embratel.documentId}`).expect(409);
    expect(r.body.error.message).toMatch(/tem \d+ cliente\(s\) e não pode ser excluída/);
    const antes = await contarClientes();
    await rest.put(`/api/operadoras/${embratel.documentId}`, { data: { status_ativo: false } }).expect(200);
    expect(await contarClientes()).toBe(antes);
    await rest.put(`/api/operadoras/${embratel.documentId}`, { data: { status_ativo: true } }).expect(200);
  });
});

describe('processo', () => {
  test('mes_ano inválido → 400; duplicado para o mesmo cliente e mês → 409', async () => {
    const cliente = (await rest.get('/api/clientes').expect(200)).body.data[0];
    for (const mes of ['2025-13', '25-03', '2025/03', '']) {
      const r = await rest
        .post('/api/processos', { data: { cliente: cliente.documentId, mes_ano: mes } })
        .expect(400);
      expect(r.body.error.message).toContain('Competência inválida');
    }
    await rest
      .post('/api/processos', { data: { cliente: cliente.documentId, mes_ano: '2025-04' } })
      .expect(201);
    const r = await rest
      .post('/api/processos', { data: { cliente: cliente.documentId, mes_ano: '2025-04' } })
      .expect(409);
    expect(r.body.error.message).toContain('Já existe um processo deste cliente para 2025-04');
  });
});

describe('mesmas regras no GraphQL e no serviço interno', () => {
  test('GraphQL: CNPJ inválido recusado com a mesma mensagem; senha não existe no esquema', async () => {
    const mutacao = `mutation($data: ClienteInput!) { createCliente(data: $data) { documentId hash_unico } }`;
    const r = await rest
      .graphql(mutacao, {
        data: dadosCliente(embratel.documentId, { cnpj: '00.000.000/0000-00', nome_sat: 'GQL' }),
      })
      .expect(200);
    expect(r.body.errors[0].message).toContain('CNPJ inválido');
    const ok = await rest
      .graphql(mutacao, {
        data: dadosCliente(embratel.documentId, { cnpj: CNPJS_VALIDOS[3], nome_sat: 'GQL OK' }),
      })
      .expect(200);
    expect(ok.body.data.createCliente.hash_unico).toHaveLength(16);
    const dup = await rest
      .graphql(mutacao, {
        data: dadosCliente(embratel.documentId, { cnpj: CNPJS_VALIDOS[3], nome_sat: 'GQL OK' }),
      })
      .expect(200);
    expect(dup.body.errors[0].extensions.code).toBe('STRAPI_CONFLICT_ERROR');
    const consulta = await rest.graphql('{ clientes { documentId senha_portal } }').expect(400);
    expect(consulta.body.errors[0].message).toContain('Cannot query field "senha_portal"');
  });

  test('serviço interno (Document Service) aplica as regras', async () => {
    await expect(
      strapi.documents('api::cliente.cliente').create({
        data: dadosCliente(inativa.documentId, { cnpj: CNPJS_VALIDOS[4], nome_sat: 'INTERNO' }) as never,
      })
    ).rejects.toThrow('está inativa');
  });
});

describe('auditoria somente-anexação', () => {
  test('sem rotas de escrita na API e escrita bloqueada no Document Service', async () => {
    await rest.post('/api/auditorias', { data: { acao: 'x' } }).expect(405);
    const [registro] = (await rest.get('/api/auditorias').expect(200)).body.data;
    expect(registro.acao).toBeTruthy();
    await expect(
      strapi
        .documents('api::auditoria.auditoria')
        .update({ documentId: registro.documentId, data: { acao: 'adulterada' } as never })
    ).rejects.toThrow('somente-anexação');
  });
});
