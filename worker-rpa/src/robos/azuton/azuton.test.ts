import fs from 'fs';
import os from 'os';
import path from 'path';
import { baixarDocumentosAzuton, cnpjDoPagador, type EntregaMensagens, lerCaixaAzuton } from './azuton';
import { lerAuthenticationResults, recusaPelaAutenticacao } from './autenticacao';
import { CaixaImap, lerConfiguracaoCaixa } from './caixa';
import { lerEmailAzuton } from './email';
import { emailAzuton, iniciarPortalAzuton, type FaturaAzuton } from '../../../portais-simulados/azuton';
import { iniciarDovecot, type DovecotTeste } from '../../testes/dovecot';
import { posicoes, textoDoPdf } from '../../testes/pdf-texto';
import { processosCom } from '../../navegador/processos-chromium';
import type {
  MensagemEmailLida,
  MensagemEmailRecusada,
  RespostaMensagemEmail,
} from '@orquestrador-rpa/contrato';

/**
 * Robô da Azuton: a caixa num Dovecot real (IMAP), as páginas de boleto e fatura no simulador
 * segundo o legado (`azuton.py`) e o Chromium real. A entrega ao Strapi é um registro em memória
 * aqui (a rota real é testada em `tests/azuton.test.ts`, com o worker de verdade).
 */
const REMETENTE = 'faturas@azuton.teste';
const FATURAS: FaturaAzuton[] = [
  {
    id: 'B-100',
    numero: '900100',
    cliente: 'MERCADO BOM PRECO LTDA',
    cnpj: '11222333000181',
    vencimento: '15/05/2025',
    valor: '1.234,56',
  },
  {
    id: 'B-200',
    numero: '900200',
    cliente: 'PADARIA PAO QUENTE ME',
    cnpj: '45723174000110',
    vencimento: '20/05/2025',
    valor: '89,90',
  },
];

type Portal = Awaited<ReturnType<typeof iniciarPortalAzuton>>;
let portal: Portal;
let caixa: DovecotTeste;
const pastas: string[] = [];

const novaPasta = () => {
  const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'teste-azuton-'));
  pastas.push(pasta);
  return pasta;
};

const configuracao = (extras: Record<string, string> = {}) =>
  lerConfiguracaoCaixa({
    ...caixa.ambiente(),
    AZUTON_REMETENTE: REMETENTE,
    AZUTON_DOMINIOS: '127.0.0.1',
    ...extras,
  });
const politica = { permitirLocal: true, dominios: ['127.0.0.1'] };

/** Entrega que guarda o que recebeu (o PDF copiado) e responde como o Strapi: ANEXADA na primeira vez. */
const entregaEmMemoria = () => {
  const entregues = new Map<string, { lida: MensagemEmailLida; pdf: Buffer }>();
  const recusadas = new Map<string, MensagemEmailRecusada>();
  const entrega: EntregaMensagens & { falharProximas: number } = {
    falharProximas: 0,
    consultar: async (id) =>
      entregues.has(id)
        ? { id_mensagem: id, situacao: 'ANEXADA', motivo: 'já', processo: null, ja_registrada: true }
        : null,
    entregar: async (lida, pdf): Promise<RespostaMensagemEmail> => {
      if (entrega.falharProximas > 0) {
        entrega.falharProximas -= 1;
        throw new Error('Strapi inalcançável (teste)');
      }
      entregues.set(lida.id_mensagem, { lida, pdf: fs.readFileSync(pdf) });
      return {
        id_mensagem: lida.id_mensagem,
        situacao: 'ANEXADA',
        motivo: 'ok',
        processo: 'p1',
        ja_registrada: false,
      };
    },
    recusar: async (recusada): Promise<RespostaMensagemEmail> => {
      const ja = recusadas.has(recusada.id_mensagem);
      recusadas.set(recusada.id_mensagem, recusada);
      return {
        ...recusada,
        situacao: 'RECUSADA',
        motivo: recusada.recusa,
        processo: null,
        ja_registrada: ja,
      };
    },
  };
  return { entrega, entregues, recusadas };
};

