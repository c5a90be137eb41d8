import path from 'path';
import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi } from '../ajudantes/strapi';
import { criarIntegrador, criarPessoaNoPainel } from '../ajudantes/autenticacao';
import { api, CNPJS_VALIDOS, CPF_VALIDO, criarOperadora, dadosCliente } from '../ajudantes/dados';
import { gerarPdfFatura } from '../ajudantes/pdf';
import { comCabecalho, enviarFatura, type Pessoa } from '../ajudantes/painel';

/**
 * Portas laterais do cadastro: `clone` do Content Manager, edição de relação pelo lado do pai,
 * URL de portal maliciosa, senha que não é texto, usuário do histórico apagado ou religado e dados
 * pessoais para quem não precisa deles. Cada tentativa é recusada com mensagem em português.
 */
type Registro = Record<string, any>;

let strapi: Core.Strapi;
let administrador: Pessoa;
let operadorPainel: Pessoa;
let integradorOperador: ReturnType<typeof api>;
let integradorAdmin: ReturnType<typeof api>;
let operadora: Registro;
let cliente: Registro;
let processo: Registro;

const CM = '/content-manager/collection-types';
const execucoesDe = (id: string): Promise<number> =>
  strapi.db.query('api::execucao.execucao').count({ where: { processo: { documentId: id } } });

beforeAll(async () => {
  strapi = await iniciarStrapi();
  administrador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'ADMINISTRADOR'));
  operadorPainel = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'OPERADOR'));
  integradorOperador = api(strapi, await criarIntegrador(strapi, 'OPERADOR'));
  integradorAdmin = api(strapi, await criarIntegrador(strapi, 'ADMINISTRADOR'));
  operadora = await criarOperadora(strapi, {
    nome: 'OPERADORA PORTAL',
    codigo: 'OPP',
    url_portal: 'https://portal.operadora.com.br/login',
    dominios_permitidos: '*.operadora.com.br',
  });
  cliente = await strapi.documents('api::cliente.cliente').create({
    data: dadosCliente(operadora.documentId, { cnpj: CNPJS_VALIDOS[0], cpf: CPF_VALIDO }) as never,
  });
  processo = await strapi
    .documents('api::processo.processo')
    .create({ data: { cliente: cliente.documentId, mes_ano: '2025-05' } as never });
  await enviarFatura(operadorPainel, processo.documentId, await gerarPdfFatura()).expect(201);
});
afterAll(encerrarStrapi);

describe('clone (Duplicar do Content Manager)', () => {
  test('processo não se duplica: nem com status forjado, nem levando as execuções do original', async () => {
    const r = await administrador
      .post(`${CM}/api::processo.processo/clone/${processo.documentId}`, {
        mes_ano: '2026-01',
        status_processo: 'FALHA_ENVIO_SAT',
      })
      .expect(403);
    expect(r.body.error.message).toContain('Processos não são duplicados');
    await administrador
      .post(`${CM}/api::processo.processo/auto-clone/${processo.documentId}`)
      .expect((res) => expect(res.status).toBeGreaterThanOrEqual(400));
    expect(
      await strapi.db.query('api::processo.processo').count({ where: { status_processo: 'FALHA_ENVIO_SAT' } })
    ).toBe(0);
    expect(await execucoesDe(processo.documentId)).toBe(1);
  });

  test('cliente duplicado passa pelas regras de criação e não leva os processos do original', async () => {
    const igual = await administrador
      .post(`${CM}/api::cliente.cliente/clone/${cliente.documentId}`, {})
      .expect(409);
    expect(igual.body.error.message).toContain('Cliente duplicado');
    const r = await administrador
      .post(`${CM}/api::cliente.cliente/clone/${cliente.documentId}`, {
        cnpj: CNPJS_VALIDOS[1],
        unidade: 'DOURADOS-MS',
      })
      .expect(200);
    const copia = await strapi.db
      .query('api::cliente.cliente')
      .findOne({ where: { documentId: r.body.data.documentId }, populate: ['processos'] });
    expect(copia).toMatchObject({
      cnpj: CNPJS_VALIDOS[1],
      unidade: 'DOURADOS-MS',
      nome_sat: cliente.nome_sat,
    });
    expect(copia.hash_unico).not.toBe(cliente.hash_unico);
    expect(copia.processos).toEqual([]);
    expect(
      await strapi.db
        .query('api::processo.processo')
        .count({ where: { cliente: { documentId: cliente.documentId } } })
    ).toBe(1);
    // A senha foi recifrada para o novo dono: o robô da cópia a lê.
    const { decifrarSenha } = require(path.join(__dirname, '..', '..', 'dist', 'src', 'regras', 'cofre.js'));
    expect(decifrarSenha(copia.senha_portal, copia.documentId)).toBe('Segredo#Portal1');
    expect(
      (await strapi.db.query('api::auditoria.auditoria').findOne({ where: { acao: 'cliente.duplicar' } }))
        .antes
    ).toEqual({ duplicado_de: cliente.documentId });
  });

  test('operadora duplicada não leva os clientes da original', async () => {
    const r = await administrador
      .post(`${CM}/api::operadora.operadora/clone/${operadora.documentId}`, {
        nome: 'OPERADORA COPIA',
        codigo: 'OPC',
      })
      .expect(200);
    const copia = await strapi.db
      .query('api::operadora.operadora')
      .findOne({ where: { documentId: r.body.data.documentId }, populate: ['clientes'] });
    expect(copia.clientes).toEqual([]);
    expect(
      await strapi.db
        .query('api::cliente.cliente')
        .count({ where: { operadora: { documentId: operadora.documentId } } })
    ).toBe(2);
  });
});

