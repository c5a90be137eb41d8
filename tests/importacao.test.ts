import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi } from './ajudantes/strapi';
import { criarPessoaNoPainel, criarTokenApi } from './ajudantes/autenticacao';
import { api, criarOperadora } from './ajudantes/dados';

let strapi: Core.Strapi;
let rest: ReturnType<typeof api>;

/** Cabeçalho literal da planilha do legado (com os espaços finais). */
const CABECALHO_LEGADO = [
  'HASH',
  'RAZÃO SOCIAL',
  'NOME SAT',
  'CNPJ',
  'OPERADORA',
  'FILTRO',
  'SERVIÇO',
  'DADOS SAT',
  'UNIDADE / FILTRO SAT',
  'CATEGORIAS / FILTRO SAT',
  'SITE PARA EMISSÃO ',
  'LOGIN ',
  'SENHA',
  'CPF',
  'OBS',
  'STATUS',
  'PATCHDOWNLOAD',
  'ATUALIZA/CRIA',
];

const linha = (valores: Partial<Record<string, string>>): string[] =>
  CABECALHO_LEGADO.map((c) => valores[c.trim()] ?? '');

const csv = (linhas: string[][], separador = ','): string =>
  [CABECALHO_LEGADO, ...linhas]
    .map((l) =>
      l
        .map((v) => (v.includes(separador) || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v))
        .join(separador)
    )
    .join('\r\n');

const importar = (conteudo: string | Buffer, simular = false) =>
  rest
    .bruto()
    .post(`/api/clientes/importar${simular ? '?simular=true' : ''}`)
    .set('Authorization', (rest as any).token)
    .attach('arquivo', Buffer.isBuffer(conteudo) ? conteudo : Buffer.from(conteudo, 'utf8'), 'clientes.csv');

const contar = () => strapi.db.query('api::cliente.cliente').count({});

const EMBRATEL_1 = {
  'RAZÃO SOCIAL': 'Empresa Teste Ltda',
  'NOME SAT': 'EMPRESA TESTE',
  CNPJ: '11.222.333/0001-81',
  OPERADORA: 'Embratel',
  FILTRO: '12345678901-2345_10',
  SERVIÇO: 'Link Dedicado',
  'DADOS SAT': 'Link Dedicado',
  'UNIDADE / FILTRO SAT': 'CAMPO GRANDE-MS',
  'SITE PARA EMISSÃO': 'https://portal.exemplo.invalid',
  LOGIN: 'login.teste',
  SENHA: 'Inventada#1',
  'ATUALIZA/CRIA': 'SIM',
};
const OI_1 = {
  'RAZÃO SOCIAL': 'Comércio São João',
  'NOME SAT': 'SÃO JOÃO',
  CNPJ: '45997418000153',
  OPERADORA: 'oi',
  SERVIÇO: '67 3333-4444',
  'DADOS SAT': 'Fixo',
  'UNIDADE / FILTRO SAT': 'DOURADOS-MS',
  CPF: '529.982.247-25',
};

beforeAll(async () => {
  // O limite por pessoa tem teste próprio (abaixo); aqui, muitas importações seguidas do mesmo token.
  strapi = await iniciarStrapi({ IMPORTACAO_LIMITE_POR_MINUTO: '1000' });
  const token = await criarTokenApi(strapi);
  rest = Object.assign(api(strapi, token), { token: `Bearer ${token}` });
  await criarOperadora(strapi, {
    nome: 'EMBRATEL',
    codigo: 'EMB',
    url_portal: 'https://portal.exemplo.invalid/login',
  });
  await criarOperadora(strapi, { nome: 'OI', codigo: 'OI' });
});
afterAll(encerrarStrapi);

test('simulação valida e relata sem gravar', async () => {
  const r = await importar(csv([linha(EMBRATEL_1), linha(OI_1)]), true).expect(200);
  expect(r.body.data).toEqual({ simulacao: true, criados: 2, atualizados: 0, inalterados: 0, erros: [] });
  expect(await contar()).toBe(0);
});

