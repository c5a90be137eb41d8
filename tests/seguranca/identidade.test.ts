import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { encerrarStrapi, iniciarStrapi } from '../ajudantes/strapi';
import { criarLoginNoPainel, SENHA_PAINEL_TESTE } from '../ajudantes/autenticacao';
import { CNPJS_VALIDOS, criarOperadora, dadosCliente } from '../ajudantes/dados';
import { gerarPdfFatura } from '../ajudantes/pdf';
import { CAMPOS_FATURA, comCabecalho, enviarFatura, PAINEL, type Pessoa } from '../ajudantes/painel';
import { SmtpLocal } from '../ajudantes/smtp';
import { esperar } from '../ajudantes/worker';
import { abrirLink, decidirPeloLink, linkRecebido, variaveisDoLink } from '../notificacoes/ajudantes';
import { tipoPapelApi } from '../../src/regras/papeis';
import { gerarTokenDecisao, segredoDosLinks } from '../../src/notificacoes/link-decisao';

/**
 * Costuras de identidade (issue 27), tentadas de fora por cada porta: o papel de Super Admin em
 * outra forma do id, a mesma pessoa por dois logins (painel, API e o link), o papel que muda e o
 * link que não via, o administrador que troca senha, cria aprovador ou desvia notificações, e o
 * link de decisão (destino pessoal, prévia, sha256 da página, log de acesso e limite por IP).
 */
type Registro = Record<string, any>;

const smtp = new SmtpLocal();
let strapi: Core.Strapi;
let operadora: Registro;
let operador: Pessoa;
let administrador: { painel: Pessoa; email: string; id: number };
let segundoAdministrador: { painel: Pessoa; email: string; id: number };
let sequencia = 0;

const servidor = () => request(strapi.server.httpServer);
const processoDe = (id: string): Promise<Registro> =>
  strapi.db.query('api::processo.processo').findOne({ where: { documentId: id } });
const hashDe = async (id: string): Promise<string> => (await processoDe(id)).hash_fatura;
const aprovar = async (quem: Pessoa, processo: string) =>
  quem.post(`${PAINEL}/${processo}/aprovar`, { sha256_fatura: await hashDe(processo) });

const novoProcesso = async (): Promise<string> => {
  sequencia += 1;
  const cliente = await strapi.documents('api::cliente.cliente').create({
    data: dadosCliente(operadora.documentId, {
      cnpj: CNPJS_VALIDOS[sequencia % CNPJS_VALIDOS.length],
      nome_sat: `CLIENTE IDENTIDADE ${sequencia}`,
      razao_social: `EMPRESA IDENTIDADE ${sequencia} LTDA`,
      filtro: `id-${sequencia}`,
      unidade: `UNIDADE ${sequencia}`,
    }) as never,
  });
  const processo = await strapi
    .documents('api::processo.processo')
    .create({ data: { cliente: cliente.documentId, mes_ano: '2025-04' } as never });
  return processo.documentId;
};

const faturaDe = async (quem: Pessoa): Promise<string> => {
  const processo = await novoProcesso();
  await enviarFatura(quem, processo, await gerarPdfFatura()).expect(201);
  return processo;
};

/** Login do painel com papel do perfil e o cadastro `usuario` ligado a ele (tudo por chamada interna). */
const pessoaDoPainel = async (perfil: 'ADMINISTRADOR' | 'APROVADOR' | 'OPERADOR', extras: Registro = {}) => {
  const { email, jwt } = await criarLoginNoPainel(strapi, perfil);
  const admin = (await strapi.db.query('admin::user').findOne({ where: { email } })) as { id: number };
  await strapi.db.query('api::usuario.usuario').create({
    data: {
      nome_completo: `Pessoa ${perfil} ${admin.id}`,
      email,
      perfil_usuario: perfil,
      status_ativo: true,
      id_usuario_admin: admin.id,
      publishedAt: new Date(),
      ...extras,
    },
  });
  return { painel: comCabecalho(strapi, jwt), email, id: admin.id };
};