const ler = async (entrega: EntregaMensagens, extras: Record<string, string> = {}) => {
  const linhas: string[] = [];
  const conf = configuracao(extras);
  const imap = await CaixaImap.abrir(conf);
  const pasta = novaPasta();
  try {
    const resumo = await lerCaixaAzuton({
      caixa: imap,
      entrega,
      log: (l) => linhas.push(l),
      baixar: (campos, m) =>
        baixarDocumentosAzuton(campos, {
          pasta: path.join(pasta, String(m.uid)),
          politica: { ...politica, dominios: conf.dominios },
          esperaPadraoMs: 5_000,
          limiteDownloadMs: 15_000,
          log: (l) => linhas.push(l),
        }),
    });
    return { resumo, linhas };
  } finally {
    await imap.fechar();
  }
};

beforeAll(async () => {
  [portal, caixa] = await Promise.all([iniciarPortalAzuton({ faturas: FATURAS }), iniciarDovecot()]);
});
beforeEach(async () => {
  await caixa.esvaziar();
  Object.assign(portal.estado, { modo: {}, pedidos: [] });
});
afterAll(async () => {
  await Promise.all([portal?.fechar(), caixa?.parar()]);
  for (const pasta of pastas) fs.rmSync(pasta, { recursive: true, force: true });
});

describe('leitura do e-mail (como o BeautifulSoup do legado)', () => {
  test('cliente, vencimento, valor, número e os dois links', () => {
    expect(lerEmailAzuton(emailAzuton(FATURAS[0]!, 'https://azuton.teste'))).toEqual({
      cliente: 'MERCADO BOM PRECO LTDA',
      data_vencimento: '2025-05-15',
      valor_fatura: 1234.56,
      numero_fatura: '900100',
      link_boleto: 'https://azuton.teste/boletos/B-100',
      link_fatura: 'https://azuton.teste/faturas/B-100/Fatura_900100.pdf',
    });
  });

  test('sem os links de boleto e fatura não é e-mail de fatura', () => {
    expect(() => lerEmailAzuton('<p>Olá <b>X</b></p><a href="https://a/b">BAIXAR BOLETO</a>')).toThrow(
      /faltou o da fatura/
    );
  });

  // Vencimento e valor como vêm no e-mail, lidos pelos leitores do contrato.
  test.each([
    ['15/05/2025', '2025-05-15'],
    ['31/02/2025', null],
    ['amanhã', null],
  ])('vencimento %p → %p', (vencimento, esperado) => {
    const html = emailAzuton({ ...FATURAS[0]!, vencimento }, 'https://azuton.teste');
    expect(lerEmailAzuton(html).data_vencimento).toBe(esperado);
  });

  test.each([
    ['1.234,56', 1234.56],
    ['89,90', 89.9],
    ['10', 10],
    ['grátis', null],
  ])('valor R$ %p → %p', (valor, esperado) => {
    const html = emailAzuton({ ...FATURAS[0]!, valor }, 'https://azuton.teste');
    expect(lerEmailAzuton(html).valor_fatura).toBe(esperado);
  });

  test('CNPJ do pagador: o texto depois de "CNPJ: ", sem pontuação (também alfanumérico)', () => {
    expect(cnpjDoPagador('CNPJ: 11.222.333/0001-81')).toBe('11222333000181');
    expect(cnpjDoPagador('CNPJ: 12.abc.345/01DE-35 (matriz)')).toBe('12ABC34501DE35'); // alfanumérico
    expect(cnpjDoPagador('CPF: 529.982.247-25')).toBeNull();
  });
});

describe('configuração da caixa', () => {
  test.each([
    [{ AZUTON_IMAP_SENHA: '' }, 'Defina AZUTON_IMAP_SENHA (senha de app) ou AZUTON_IMAP_TOKEN_OAUTH'],
    [{ AZUTON_DOMINIOS: '' }, 'Defina AZUTON_DOMINIOS'],
    [{ AZUTON_DOMINIOS: 'exemplo..com' }, 'AZUTON_DOMINIOS tem domínio inválido'],
    [{ AZUTON_IMAP_PORTA: '99999' }, 'AZUTON_IMAP_PORTA inválida'],
  ])('%j', (ruim, mensagem) => {
    expect(() => configuracao(ruim)).toThrow(mensagem);
  });

  test('padrões: TLS na 993, INBOX e a pasta das tratadas', () => {
    const conf = lerConfiguracaoCaixa({
      AZUTON_IMAP_HOST: 'imap.gmail.com',
      AZUTON_IMAP_USUARIO: 'caixa@empresa.com.br',
      AZUTON_IMAP_TOKEN_OAUTH: 'tok',
      AZUTON_REMETENTE: 'Faturas@Azuton.com.br',
      AZUTON_DOMINIOS: 'azuton.com.br',
    });
    expect(conf).toMatchObject({
      porta: 993,
      tls: true,
      pasta: 'INBOX',
      pastaTratadas: 'Azuton/Processadas',
      pastaRecusadas: 'Azuton/Recusadas',
      authservId: null,
      remetente: 'faturas@azuton.com.br',
      senha: null,
      tokenOAuth: 'tok',
    });
  });

  test('senha errada: erro de login claro, sem a senha na mensagem', async () => {
    const erro = (await CaixaImap.abrir(configuracao({ AZUTON_IMAP_SENHA: 'senha-errada-123' })).catch(
      (e: unknown) => e
    )) as Error & { tipo?: string };
    expect(erro.message).toContain(`A caixa ${caixa.usuario} recusou o login IMAP`);
    expect(erro.message).not.toContain('senha-errada-123');
    expect(erro.tipo).toBe('LOGIN');
  });
});