describe('relação editada pelo lado do pai', () => {
  test('integrador Operador não tira a execução do upload manual do processo (REST)', async () => {
    const execucao = await strapi.db
      .query('api::execucao.execucao')
      .findOne({ where: { processo: { documentId: processo.documentId } } });
    const r = await integradorOperador
      .put(`/api/processos/${processo.documentId}`, {
        data: { execucoes: { disconnect: [execucao.documentId] } },
      })
      .expect(400);
    expect(r.body.error.message).toContain('As execuções são o histórico do processo');
    await integradorOperador
      .put(`/api/processos/${processo.documentId}`, { data: { execucoes: { set: [] } } })
      .expect(400);
    expect(await execucoesDe(processo.documentId)).toBe(1);
  });

  test('GraphQL e Content Manager: a mesma recusa', async () => {
    const g = await integradorAdmin.graphql(
      'mutation($id: ID!) { updateProcesso(documentId: $id, data: { execucoes: [] }) { documentId } }',
      { id: processo.documentId }
    );
    expect(g.body.errors?.[0]?.message).toContain('As execuções são o histórico do processo');
    const execucao = await strapi.db
      .query('api::execucao.execucao')
      .findOne({ where: { processo: { documentId: processo.documentId } } });
    const cm = await administrador
      .put(`${CM}/api::processo.processo/${processo.documentId}`, {
        execucoes: { connect: [], disconnect: [{ id: execucao.id }] },
      })
      .expect(400);
    expect(cm.body.error.message).toContain('As execuções são o histórico do processo');
    // Sem mudança na relação (o que o CM manda ao salvar), a edição comum passa.
    await administrador
      .put(`${CM}/api::processo.processo/${processo.documentId}`, {
        observacoes: 'nota',
        execucoes: { connect: [], disconnect: [] },
      })
      .expect(200);
    expect(await execucoesDe(processo.documentId)).toBe(1);
  });

  test('cliente.processos e operadora.clientes também só mudam pelo lado certo', async () => {
    const r1 = await integradorOperador
      .put(`/api/clientes/${cliente.documentId}`, {
        data: { processos: { disconnect: [processo.documentId] } },
      })
      .expect(400);
    expect(r1.body.error.message).toContain('Os processos de um cliente nascem e mudam pelo workflow');
    const r2 = await integradorAdmin
      .put(`/api/operadoras/${operadora.documentId}`, {
        data: { clientes: { disconnect: [cliente.documentId] } },
      })
      .expect(400);
    expect(r2.body.error.message).toContain('O vínculo entre cliente e operadora se edita pelo cliente');
    const outra = await criarOperadora(strapi, {
      nome: 'OPERADORA INATIVA',
      codigo: 'INA',
      status_ativo: false,
    });
    await integradorAdmin
      .put(`/api/operadoras/${outra.documentId}`, { data: { clientes: { connect: [cliente.documentId] } } })
      .expect(400);
    expect(
      (
        await strapi.db
          .query('api::cliente.cliente')
          .findOne({ where: { documentId: cliente.documentId }, populate: ['operadora'] })
      ).operadora.documentId
    ).toBe(operadora.documentId);
  });
});