/** Integrador da API com o e-mail escolhido (a mesma pessoa de um login do painel). */
const integradorCom = async (email: string, perfil: 'OPERADOR' | 'APROVADOR') => {
  const papel = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: tipoPapelApi(perfil) } });
  const usuario = await strapi
    .plugin('users-permissions')
    .service('user')
    .add({
      username: `api-${email}`,
      email,
      password: SENHA_PAINEL_TESTE,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: papel.id,
    });
  const { jwt } = (
    await servidor()
      .post('/api/auth/local')
      .send({ identifier: `api-${email}`, password: SENHA_PAINEL_TESTE })
      .expect(200)
  ).body;
  return { jwt: jwt as string, id: usuario.id as number };
};

const uploadPelaApi = async (jwt: string): Promise<string> => {
  const processo = await novoProcesso();
  await servidor()
    .post(`/api/processos/${processo}/upload-manual`)
    .set('Authorization', `Bearer ${jwt}`)
    .field(CAMPOS_FATURA)
    .attach('fatura', await gerarPdfFatura(), { filename: 'fatura.pdf', contentType: 'application/pdf' })
    .expect(201);
  return processo;
};

const linkRecebidoPor = (email: string, processo: string) => linkRecebido(smtp, email, processo);
const abrir = (caminho: string) => abrirLink(strapi, caminho);
const decidir = (caminho: string, campos: Record<string, string>) => decidirPeloLink(strapi, caminho, campos);

const alteracoes = (identidade: string): Promise<Registro[]> =>
  strapi.db
    .query('api::auditoria.auditoria')
    .findMany({ where: { acao: 'pessoa.alteracao_sensivel', id_entidade: identidade } }) as Promise<
    Registro[]
  >;

beforeAll(async () => {
  await smtp.ligar();
  strapi = await iniciarStrapi(variaveisDoLink(smtp, 80));
  operadora = await criarOperadora(strapi, { nome: `OPERADORA IDENTIDADE ${process.pid}`, codigo: 'IDT' });
  operador = (await pessoaDoPainel('OPERADOR')).painel;
  administrador = await pessoaDoPainel('ADMINISTRADOR');
  segundoAdministrador = await pessoaDoPainel('ADMINISTRADOR');
});
afterAll(async () => {
  await encerrarStrapi();
  await smtp.desligar();
});

describe('papel de Super Admin só por outro Super Admin, em qualquer forma do id', () => {
  test('id com zero à esquerda, espaço, decimal ou sinal é recusado (400) e ninguém vira Super Admin', async () => {
    const superAdmin = (
      await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } })
    ).id as number;
    const eu = (await administrador.painel.get('/admin/users/me').expect(200)).body.data;
    const meus = eu.roles.map((r: Registro) => r.id);
    for (const forma of [
      `0${superAdmin}`,
      ` ${superAdmin}`,
      `${superAdmin}.0`,
      `+${superAdmin}`,
      `${superAdmin}e0`,
    ]) {
      const r = await administrador.painel.put(`/admin/users/${eu.id}`, { roles: [...meus, forma] });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toContain('Papéis inválidos');
      const criacao = await administrador.painel.post('/admin/users', {
        email: `super-${forma.trim()}-${process.pid}@teste.invalid`,
        firstname: 'Novo',
        lastname: 'Super',
        roles: [forma],
      });
      expect(criacao.status).toBe(400);
    }
    // Na forma canônica, a regra de sempre: só um Super Admin atribui.
    await administrador.painel
      .put(`/admin/users/${eu.id}`, { roles: [...meus, String(superAdmin)] })
      .expect(403);
    const depois = (await administrador.painel.get('/admin/users/me').expect(200)).body.data;
    expect(depois.roles.map((r: Registro) => r.code)).not.toContain('strapi-super-admin');
    expect(await strapi.db.query('admin::user').count({ where: { email: { $startsWith: 'super-' } } })).toBe(
      0
    );
  });
});