describe('leitura da caixa no Dovecot, downloads no Chromium', () => {
  jest.setTimeout(120_000);

  test('baixa boleto e fatura de cada e-mail do remetente, junta (boleto primeiro), entrega e move', async () => {
    for (const fatura of FATURAS)
      await caixa.entregar({
        de: REMETENTE,
        assunto: `Fatura ${fatura.numero}`,
        html: emailAzuton(fatura, portal.url),
      });
    await caixa.entregar({ de: 'outro@banco.teste', assunto: 'Propaganda', html: '<p>Olá</p>' });
    const { entrega, entregues } = entregaEmMemoria();

    const { resumo } = await ler(entrega);

    expect(resumo).toEqual({
      lidas: 2,
      entregues: { ANEXADA: 2 },
      ja_tratadas: 0,
      recusadas: 0,
      com_erro: 0,
    });
    const lidas = [...entregues.values()].map((e) => e.lida).sort((a, b) => a.cnpj.localeCompare(b.cnpj));
    expect(lidas[0]).toMatchObject({
      cnpj: '11222333000181',
      cliente: 'MERCADO BOM PRECO LTDA',
      numero_fatura: '900100',
      data_vencimento: '2025-05-15',
      valor_fatura: 1234.56,
      remetente: REMETENTE,
      assunto: 'Fatura 900100',
    });
    expect(lidas[0]!.id_mensagem).toMatch(/^<[0-9a-f]+@azuton\.teste>$/);
    expect(lidas[1]).toMatchObject({ cnpj: '45723174000110', valor_fatura: 89.9 });
    for (const { lida, pdf } of entregues.values()) {
      const arquivo = path.join(novaPasta(), 'entregue.pdf');
      fs.writeFileSync(arquivo, pdf);
      const texto = textoDoPdf(arquivo);
      const [boleto, fatura] = posicoes(texto, [
        `BOLETO AZUTON ${lida.numero_fatura}`,
        `FATURA AZUTON ${lida.numero_fatura}`,
      ]);
      expect(boleto).toBeGreaterThanOrEqual(0);
      expect(fatura).toBeGreaterThan(boleto!);
    }
    expect(await caixa.assuntos('INBOX')).toEqual(['Propaganda']);
    expect(await caixa.assuntos('Azuton/Processadas')).toEqual(['Fatura 900100', 'Fatura 900200']);
    expect(processosCom(pastas.join('|'))).toEqual([]);
  });

  test('entrega que falha deixa a mensagem na caixa; a próxima leitura entrega uma vez só', async () => {
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Fatura 900100',
      html: emailAzuton(FATURAS[0]!, portal.url),
    });
    const { entrega, entregues } = entregaEmMemoria();
    entrega.falharProximas = 1;

    const primeira = await ler(entrega);
    expect(primeira.resumo).toMatchObject({ lidas: 1, com_erro: 1, entregues: {} });
    expect(primeira.linhas.join('\n')).toContain(
      'fica na caixa para a próxima leitura — Strapi inalcançável'
    );
    expect(await caixa.assuntos('INBOX')).toEqual(['Fatura 900100']);

    const segunda = await ler(entrega);
    expect(segunda.resumo).toMatchObject({ lidas: 1, entregues: { ANEXADA: 1 }, com_erro: 0 });
    expect(entregues.size).toBe(1);
    expect(await caixa.assuntos('INBOX')).toEqual([]);
  });

  test('mensagem já entregue (movê-la falhou antes): só move, sem baixar de novo', async () => {
    const id = '<ja-entregue@azuton.teste>';
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Fatura 900200',
      html: emailAzuton(FATURAS[1]!, portal.url),
      messageId: id,
    });
    const { entrega, entregues } = entregaEmMemoria();
    entregues.set(id, { lida: {} as MensagemEmailLida, pdf: Buffer.alloc(0) });

    const { resumo } = await ler(entrega);

    expect(resumo).toEqual({ lidas: 1, entregues: {}, ja_tratadas: 1, recusadas: 0, com_erro: 0 });
    expect(portal.estado.pedidos).toEqual([]);
    expect(await caixa.assuntos('Azuton/Processadas')).toEqual(['Fatura 900200']);
  });

  test('boleto sem o botão na primeira carga: recarrega, como o legado', async () => {
    portal.estado.modo.boletoSemBotaoNaPrimeira = true;
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Fatura 900100',
      html: emailAzuton(FATURAS[0]!, portal.url),
    });
    const { entrega } = entregaEmMemoria();

    const { resumo, linhas } = await ler(entrega);

    expect(resumo.entregues).toEqual({ ANEXADA: 1 });
    expect(linhas.join('\n')).toContain('recarregando uma vez, como o legado');
    expect(portal.estado.pedidos.filter((p) => p === '/boletos/B-100')).toHaveLength(2);
  });

  test('boleto sem CNPJ do pagador: erro claro e a mensagem fica', async () => {
    portal.estado.modo.boletoSemCnpj = true;
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Fatura 900100',
      html: emailAzuton(FATURAS[0]!, portal.url),
    });
    const { entrega, entregues } = entregaEmMemoria();

    const { resumo, linhas } = await ler(entrega);

    expect(resumo.com_erro).toBe(1);
    expect(linhas.join('\n')).toContain('A página do boleto não mostra o CNPJ do pagador');
    expect(entregues.size).toBe(0);
    expect(await caixa.assuntos('INBOX')).toEqual(['Fatura 900100']);
  });

  test('link fora de AZUTON_DOMINIOS não é aberto (e-mail forjado): recusada, sai da caixa', async () => {
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Fatura falsa',
      html: emailAzuton(FATURAS[0]!, portal.url.replace('127.0.0.1', 'localhost')),
    });
    const { entrega, entregues, recusadas } = entregaEmMemoria();

    const { resumo, linhas } = await ler(entrega, { AZUTON_DOMINIOS: 'azuton.com.br' });

    expect(resumo).toMatchObject({ recusadas: 1, com_erro: 0 });
    expect(linhas.join('\n')).toContain(
      'Navegação bloqueada: O host localhost não está entre os domínios permitidos'
    );
    expect([...recusadas.values()][0]!.recusa).toMatch(/^Navegação bloqueada: /);
    expect(portal.estado.pedidos).toEqual([]);
    expect(entregues.size).toBe(0);
    expect(await caixa.assuntos('INBOX')).toEqual([]);
    expect(await caixa.assuntos('Azuton/Recusadas')).toEqual(['Fatura falsa']);
  });
});