test('cabeçalho do legado, operadora sem diferenciar maiúsculas, hash do legado', async () => {
  const r = await importar(csv([linha(EMBRATEL_1), linha(OI_1)])).expect(200);
  expect(r.body.data).toMatchObject({ simulacao: false, criados: 2, atualizados: 0, inalterados: 0 });
  const embratel = await strapi.db
    .query('api::cliente.cliente')
    .findOne({ where: { nome_sat: 'EMPRESA TESTE' } });
  expect(embratel.hash_unico).toBe('3d976b5032b9495a');
  expect(embratel.senha_portal).toMatch(/^v2:[0-9a-f]{8}:/);
  expect(embratel.site_emissao).toBe('https://portal.exemplo.invalid');
});

test('em lote, a mesma trilha do cadastro: criação e "portal alterado" de cada cliente, ligados à operadora', async () => {
  const embratel = await strapi.db
    .query('api::cliente.cliente')
    .findOne({ where: { nome_sat: 'EMPRESA TESTE' }, populate: { operadora: { select: ['codigo'] } } });
  expect(embratel.operadora.codigo).toBe('EMB');
  const trilha = (await strapi.db.query('api::auditoria.auditoria').findMany({
    where: { id_entidade: embratel.documentId },
    orderBy: { id: 'asc' },
  })) as Array<Record<string, any>>;
  expect(trilha.map((a) => a.acao)).toEqual(['cliente.criar', 'cliente.portal_alterado']);
  expect(trilha[0].depois).toMatchObject({ nome_sat: 'EMPRESA TESTE', senha_portal: '[protegida]' });
  expect(JSON.stringify(trilha)).not.toContain('Inventada#1');
  expect(trilha[1].depois.campos).toEqual(
    expect.arrayContaining(['site_emissao', 'login_portal', 'senha_portal', 'filtro', 'servico'])
  );
  // A lista de clientes da operadora no Content Manager continua em ordem (posição de cada um).
  const ligacoes = await strapi.db.connection('clientes_operadora_lnk').whereNotNull('cliente_ord');
  expect(ligacoes.length).toBeGreaterThanOrEqual(2);
});

test('linha repetida no arquivo, hash de outro cliente ou texto longo demais: erro da linha em português', async () => {
  const antes = await contar();
  const nova = { ...EMBRATEL_1, 'NOME SAT': 'NOVA UNICA', CNPJ: '33000167000101' };
  const r = await importar(
    csv([
      linha(nova),
      linha({ ...nova, 'RAZÃO SOCIAL': 'Outra razão' }),
      linha({ ...OI_1, CNPJ: '11444777000161' }),
      linha({ ...nova, 'NOME SAT': 'LONGA', CNPJ: '60701190000104', 'RAZÃO SOCIAL': 'x'.repeat(300) }),
    ])
  ).expect(400);
  expect(r.body.error.details.erros).toEqual([
    {
      linha: 3,
      coluna: '—',
      mensagem: 'Repete o cliente da linha 2 (mesma hash ou mesmos CNPJ, operadora, unidade e serviço).',
    },
    {
      linha: 4,
      coluna: '—',
      mensagem: expect.stringMatching(/^Cliente duplicado: já existe o cliente "SÃO JOÃO"/),
    },
    {
      linha: 5,
      coluna: 'RAZÃO SOCIAL',
      mensagem: 'O campo razao_social tem 300 caracteres; o máximo é 255.',
    },
  ]);
  expect(await contar()).toBe(antes);
});

test('duas importações simultâneas da mesma planilha nova: nada duplica, a que perde a corrida recebe 409', async () => {
  const antes = await contar();
  const planilha = csv(
    ['60746948000112', '61198164000160', '33592510000154'].map((cnpj, i) =>
      linha({ ...EMBRATEL_1, 'NOME SAT': `CORRIDA ${i}`, CNPJ: cnpj })
    )
  );
  const respostas = await Promise.all([importar(planilha), importar(planilha)]);
  for (const r of respostas) {
    expect([200, 409]).toContain(r.status);
    if (r.status === 409)
      expect(r.body.error.message).toBe(
        'Outro cadastro gravou um destes clientes durante a importação; nada foi gravado. Importe de novo.'
      );
  }
  expect(respostas.map((r) => r.body.data?.criados ?? 0).reduce((a, b) => a + b)).toBe(3);
  expect(await contar()).toBe(antes + 3);
});