describe('uma pessoa, uma identidade, em todas as portas', () => {
  test('quem subiu pela API não aprova pelo painel nem pelo link com o mesmo e-mail (em outra caixa)', async () => {
    const pessoa = await pessoaDoPainel('APROVADOR');
    const integrador = await integradorCom(pessoa.email.toUpperCase(), 'OPERADOR');
    const processo = await uploadPelaApi(integrador.jwt);
    const pelaConta = await aprovar(pessoa.painel, processo);
    expect(pelaConta.status).toBe(403);
    expect(pelaConta.body.error.message).toContain(
      'quem fez o upload manual desta fatura não pode aprová-la'
    );
    const link = await linkRecebidoPor(pessoa.email, processo);
    const peloLink = await decidir(link, { acao: 'aprovar' });
    expect(peloLink.status).toBe(403);
    expect(peloLink.text).toContain('Regra dos quatro olhos');
    expect((await processoDe(processo)).status_processo).toBe('AGUARDANDO_APROVACAO');
    // Outra pessoa aprova normalmente: a regra não barra quem não é a mesma pessoa.
    const outra = await pessoaDoPainel('APROVADOR');
    expect((await aprovar(outra.painel, processo)).status).toBe(200);
  });

  test('logins de e-mails diferentes ligados ao mesmo cadastro `usuario` são a mesma pessoa', async () => {
    const pessoa = await pessoaDoPainel('APROVADOR');
    const integrador = await integradorCom(`outro-email-${process.pid}@teste.invalid`, 'OPERADOR');
    await strapi.db
      .query('api::usuario.usuario')
      .update({ where: { id_usuario_admin: pessoa.id }, data: { usuario_api: integrador.id } });
    const processo = await uploadPelaApi(integrador.jwt);
    expect((await aprovar(pessoa.painel, processo)).status).toBe(403);
  });
});

describe('o papel vale na hora', () => {
  test('quem deixou de ser aprovador não decide pelo link já recebido nem recebe links novos', async () => {
    const pessoa = await pessoaDoPainel('APROVADOR');
    const processo = await faturaDe(operador);
    const link = await linkRecebidoPor(pessoa.email, processo);
    const operadorId = (
      await strapi.db.query('admin::role').findOne({ where: { code: 'orquestrador-operador' } })
    ).id;
    await (strapi.service('admin::user') as any).updateById(pessoa.id, { roles: [operadorId] });
    const pagina = await abrir(link);
    expect(pagina.status).toBe(403);
    expect(pagina.text).toContain('que hoje não pode aprovar faturas');
    // A cópia gravada no cadastro ainda diz APROVADOR; o aviso segue o papel de hoje.
    const usuario = await strapi.db
      .query('api::usuario.usuario')
      .findOne({ where: { id_usuario_admin: pessoa.id } });
    expect(usuario.perfil_usuario).toBe('APROVADOR');
    const outro = await faturaDe(operador);
    expect(
      await strapi.db
        .query('api::notificacao.notificacao')
        .count({ where: { usuario: { id: usuario.id }, processo: { documentId: outro } } })
    ).toBe(0);
  });

  test('o serviço de aprovação confere o perfil ele mesmo (não só a rota)', async () => {
    const processo = await faturaDe(operador);
    const { email } = await criarLoginNoPainel(strapi, 'OPERADOR');
    const usuario = await strapi.db.query('admin::user').findOne({ where: { email }, populate: ['roles'] });
    const tentativa = strapi.requestContext.run(
      {
        state: { user: usuario, auth: { strategy: { name: 'admin' } } },
        request: { ip: '127.0.0.1', header: {} },
      } as never,
      () =>
        (strapi.service('api::processo.workflow') as any).aprovar(processo, { sha256_fatura: 'a'.repeat(64) })
    );
    await expect(tentativa).rejects.toThrow('A aprovação exige o perfil Aprovador ou Administrador');
  });

  test('cadastro `usuario` inativo não aprova por porta nenhuma', async () => {
    const pessoa = await pessoaDoPainel('APROVADOR');
    const processo = await faturaDe(operador);
    await strapi.db
      .query('api::usuario.usuario')
      .update({ where: { id_usuario_admin: pessoa.id }, data: { status_ativo: false } });
    const r = await aprovar(pessoa.painel, processo);
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain('o seu cadastro de usuário está inativo');
  });

  test('o login ligado ao cadastro com outro e-mail não decide pelo link daquele cadastro', async () => {
    const { email } = await criarLoginNoPainel(strapi, 'APROVADOR');
    const admin = await strapi.db.query('admin::user').findOne({ where: { email } });
    const desvio = `desvio-${process.pid}@teste.invalid`;
    await strapi.db.query('api::usuario.usuario').create({
      data: {
        nome_completo: 'Cadastro de outra pessoa',
        email: desvio,
        perfil_usuario: 'APROVADOR',
        status_ativo: true,
        id_usuario_admin: admin.id,
        publishedAt: new Date(),
      },
    });
    const processo = await faturaDe(operador);
    const mensagem = await esperar(
      async () => smtp.para(desvio).find((m) => m.text?.includes(processo)),
      30_000
    );
    expect(mensagem.text).not.toContain('/api/decisoes/');
    expect(mensagem.text).toContain('Para decidir, abra a análise no painel (com o seu login).');
  });
});