describe('remetente pelo Authentication-Results do servidor', () => {
  const DE = 'faturas@azuton.teste';
  const recusa = (valores: string[], authservId: string | null = null) =>
    recusaPelaAutenticacao(valores, DE, authservId);

  test('lê método, resultado e domínio; comentários, aspas, versão e "none" não atrapalham', () => {
    expect(
      lerAuthenticationResults(
        ` MX.Empresa.teste 1; dkim=pass (assinatura (boa); ok) header.i=@azuton.teste header.b="ab;c=";
        spf=softfail smtp.mailfrom=devolucao@Envio.Teste; dmarc/1=fail reason="p=reject; sp=none" header.from=azuton.teste;
        arc=pass; iprev=pass policy.iprev=1.2.3.4; auth=none`
      )
    ).toEqual({
      servidor: 'mx.empresa.teste',
      resultados: [
        { metodo: 'dkim', resultado: 'pass', dominio: 'azuton.teste' },
        { metodo: 'spf', resultado: 'softfail', dominio: 'envio.teste' },
        { metodo: 'dmarc', resultado: 'fail', dominio: 'azuton.teste' },
      ],
    });
    expect(lerAuthenticationResults('mx.empresa.teste; none')).toEqual({
      servidor: 'mx.empresa.teste',
      resultados: [],
    });
  });

  test.each([
    [
      'dkim=fail do domínio',
      'mx.e.teste; dkim=fail header.d=azuton.teste',
      /disse dkim=fail para azuton\.teste/,
    ],
    ['spf=fail do domínio', 'mx.e.teste; spf=fail smtp.mailfrom=x@azuton.teste', /spf=fail/],
    ['dmarc=fail', 'mx.e.teste; dkim=pass header.d=azuton.teste; dmarc=fail', /disse dmarc=fail:/],
    ['dkim=fail sem domínio', 'mx.e.teste; dkim=fail', /disse dkim=fail:/],
    [
      'assinado por outro domínio',
      'mx.e.teste; dkim=pass header.d=golpe.teste',
      /não se alinha.*dkim=pass golpe\.teste/,
    ],
    [
      'spf de outro e dmarc de outro',
      'mx.e.teste; spf=pass smtp.mailfrom=a@golpe.teste; dmarc=pass header.from=golpe.teste',
      /não se alinha/,
    ],
  ])('%s → recusada', (_, valor, motivo) => {
    expect(recusa([valor])).toMatch(motivo);
  });

  test.each([
    ['sem o cabeçalho', []],
    ['dkim alinhado (subdomínio que assina)', ['mx.e.teste; dkim=pass header.d=mail.azuton.teste']],
    [
      'spf de outro mas dkim alinhado',
      ['mx.e.teste; spf=pass smtp.mailfrom=a@envio.teste; dkim=pass header.d=azuton.teste'],
    ],
    [
      'fail de uma assinatura de outro domínio (lista), dkim alinhado',
      ['mx.e.teste; dkim=fail header.d=lista.teste; dkim=pass header.d=azuton.teste'],
    ],
    [
      'nada decidido (none, neutral, temperror)',
      ['mx.e.teste; dkim=none; spf=neutral smtp.mailfrom=a@azuton.teste; dmarc=temperror'],
    ],
    [
      '"pass" forjado embaixo não importa; o de cima aprova',
      ['mx.e.teste; dkim=pass header.d=azuton.teste', 'golpe; dkim=fail header.d=azuton.teste'],
    ],
  ])('%s → aceita como antes', (_, valores) => {
    expect(recusa(valores)).toBeNull();
  });

  test('só o de cima conta: o "pass" que o remetente escreveu embaixo não salva o "fail" do servidor', () => {
    expect(
      recusa(['mx.e.teste; dkim=fail header.d=azuton.teste', 'mx.e.teste; dkim=pass header.d=azuton.teste'])
    ).toMatch(/dkim=fail/);
  });

  test('com AZUTON_AUTHSERV_ID, só o daquele servidor (o primeiro dele), onde quer que esteja', () => {
    const valores = [
      'filtro.interno; dkim=pass header.d=azuton.teste',
      'MX.Empresa.Teste; dmarc=fail header.from=azuton.teste',
      'mx.empresa.teste; dkim=pass header.d=azuton.teste',
    ];
    expect(recusa(valores)).toBeNull();
    expect(recusa(valores, 'mx.empresa.teste')).toMatch(
      /^O servidor de e-mail \(mx\.empresa\.teste\) disse dmarc=fail/
    );
    expect(recusa(valores, 'outro.teste')).toBeNull();
  });

  test('o motivo só carrega domínios (texto solto do cabeçalho não entra)', () => {
    const motivo = recusa(['<script>; dkim=pass header.d=<b>golpe</b>; dkim=pass header.d=golpe.teste"']);
    expect(motivo).toBe(
      'O From (azuton.teste) não se alinha com o domínio que o servidor de e-mail autenticou (dkim=pass golpe.teste).'
    );
  });
});