describe('URL do portal: o robô não vira ferramenta de ataque', () => {
  test.each([
    ['file:///etc/passwd', 'Só endereços https:// são aceitos'],
    ['data:text/html,<script>alert(1)</script>', 'Só endereços https:// são aceitos'],
    ['javascript:alert(1)', 'Só endereços https:// são aceitos'],
    ['chrome://settings', 'Só endereços https:// são aceitos'],
    ['http://169.254.169.254/latest/meta-data/', 'endereço interno'],
    ['https://169.254.169.254/latest/meta-data/', 'endereço interno'],
    ['https://10.0.0.5/portal', 'endereço interno'],
    ['https://[::ffff:127.0.0.1]/', 'endereço interno'],
    ['https://[::7f00:1]/', 'endereço interno'],
    ['https://[2002:a9fe:a9fe::]/latest/meta-data/', 'endereço interno'],
    ['https://usuario:senha@portal.operadora.com.br/', 'não pode trazer usuário ou senha'],
    ['https://pagina-do-atacante.com/login', 'não está entre os domínios permitidos'],
    ['https://operadora.com.br.atacante.com/login', 'não está entre os domínios permitidos'],
    ['isto não é url', 'não é uma URL'],
  ])('site_emissao %s → 400', async (url, trecho) => {
    const r = await integradorOperador
      .put(`/api/clientes/${cliente.documentId}`, { data: { site_emissao: url } })
      .expect(400);
    expect(r.body.error.message).toContain(trecho);
    expect(
      (await strapi.db.query('api::cliente.cliente').findOne({ where: { documentId: cliente.documentId } }))
        .site_emissao
    ).toBeNull();
  });

  test('https num domínio permitido e o e-mail de origem (fatura por e-mail) são aceitos', async () => {
    await integradorOperador
      .put(`/api/clientes/${cliente.documentId}`, {
        data: { site_emissao: 'https://faturas.operadora.com.br/entrar' },
      })
      .expect(200);
    await integradorOperador
      .put(`/api/clientes/${cliente.documentId}`, { data: { site_emissao: 'faturas@operadora.com.br' } })
      .expect(200);
    await integradorOperador
      .put(`/api/clientes/${cliente.documentId}`, { data: { site_emissao: null } })
      .expect(200);
  });

  test('a operadora só aceita URL https externa e domínios válidos', async () => {
    const r = await integradorAdmin
      .put(`/api/operadoras/${operadora.documentId}`, { data: { url_portal: 'http://192.168.0.1/admin' } })
      .expect(400);
    expect(r.body.error.message).toContain('URL do portal recusada');
    const d = await integradorAdmin
      .put(`/api/operadoras/${operadora.documentId}`, {
        data: { dominios_permitidos: 'bom.com.br, mal//formado' },
      })
      .expect(400);
    expect(d.body.error.message).toContain('Domínios inválidos: mal//formado');
  });

  test.each([
    'https://[::127.0.0.1]/',
    'https://[::FFFF:7F00:0001]/',
    'https://[64:ff9b::10.0.0.1]/',
    'https://[2002:0a00:0001::]/',
    'https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/',
  ])('url_portal da operadora com IPv4 interno dentro de um IPv6 (%s) → 400', async (url) => {
    const r = await integradorAdmin
      .put(`/api/operadoras/${operadora.documentId}`, { data: { url_portal: url } })
      .expect(400);
    expect(r.body.error.message).toContain('URL do portal recusada');
    expect(r.body.error.message).toContain('endereço interno');
    expect(
      (
        await strapi.db
          .query('api::operadora.operadora')
          .findOne({ where: { documentId: operadora.documentId } })
      ).url_portal
    ).toBe('https://portal.operadora.com.br/login');
  });

  test('banco adulterado por fora: o Strapi não entrega a URL ao robô (422 claro)', async () => {
    const { montarParametros } = require(
      path.join(__dirname, '..', '..', 'dist', 'src', 'workflow', 'parametros-robo.js')
    );
    const doBanco = await strapi.db
      .query('api::cliente.cliente')
      .findOne({ where: { documentId: cliente.documentId }, populate: ['operadora'] });
    const adulterado = {
      documentId: 'p',
      mes_ano: '2025-05',
      cliente: { ...doBanco, site_emissao: 'https://atacante.com/' },
    };
    expect(() => montarParametros(adulterado, 'DOWNLOAD_FATURA')).toThrow(
      'URL do portal recusada para o robô: O host atacante.com não está entre os domínios permitidos'
    );
  });
});