describe('administrador não derrota os quatro olhos (carência)', () => {
  test('aprovador criado por um administrador espera a carência ou a confirmação de um segundo', async () => {
    const aprovadorPapel = (
      await strapi.db.query('admin::role').findOne({ where: { code: 'orquestrador-aprovador' } })
    ).id;
    const email = `novo-aprovador-${process.pid}@teste.invalid`;
    const criado = await administrador.painel
      .post('/admin/users', { email, firstname: 'Novo', lastname: 'Aprovador', roles: [aprovadorPapel] })
      .expect(201);
    // Quem criou tem o token de cadastro: poderia escolher a senha e entrar como a pessoa nova.
    const cadastro = await servidor()
      .post('/admin/register')
      .send({
        registrationToken: criado.body.data.registrationToken,
        userInfo: { firstname: 'Novo', lastname: 'Aprovador', password: SENHA_PAINEL_TESTE },
      })
      .expect(200);
    const novo = comCabecalho(strapi, cadastro.body.data.token);
    const [alteracao] = await alteracoes(`PAINEL:${criado.body.data.id}`);
    expect(alteracao).toMatchObject({
      origem: 'PAINEL',
      usuario_id: String(administrador.id),
      depois: { tipos: ['CONTA_CRIADA'], pessoa: email },
    });
    // Avisos: a pessoa nova e o outro administrador (quem criou, não).
    await esperar(
      async () => smtp.para(email).find((m) => m.subject?.includes('Conta alterada por outra pessoa')),
      30_000
    );
    const aviso = await esperar(
      async () =>
        smtp
          .para(segundoAdministrador.email)
          .find((m) => m.text?.includes(email) && m.subject?.includes('Conta alterada')),
      30_000
    );
    expect(aviso.text).toContain('conta criada');
    expect(smtp.para(administrador.email).some((m) => m.text?.includes(email))).toBe(false);

    const processo = await faturaDe(operador);
    const recusa = await aprovar(novo, processo);
    expect(recusa.status).toBe(403);
    expect(recusa.body.error.message).toContain('Por segurança, sua conta ainda não aprova');
    const lista = (await segundoAdministrador.painel.get('/orquestrador-rpa/seguranca/carencias').expect(200))
      .body.data as Registro[];
    const item = lista.find((i) => i.pessoa === email)!;
    expect(item).toMatchObject({ tipos: ['CONTA_CRIADA'], alterado_por: administrador.email });
    const confirmar = (quem: Pessoa) =>
      quem.post(`/orquestrador-rpa/seguranca/carencias/${item.alteracao}/confirmar`);
    expect((await confirmar(administrador.painel)).body.error.message).toBe(
      'Quem fez a alteração não a confirma: peça a um segundo administrador.'
    );
    expect((await confirmar(novo)).status).toBe(403);
    expect((await aprovar(novo, processo)).status).toBe(403);
    await confirmar(segundoAdministrador.painel).expect(200);
    await confirmar(segundoAdministrador.painel).expect(409);
    expect((await aprovar(novo, processo)).status).toBe(200);
  });

  test('senha de um aprovador trocada pelo administrador: quem entra com ela não aprova (carência desligável)', async () => {
    const vitima = await pessoaDoPainel('APROVADOR');
    await administrador.painel.put(`/admin/users/${vitima.id}`, { password: 'Invasao#12345' }).expect(200);
    const jwt = (
      await servidor()
        .post('/admin/login')
        .send({ email: vitima.email, password: 'Invasao#12345' })
        .expect(200)
    ).body.data.token;
    const invasor = comCabecalho(strapi, jwt);
    const processo = await faturaDe(operador);
    expect((await aprovar(invasor, processo)).body.error.message).toContain('senha trocada por outra pessoa');
    expect((await alteracoes(`PAINEL:${vitima.id}`))[0].depois.tipos).toEqual(['SENHA_TROCADA']);
    strapi.config.set('orquestrador.quatroOlhos.carenciaHoras', 0);
    try {
      expect((await aprovar(invasor, processo)).status).toBe(200);
    } finally {
      strapi.config.set('orquestrador.quatroOlhos.carenciaHoras', 24);
    }
  });

  test('a própria pessoa trocando a senha não abre carência', async () => {
    const pessoa = await pessoaDoPainel('APROVADOR');
    await pessoa.painel
      .put('/admin/users/me', { currentPassword: SENHA_PAINEL_TESTE, password: 'MinhaNova#123' })
      .expect(200);
    expect(await alteracoes(`PAINEL:${pessoa.id}`)).toEqual([]);
    // A troca encerra as sessões: a pessoa entra de novo com a senha nova e aprova.
    const jwt = (
      await servidor()
        .post('/admin/login')
        .send({ email: pessoa.email, password: 'MinhaNova#123' })
        .expect(200)
    ).body.data.token;
    expect((await aprovar(comCabecalho(strapi, jwt), await faturaDe(operador))).status).toBe(200);
  });

  test('destino das notificações desviado pelo administrador: avisa o destino antigo e o link não sai', async () => {
    const vitima = await pessoaDoPainel('APROVADOR', { telefone: '(67) 99999-0001' });
    const usuario = await strapi.db
      .query('api::usuario.usuario')
      .findOne({ where: { id_usuario_admin: vitima.id } });
    await administrador.painel
      .put(`/content-manager/collection-types/api::usuario.usuario/${usuario.documentId}`, {
        email: `desviado-${process.pid}@teste.invalid`,
        telegram_chat_id: '555666777',
      })
      .expect(200);
    const [alteracao] = await alteracoes(`PAINEL:${vitima.id}`);
    expect(alteracao.depois.tipos).toEqual(['DESTINOS_ALTERADOS']);
    // O endereço antigo (o da própria pessoa) fica sabendo.
    await esperar(
      async () => smtp.para(vitima.email).find((m) => m.subject?.includes('Conta alterada por outra pessoa')),
      30_000
    );
    const processo = await faturaDe(operador);
    const mensagem = await esperar(
      async () => smtp.para(`desviado-${process.pid}@teste.invalid`).find((m) => m.text?.includes(processo)),
      30_000
    );
    expect(mensagem.text).not.toContain('/api/decisoes/');
    expect((await aprovar(vitima.painel, processo)).status).toBe(403);
  });
});