describe('recusadas no Dovecot: saem da caixa e não travam as de trás', () => {
  jest.setTimeout(120_000);
  const AR = (resultado: string) => `Authentication-Results: mx.empresa.teste; ${resultado}`;

  test('From forjado com dkim=fail, nome de exibição enganoso e e-mail que não é fatura: recusadas e movidas, sem abrir o navegador', async () => {
    const html = emailAzuton(FATURAS[0]!, portal.url);
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Forjada',
      html,
      // O "pass" embaixo é do remetente: não vale contra o "fail" que o servidor pôs no topo.
      cabecalhos: [
        AR(
          'dkim=fail (assinatura não confere) header.d=azuton.teste; spf=softfail smtp.mailfrom=x@azuton.teste'
        ),
        AR('dkim=pass header.d=azuton.teste'),
      ],
    });
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Nome enganoso',
      html,
      from: `"${REMETENTE}" <golpe@outro.teste>`,
    });
    await caixa.entregar({ de: REMETENTE, assunto: 'Sem links', html: '<p>Olá <b>X</b></p>' });
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Assinada por outro',
      html,
      cabecalhos: [AR('dkim=pass header.d=golpe.teste; spf=pass smtp.mailfrom=a@golpe.teste')],
    });
    const { entrega, entregues, recusadas } = entregaEmMemoria();

    const { resumo, linhas } = await ler(entrega, { AZUTON_IMAP_PASTA_RECUSADAS: 'Golpes' });

    expect(resumo).toEqual({ lidas: 4, entregues: {}, ja_tratadas: 0, recusadas: 4, com_erro: 0 });
    expect(portal.estado.pedidos).toEqual([]);
    expect(entregues.size).toBe(0);
    const porAssunto = Object.fromEntries([...recusadas.values()].map((r) => [r.assunto, r]));
    expect(porAssunto.Forjada).toMatchObject({
      remetente: REMETENTE,
      recusa:
        'O servidor de e-mail (mx.empresa.teste) disse dkim=fail para azuton.teste: a mensagem não é de azuton.teste, mesmo com o From certo.',
    });
    expect(porAssunto.Forjada!.id_mensagem).toMatch(/^recusada:INBOX:\d+:\d+$/);
    expect(porAssunto['Nome enganoso']!.recusa).toContain('não é o de AZUTON_REMETENTE');
    expect(porAssunto['Sem links']!.recusa).toContain('não é um e-mail de fatura da Azuton');
    expect(porAssunto['Assinada por outro']!.recusa).toContain('não se alinha');
    expect(linhas.join('\n')).toContain('recusada e movida para as recusadas');
    expect(await caixa.assuntos('INBOX')).toEqual([]);
    expect(await caixa.assuntos('Golpes')).toEqual([
      'Assinada por outro',
      'Forjada',
      'Nome enganoso',
      'Sem links',
    ]);
  });

  test('recusadas na frente não contam no limite: a fatura boa de trás é baixada na mesma leitura', async () => {
    for (let i = 0; i < 5; i += 1)
      await caixa.entregar({
        de: REMETENTE,
        assunto: `Forjada ${i}`,
        html: emailAzuton(FATURAS[0]!, portal.url),
        cabecalhos: [AR('dmarc=fail header.from=azuton.teste')],
      });
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Fatura 900200',
      html: emailAzuton(FATURAS[1]!, portal.url),
      cabecalhos: [AR('dkim=pass header.d=azuton.teste; dmarc=pass header.from=azuton.teste')],
    });
    const { entrega, entregues, recusadas } = entregaEmMemoria();

    const { resumo } = await ler(entrega, { AZUTON_LIMITE_MENSAGENS: '2' });

    expect(resumo).toEqual({
      lidas: 6,
      entregues: { ANEXADA: 1 },
      ja_tratadas: 0,
      recusadas: 5,
      com_erro: 0,
    });
    expect([...entregues.values()].map((e) => e.lida.numero_fatura)).toEqual(['900200']);
    expect(recusadas.size).toBe(5);
    expect(await caixa.assuntos('INBOX')).toEqual([]);
    expect(await caixa.assuntos('Azuton/Recusadas')).toHaveLength(5);
    expect(await caixa.assuntos('Azuton/Processadas')).toEqual(['Fatura 900200']);
  });

  test('registro da recusa que falha: a mensagem fica e a próxima leitura a recusa uma vez só', async () => {
    await caixa.entregar({
      de: REMETENTE,
      assunto: 'Forjada',
      html: '<p>x</p>',
      cabecalhos: [AR('dkim=fail header.d=azuton.teste')],
    });
    const { entrega, recusadas } = entregaEmMemoria();
    const recusar = entrega.recusar;
    entrega.recusar = async () => {
      throw new Error('Strapi inalcançável (teste)');
    };
    expect((await ler(entrega)).resumo).toMatchObject({ recusadas: 0, com_erro: 1 });
    expect(await caixa.assuntos('INBOX')).toEqual(['Forjada']);
    entrega.recusar = recusar;
    expect((await ler(entrega)).resumo).toMatchObject({ recusadas: 1, com_erro: 0 });
    expect(recusadas.size).toBe(1);
    expect(await caixa.assuntos('Azuton/Recusadas')).toEqual(['Forjada']);
  });
});