describe('senha de portal', () => {
  test.each([[12345], [{ $ne: null }], [['a', 'b']], [true]])(
    'senha que não é texto (%j) → 400, nada gravado em claro',
    async (senha) => {
      const antes = (
        await strapi.db.query('api::cliente.cliente').findOne({ where: { documentId: cliente.documentId } })
      ).senha_portal;
      const r = await integradorOperador
        .put(`/api/clientes/${cliente.documentId}`, { data: { senha_portal: senha } })
        .expect(400);
      expect(r.body.error.message).toContain('A senha do portal deve ser texto.');
      expect(
        (await strapi.db.query('api::cliente.cliente').findOne({ where: { documentId: cliente.documentId } }))
          .senha_portal
      ).toBe(antes);
    }
  );

  test('texto cifrado copiado para outro cliente não decifra: o robô recebe 422, nunca a senha de outro', async () => {
    const dono = await strapi.db
      .query('api::cliente.cliente')
      .findOne({ where: { documentId: cliente.documentId } });
    const outro = await strapi.documents('api::cliente.cliente').create({
      data: dadosCliente(operadora.documentId, {
        cnpj: CNPJS_VALIDOS[2],
        nome_sat: 'OUTRO CLIENTE',
        senha_portal: 'OutraSenha#1',
      }) as never,
    });
    await strapi.db
      .query('api::cliente.cliente')
      .update({ where: { documentId: outro.documentId }, data: { senha_portal: dono.senha_portal } });
    const { montarParametros } = require(
      path.join(__dirname, '..', '..', 'dist', 'src', 'workflow', 'parametros-robo.js')
    );
    const linha = await strapi.db
      .query('api::cliente.cliente')
      .findOne({ where: { documentId: outro.documentId }, populate: ['operadora'] });
    expect(() =>
      montarParametros({ documentId: 'p', mes_ano: '2025-05', cliente: linha }, 'DOWNLOAD_FATURA')
    ).toThrow('A senha do portal deste cliente não pôde ser decifrada');
  });
});

describe('usuários do histórico', () => {
  test('quem fez um upload não é apagado nem religado a outro login', async () => {
    const execucao = await strapi.db.query('api::execucao.execucao').findOne({
      where: { processo: { documentId: processo.documentId } },
      populate: ['executado_por_usuario'],
    });
    const usuario = execucao.executado_por_usuario;
    const r = await integradorAdmin.del(`/api/usuarios/${usuario.documentId}`).expect(409);
    expect(r.body.error.message).toContain('não pode ser excluído; inative-o');
    const e = await integradorAdmin
      .put(`/api/usuarios/${usuario.documentId}`, { data: { email: 'outra.pessoa@teste.invalid' } })
      .expect(400);
    expect(e.body.error.message).toContain('o e-mail não muda');
    await integradorAdmin
      .put(`/api/usuarios/${usuario.documentId}`, { data: { id_usuario_admin: 999 } })
      .expect(400);
    await integradorAdmin
      .put(`/api/usuarios/${usuario.documentId}`, {
        data: { status_ativo: false, telefone: '5567999990009' },
      })
      .expect(200);
  });
});