describe('contas de fachada e cadastros preparados', () => {
  const papel = async (codigo: string) =>
    (await strapi.db.query('admin::role').findOne({ where: { code: codigo } })).id as number;

  /** Conta criada por `quem` pelo admin do Strapi e cadastrada pelo link de cadastro (que quem criou tem). */
  const contaCriadaPor = async (quem: Pessoa, codigoPapel: string, nome: string) => {
    const email = `${nome}-${process.pid}@teste.invalid`;
    const criada = await quem
      .post('/admin/users', { email, firstname: 'Conta', lastname: nome, roles: [await papel(codigoPapel)] })
      .expect(201);
    const cadastro = await servidor()
      .post('/admin/register')
      .send({
        registrationToken: criada.body.data.registrationToken,
        userInfo: { firstname: 'Conta', lastname: nome, password: SENHA_PAINEL_TESTE },
      })
      .expect(200);
    return {
      painel: comCabecalho(strapi, cadastro.body.data.token),
      id: criada.body.data.id as number,
      email,
    };
  };

  test('o administrador não aprova o que trouxe por uma conta de Operador que ele mesmo criou', async () => {
    const fachada = await contaCriadaPor(administrador.painel, 'orquestrador-operador', 'fachada');
    expect((await alteracoes(`PAINEL:${fachada.id}`))[0].depois.tipos).toEqual(['CONTA_CRIADA']);
    const processo = await faturaDe(fachada.painel);
    const r = await aprovar(administrador.painel, processo);
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain('você criou ou alterou');
    expect((await aprovar(segundoAdministrador.painel, processo)).status).toBe(200);
  });

  test('só um Super Admin atribui o papel Administrador (quem criasse outros confirmaria sozinho)', async () => {
    const r = await administrador.painel.post('/admin/users', {
      email: `outro-admin-${process.pid}@teste.invalid`,
      firstname: 'Outro',
      lastname: 'Admin',
      roles: [await papel('orquestrador-administrador')],
    });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toBe('Só um Super Admin atribui o papel Administrador.');
    const operadorAlvo = await pessoaDoPainel('OPERADOR');
    await administrador.painel
      .put(`/admin/users/${operadorAlvo.id}`, { roles: [await papel('orquestrador-administrador')] })
      .expect(403);
  });

  test('administrador em carência não confirma a alteração de outra conta', async () => {
    const { email: emailSuper } = await criarLoginNoPainel(strapi, 'ADMINISTRADOR');
    const superAdmin = await strapi.db.query('admin::user').findOne({ where: { email: emailSuper } });
    await (strapi.service('admin::user') as any).updateById(superAdmin.id, {
      roles: [await papel('strapi-super-admin')],
    });
    const superPainel = comCabecalho(
      strapi,
      (
        await servidor()
          .post('/admin/login')
          .send({ email: emailSuper, password: SENHA_PAINEL_TESTE })
          .expect(200)
      ).body.data.token
    );
    // O Super Admin troca a senha de um administrador: ele entra em carência.
    const tocado = await pessoaDoPainel('ADMINISTRADOR');
    await superPainel.put(`/admin/users/${tocado.id}`, { password: 'Trocada#12345' }).expect(200);
    const tocadoPainel = comCabecalho(
      strapi,
      (
        await servidor()
          .post('/admin/login')
          .send({ email: tocado.email, password: 'Trocada#12345' })
          .expect(200)
      ).body.data.token
    );
    const vitima = await pessoaDoPainel('APROVADOR');
    await administrador.painel.put(`/admin/users/${vitima.id}`, { password: 'Outra#123456' }).expect(200);
    const [alteracao] = await alteracoes(`PAINEL:${vitima.id}`);
    const r = await tocadoPainel.post(
      `/orquestrador-rpa/seguranca/carencias/${alteracao.documentId}/confirmar`
    );
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain('Por segurança');
  });

  test('desfazer o vínculo entre os logins depois do upload não separa a pessoa (retrato gravado com a fatura)', async () => {
    const pessoa = await pessoaDoPainel('APROVADOR');
    const integrador = await integradorCom(`separado-${process.pid}@teste.invalid`, 'OPERADOR');
    await strapi.db
      .query('api::usuario.usuario')
      .update({ where: { id_usuario_admin: pessoa.id }, data: { usuario_api: integrador.id } });
    const processo = await uploadPelaApi(integrador.jwt);
    expect((await processoDe(processo)).identidades_solicitante).toEqual(
      [`API:${integrador.id}`, `PAINEL:${pessoa.id}`].sort()
    );
    await strapi.db
      .query('api::usuario.usuario')
      .update({ where: { id_usuario_admin: pessoa.id }, data: { usuario_api: null } });
    expect((await aprovar(pessoa.painel, processo)).status).toBe(403);
  });

  test('cadastro preparado por outra pessoa e adotado no primeiro acesso abre a carência', async () => {
    const { email, jwt } = await criarLoginNoPainel(strapi, 'APROVADOR');
    await administrador.painel
      .post('/content-manager/collection-types/api::usuario.usuario', {
        nome_completo: 'Preparado',
        email,
        perfil_usuario: 'APROVADOR',
        status_ativo: true,
        telefone: '(67) 98888-0002',
        canais_notificacao: ['WHATSAPP'],
      })
      .expect(201);
    const r = await aprovar(comCabecalho(strapi, jwt), await faturaDe(operador));
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain('destinos das notificações alterados');
    // O alerta vai ao e-mail mesmo com só o WhatsApp escolhido.
    await esperar(
      async () => smtp.para(email).find((m) => m.subject?.includes('Conta alterada por outra pessoa')),
      30_000
    );
  });
});