test('a corrida perdida sempre é 409: outra importação grava os mesmos clientes logo depois desta ler o banco', async () => {
  const antes = await contar();
  const planilha = csv(
    ['73915284000110', '26140857000109'].map((cnpj, i) =>
      linha({ ...EMBRATEL_1, 'NOME SAT': `CORRIDA FIXA ${i}`, CNPJ: cnpj })
    )
  );
  const servico = strapi.service('api::cliente.importacao') as unknown as {
    buscarExistentes: (...a: unknown[]) => Promise<unknown>;
    importar: (bytes: Buffer) => Promise<unknown>;
  };
  const original = servico.buscarExistentes.bind(servico);
  const espiao = jest.spyOn(servico, 'buscarExistentes').mockImplementationOnce(async (...args) => {
    const lidos = await original(...args); // esta leu: nenhum dos dois existe ainda
    await servico.importar(Buffer.from(planilha, 'utf8')); // a outra grava os mesmos dois
    return lidos;
  });
  try {
    const r = await importar(planilha).expect(409);
    expect(r.body.error.message).toBe(
      'Outro cadastro gravou um destes clientes durante a importação; nada foi gravado. Importe de novo.'
    );
  } finally {
    espiao.mockRestore();
  }
  expect(await contar()).toBe(antes + 2);
});

test('reimportar a mesma planilha (sem HASH): casa pela chave de unicidade; sem senha, inalterada; nada duplica', async () => {
  const antes = await contar();
  // EMBRATEL_1 traz a SENHA: sempre uma atualização (gravada de novo), nunca comparada com a atual.
  const simulada = await importar(csv([linha(EMBRATEL_1), linha(OI_1)]), true).expect(200);
  expect(simulada.body.data).toEqual({
    simulacao: true,
    criados: 0,
    atualizados: 1,
    inalterados: 1,
    erros: [],
  });
  const semSenha = await importar(csv([linha({ ...EMBRATEL_1, SENHA: '' }), linha(OI_1)])).expect(200);
  expect(semSenha.body.data).toMatchObject({ criados: 0, atualizados: 0, inalterados: 2 });
  expect(await contar()).toBe(antes);
});

test('a prévia e a importação não revelam se a senha informada é a atual: mesma resposta, senha regravada', async () => {
  const cliente = () =>
    strapi.db.query('api::cliente.cliente').findOne({ where: { nome_sat: 'EMPRESA TESTE' } });
  const comSenha = (senha: string, simular: boolean) =>
    importar(csv([linha({ ...EMBRATEL_1, SENHA: senha }), linha(OI_1)]), simular).expect(200);
  const certa = await comSenha('Inventada#1', true);
  const errada = await comSenha('Chute#123', true);
  expect(certa.body).toEqual(errada.body);
  const antes = (await cliente()).senha_portal;
  const gravadaCerta = await comSenha('Inventada#1', false);
  expect(gravadaCerta.body.data).toEqual({ ...certa.body.data, simulacao: false });
  // A mesma senha foi cifrada de novo (outro IV): gravada, não comparada.
  const depois = (await cliente()).senha_portal;
  expect(depois).toMatch(/^v2:/);
  expect(depois).not.toBe(antes);
});

test('linha com HASH existente atualiza (e recalcula a hash); sem HASH e com mudança, atualiza pela chave', async () => {
  const antes = await contar();
  const r = await importar(
    csv([
      linha({ ...EMBRATEL_1, HASH: '3d976b5032b9495a', FILTRO: '12345678901-2345' }),
      linha({ ...OI_1, 'DADOS SAT': 'Fixo comercial' }),
    ])
  ).expect(200);
  expect(r.body.data).toMatchObject({ criados: 0, atualizados: 2, inalterados: 0 });
  expect(await contar()).toBe(antes);
  const embratel = await strapi.db
    .query('api::cliente.cliente')
    .findOne({ where: { nome_sat: 'EMPRESA TESTE' } });
  expect(embratel.hash_unico).not.toBe('3d976b5032b9495a');
  expect(embratel.filtro).toBe('12345678901-2345');
  const oi = await strapi.db.query('api::cliente.cliente').findOne({ where: { nome_sat: 'SÃO JOÃO' } });
  const ok = await importar(
    csv([
      linha({ ...EMBRATEL_1, HASH: embratel.hash_unico, FILTRO: '12345678901-2345', SENHA: '' }),
      linha({ ...OI_1, HASH: oi.hash_unico, 'DADOS SAT': 'Fixo comercial' }),
    ])
  ).expect(200);
  expect(ok.body.data).toMatchObject({ criados: 0, atualizados: 0, inalterados: 2 });
});