describe('dados pessoais só para quem precisa', () => {
  test('Operador não vê CPF, e-mail e telefone de usuários nem o IP da auditoria; Administrador vê', async () => {
    const doOperador = await integradorOperador.get(`/api/clientes/${cliente.documentId}`).expect(200);
    expect(doOperador.body.data.cpf).toBe('••••••••');
    const usuarios = await integradorOperador.get('/api/usuarios').expect(200);
    expect(usuarios.body.data.length).toBeGreaterThan(0);
    for (const u of usuarios.body.data)
      expect([u.email, u.telefone ?? null]).toEqual(['••••••••', u.telefone ? '••••••••' : null]);
    const auditoria = await integradorOperador.get('/api/auditorias?pagination[pageSize]=100').expect(200);
    const comIp = auditoria.body.data.filter((a: Registro) => a.ip_origem);
    expect(comIp.length).toBeGreaterThan(0);
    for (const a of comIp) expect(a.ip_origem).toBe('••••••••');
    expect(JSON.stringify(auditoria.body)).not.toContain(CPF_VALIDO);
    const pelaRelacao = await integradorOperador
      .get(`/api/processos/${processo.documentId}?populate=cliente`)
      .expect(200);
    expect(pelaRelacao.body.data.cliente.cpf).toBe('••••••••');
    const doAdmin = await integradorAdmin.get(`/api/clientes/${cliente.documentId}`).expect(200);
    expect(doAdmin.body.data.cpf).toBe(CPF_VALIDO);
  });

  test('o Operador salva o cliente no Content Manager sem apagar o CPF escondido', async () => {
    const url = `${CM}/api::cliente.cliente/${cliente.documentId}`;
    const lido = await operadorPainel.get(url).expect(200);
    expect(lido.body.data.cpf).toBe('••••••••');
    // O formulário do CM reenvia todos os campos, com as relações como ligações vazias.
    const campos = Object.fromEntries(
      Object.entries(lido.body.data).filter(([, v]) => v === null || typeof v !== 'object')
    );
    const semMudanca = { connect: [], disconnect: [] };
    await operadorPainel
      .put(url, { ...campos, operadora: semMudanca, processos: semMudanca, filtro: 'filtro-novo' })
      .expect(200);
    expect(
      (await strapi.db.query('api::cliente.cliente').findOne({ where: { documentId: cliente.documentId } }))
        .cpf
    ).toBe(CPF_VALIDO);
  });
});

describe('cliente com processos não se exclui (desativar, sim), por nenhuma porta', () => {
  const RECUSA = 'EMPRESA TESTE tem 1 processo(s) e não pode ser excluído; desative-o (status_ativo=false)';
  const existe = async (documentId: string) =>
    (await strapi.db.query('api::cliente.cliente').count({ where: { documentId } })) === 1;

  test('REST, GraphQL, Content Manager (unitário e em lote) e Document Service: 409 e nada apagado', async () => {
    const id = cliente.documentId;
    const rest = await integradorAdmin.del(`/api/clientes/${id}`).expect(409);
    expect(rest.body.error.message).toContain(RECUSA);
    const g = await integradorAdmin
      .graphql('mutation($id: ID!) { deleteCliente(documentId: $id) { documentId } }', { id })
      .expect(200);
    expect(g.body.errors[0].message).toContain(RECUSA);
    const cm = await administrador.del(`${CM}/api::cliente.cliente/${id}`).expect(409);
    expect(cm.body.error.message).toContain(RECUSA);
    const semProcesso = await strapi.documents('api::cliente.cliente').create({
      data: dadosCliente(operadora.documentId, {
        cnpj: CNPJS_VALIDOS[3],
        nome_sat: 'CLIENTE SEM PROCESSO',
      }) as never,
    });
    const lote = await administrador
      .post(`${CM}/api::cliente.cliente/actions/bulkDelete`, { documentIds: [semProcesso.documentId, id] })
      .expect(409);
    expect(lote.body.error.message).toContain(RECUSA);
    // O lote é uma transação só: o cliente sem processos também fica.
    expect(await existe(semProcesso.documentId)).toBe(true);
    await expect(strapi.documents('api::cliente.cliente').delete({ documentId: id })).rejects.toThrow(RECUSA);
    expect(await existe(id)).toBe(true);
    expect(
      await strapi.db.query('api::processo.processo').count({ where: { cliente: { documentId: id } } })
    ).toBe(1);

    await integradorAdmin.put(`/api/clientes/${id}`, { data: { status_ativo: false } }).expect(200);
    await integradorAdmin.put(`/api/clientes/${id}`, { data: { status_ativo: true } }).expect(200);
    await administrador
      .post(`${CM}/api::cliente.cliente/actions/bulkDelete`, { documentIds: [semProcesso.documentId] })
      .expect(200);
    expect(await existe(semProcesso.documentId)).toBe(false);
  });
});