describe('link de decisão', () => {
  let aprovador: Awaited<ReturnType<typeof pessoaDoPainel>>;
  beforeAll(async () => {
    aprovador = await pessoaDoPainel('APROVADOR');
  });

  test('a página mostra a prévia do PDF pelo próprio link, só enquanto ele vale, e a decisão fica presa ao sha256', async () => {
    const processo = await faturaDe(operador);
    const link = await linkRecebidoPor(aprovador.email, processo);
    const pagina = await abrir(link).expect(200);
    expect(pagina.text).toContain(`<iframe src="${link}/fatura"`);
    expect(pagina.headers['content-security-policy']).toContain("frame-src 'self'");
    const pdf = await servidor()
      .get(`${link}/fatura`)
      .buffer(true)
      .parse((res, fim) => {
        const partes: Buffer[] = [];
        res.on('data', (p: Buffer) => partes.push(p));
        res.on('end', () => fim(null, Buffer.concat(partes)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^inline/);
    expect(
      createHash('sha256')
        .update(pdf.body as Buffer)
        .digest('hex')
    ).toBe(await hashDe(processo));
    const outraFatura = await servidor()
      .post(link)
      .type('form')
      .send({ acao: 'aprovar', sha256: 'b'.repeat(64) });
    expect(outraFatura.status).toBe(409);
    expect(outraFatura.text).toContain('A fatura mudou depois que esta página foi aberta');
    expect((await servidor().post(link).type('form').send({ acao: 'aprovar' })).status).toBe(409);
    expect((await processoDe(processo)).status_processo).toBe('AGUARDANDO_APROVACAO');
    expect((await decidir(link, { acao: 'aprovar' })).status).toBe(200);
    expect((await servidor().get(`${link}/fatura`)).status).toBe(409);
  });

  test('Slack só por webhook (sem o bot) não é destino pessoal, mesmo com id de usuário', async () => {
    const processo = await faturaDe(operador);
    await linkRecebidoPor(aprovador.email, processo);
    const linha = await strapi.db.query('api::notificacao.notificacao').findOne({
      where: { processo: { documentId: processo }, destinatario: aprovador.email },
    });
    await strapi.db
      .query('api::notificacao.notificacao')
      .update({ where: { id: linha.id }, data: { tipo_notificacao: 'SLACK', destinatario: 'U0123ABCD' } });
    const token = gerarTokenDecisao(
      { notificacao: linha.documentId, expiraEm: Math.floor(Date.now() / 1000) + 3600 },
      segredoDosLinks(strapi)
    );
    expect((await abrir(`/api/decisoes/${token}`)).status).toBe(403);
  });

  test('link de uma mensagem que foi a grupo ou canal não decide', async () => {
    const processo = await faturaDe(operador);
    await linkRecebidoPor(aprovador.email, processo);
    const linha = await strapi.db.query('api::notificacao.notificacao').findOne({
      where: { processo: { documentId: processo }, destinatario: aprovador.email },
    });
    await strapi.db.query('api::notificacao.notificacao').update({
      where: { id: linha.id },
      data: { tipo_notificacao: 'TELEGRAM', destinatario: '-1001234567890' },
    });
    const token = gerarTokenDecisao(
      { notificacao: linha.documentId, expiraEm: Math.floor(Date.now() / 1000) + 3600 },
      segredoDosLinks(strapi)
    );
    const r = await abrir(`/api/decisoes/${token}`);
    expect(r.status).toBe(403);
    expect(r.text).toContain('destino compartilhado');
  });

  test('o token do link nunca vai ao log de acesso', async () => {
    const processo = await faturaDe(operador);
    const link = await linkRecebidoPor(aprovador.email, processo);
    const linhas: string[] = [];
    const original = strapi.log.http.bind(strapi.log);
    strapi.log.http = ((mensagem: string) => {
      linhas.push(mensagem);
      return original(mensagem);
    }) as typeof strapi.log.http;
    try {
      await abrir(link).expect(200);
      await servidor().get(`${link}/fatura`).expect(200);
    } finally {
      strapi.log.http = original as typeof strapi.log.http;
    }
    const token = link.split('/').pop()!;
    expect(linhas.filter((l) => l.includes('/api/decisoes/'))).toHaveLength(2);
    expect(linhas.join('\n')).not.toContain(token.split('.')[1]);
    expect(linhas.join('\n')).toContain('GET /api/decisoes/•••••••• ');
  });

  // Por último: esgota a janela deste IP.
  test('limite de pedidos por IP nas rotas de decisão: 429 em português com Retry-After', async () => {
    let resposta: request.Response | null = null;
    for (let i = 0; i < 100 && resposta?.status !== 429; i += 1)
      resposta = await abrir('/api/decisoes/adivinhando');
    expect(resposta!.status).toBe(429);
    expect(Number(resposta!.headers['retry-after'])).toBeGreaterThan(0);
    expect(resposta!.body.error.message).toContain('Pedidos demais a links de decisão deste endereço');
  });
});