test('separador ";" e Latin-1 (Excel pt-BR)', async () => {
  const conteudo = csv(
    [
      linha({
        ...OI_1,
        'NOME SAT': 'AÇOUGUE PÃO',
        CNPJ: '04252011000110',
        'RAZÃO SOCIAL': 'Açougue Pão Ltda',
      }),
    ],
    ';'
  );
  const r = await importar(Buffer.from(conteudo, 'latin1')).expect(200);
  expect(r.body.data.criados).toBe(1);
  const criado = await strapi.db.query('api::cliente.cliente').findOne({ where: { cnpj: '04252011000110' } });
  expect(criado.razao_social).toBe('Açougue Pão Ltda');
});

test('UTF-8 com BOM e o CSV no formato exportado pelo sistema', async () => {
  const texto =
    '\uFEFFrazao_social;nome_sat;cnpj;operadora;unidade;servico\r\nEmpresa BOM;BOM SAT;60701190000104;EMBRATEL;CUIABÁ-MT;Fixo\r\n';
  const r = await importar(texto).expect(200);
  expect(r.body.data.criados).toBe(1);
});

test('tudo ou nada: qualquer linha ruim recusa o arquivo com erros por linha e coluna', async () => {
  const antes = await contar();
  const r = await importar(
    csv([
      linha({ ...EMBRATEL_1, 'NOME SAT': 'NOVA VÁLIDA', CNPJ: '33000167000101' }),
      linha({ ...EMBRATEL_1, 'NOME SAT': 'CNPJ RUIM', CNPJ: '11.111.111/1111-11' }),
      linha({ ...EMBRATEL_1, 'NOME SAT': 'SEM OPERADORA', OPERADORA: 'CLARO' }),
    ])
  ).expect(400);
  expect(r.body.error.message).toBe('Importação recusada: 2 erro(s); nenhuma linha foi gravada.');
  expect(r.body.error.details.erros).toEqual([
    { linha: 3, coluna: 'CNPJ', mensagem: 'CNPJ inválido: 11111111111111.' },
    { linha: 4, coluna: 'OPERADORA', mensagem: 'Operadora não cadastrada: "CLARO".' },
  ]);
  expect(await contar()).toBe(antes);
});

test('coluna obrigatória ausente e linha quebrada', async () => {
  const semCnpj = 'RAZÃO SOCIAL,NOME SAT,OPERADORA,UNIDADE / FILTRO SAT\nA,B,OI,X\n';
  const r1 = await importar(semCnpj).expect(400);
  expect(r1.body.error.details.erros).toEqual([
    { linha: 1, coluna: 'cnpj', mensagem: 'Coluna obrigatória ausente: cnpj.' },
  ]);
  const quebrada = csv([linha(OI_1)]) + '\r\nsó,três,colunas';
  const r2 = await importar(quebrada).expect(400);
  expect(r2.body.error.details.erros[0]).toEqual({
    linha: 3,
    coluna: '—',
    mensagem: 'Linha com 3 colunas; o cabeçalho tem 18.',
  });
  await rest
    .bruto()
    .post('/api/clientes/importar')
    .set('Authorization', (rest as any).token)
    .expect(400);
});

test('planilha com linhas demais ou grande demais: recusada antes de importar, nada gravado', async () => {
  const antes = await contar();
  strapi.config.set('orquestrador.limites.importacaoLinhas', 1);
  try {
    const r = await importar(csv([linha(EMBRATEL_1), linha(OI_1)])).expect(400);
    expect(r.body.error.details.erros).toEqual([
      {
        linha: 1,
        coluna: '—',
        mensagem: 'A planilha tem 2 linhas; o limite é 1 por importação (divida o arquivo).',
      },
    ]);
  } finally {
    strapi.config.set('orquestrador.limites.importacaoLinhas', 20_000);
  }
  strapi.config.set('orquestrador.limites.importacaoMb', 1);
  try {
    const grande = `${csv([linha(EMBRATEL_1)])}\r\n${'x;'.repeat(700_000)}`;
    const r = await importar(grande).expect(413);
    expect(r.body.error.message).toMatch(/^A planilha tem 1\.\d MB; o limite é 1 MB\.$/);
  } finally {
    strapi.config.set('orquestrador.limites.importacaoMb', 5);
  }
  expect(await contar()).toBe(antes);
});

test('site de emissão fora dos domínios da operadora: a linha é recusada com o motivo', async () => {
  const r = await importar(
    csv([
      linha({ ...EMBRATEL_1, 'NOME SAT': 'OUTRA EMPRESA', 'SITE PARA EMISSÃO': 'http://169.254.169.254/' }),
    ])
  ).expect(400);
  expect(r.body.error.details.erros[0]).toMatchObject({
    linha: 2,
    coluna: 'SITE PARA EMISSÃO',
    mensagem: expect.stringContaining('endereço interno'),
  });
});

test('pelo painel: só quem tem a ação importar-clientes; prévia e confirmação como na API', async () => {
  const pelo = (jwt: string, simular: boolean) =>
    rest
      .bruto()
      .post(`/orquestrador-rpa/clientes/importar${simular ? '?simular=true' : ''}`)
      .set('Authorization', `Bearer ${jwt}`)
      .attach('arquivo', Buffer.from(csv([linha(EMBRATEL_1), linha(OI_1)]), 'utf8'), 'clientes.csv');
  const antes = await contar();
  const aprovador = await criarPessoaNoPainel(strapi, 'APROVADOR');
  expect((await pelo(aprovador, true)).status).toBe(403);
  const operador = await criarPessoaNoPainel(strapi, 'OPERADOR');
  // Os testes acima mudaram FILTRO e DADOS SAT: a planilha original atualiza os dois; reenviada, só a
  // linha com SENHA conta como atualização (senha é sempre gravada de novo).
  const previa = await pelo(operador, true).expect(200);
  expect(previa.body.data).toEqual({
    simulacao: true,
    criados: 0,
    atualizados: 2,
    inalterados: 0,
    erros: [],
  });
  const gravada = await pelo(operador, false).expect(200);
  expect(gravada.body.data).toMatchObject({ simulacao: false, atualizados: 2 });
  const reenviada = await pelo(operador, true).expect(200);
  expect(reenviada.body.data).toMatchObject({ criados: 0, atualizados: 1, inalterados: 1 });
  const ruim = await rest
    .bruto()
    .post('/orquestrador-rpa/clientes/importar?simular=true')
    .set('Authorization', `Bearer ${operador}`)
    .attach('arquivo', Buffer.from(csv([linha({ ...OI_1, CNPJ: '123' })]), 'utf8'), 'clientes.csv')
    .expect(400);
  expect(ruim.body.error.details.erros).toEqual([
    expect.objectContaining({ linha: 2, coluna: 'CNPJ', mensagem: 'CNPJ inválido: 123.' }),
  ]);
  expect(await contar()).toBe(antes);
});

test('limite por pessoa: prévias e importações contam juntas, pela API e pelo painel; 429 com Retry-After', async () => {
  strapi.config.set('orquestrador.limites.importacoesPorMinuto', 2);
  try {
    const planilha = Buffer.from(csv([linha(OI_1)]), 'utf8');
    const pelaApi = (token: string, simular: boolean) =>
      rest
        .bruto()
        .post(`/api/clientes/importar${simular ? '?simular=true' : ''}`)
        .set('Authorization', `Bearer ${token}`)
        .attach('arquivo', planilha, 'clientes.csv');
    const token = await criarTokenApi(strapi, 'limite-importacao');
    await pelaApi(token, true).expect(200);
    await pelaApi(token, false).expect(200);
    const terceira = await pelaApi(token, true).expect(429);
    expect(terceira.body.error.message).toMatch(
      /^Importações \(prévias e definitivas\) demais em pouco tempo: o limite é 2 por minuto\. Tente de novo em \d+ s\.$/
    );
    expect(Number(terceira.headers['retry-after'])).toBeGreaterThan(0);
    // Outra pessoa tem a sua cota; pelo painel, a mesma regra.
    await pelaApi(await criarTokenApi(strapi, 'outra-pessoa'), true).expect(200);
    const operador = await criarPessoaNoPainel(strapi, 'OPERADOR');
    const pelo = () =>
      rest
        .bruto()
        .post('/orquestrador-rpa/clientes/importar?simular=true')
        .set('Authorization', `Bearer ${operador}`)
        .attach('arquivo', planilha, 'clientes.csv');
    await pelo().expect(200);
    await pelo().expect(200);
    expect((await pelo().expect(429)).headers['retry-after']).toBeDefined();
  } finally {
    strapi.config.set('orquestrador.limites.importacoesPorMinuto', 1000);
  }
});
