import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi } from '../ajudantes/strapi';
import { SmtpLocal } from '../ajudantes/smtp';
import {
  abrirLink,
  criarPessoaNotificavel,
  decidirPeloLink,
  faturaAguardando,
  linkRecebido,
  notificacoes,
  variaveisDoLink,
  type PessoaNotificavel,
} from './ajudantes';
import { gerarTokenDecisao, segredoDosLinks } from '../../src/notificacoes/link-decisao';

/** Aprovar/rejeitar pelo link da mensagem: confirmação, mesma máquina de estados, e cada abuso recusado. */
type Registro = Record<string, any>;

const smtp = new SmtpLocal();
let strapi: Core.Strapi;
let operador: PessoaNotificavel;
let aprovador: PessoaNotificavel;

const processoAtual = (documentId: string): Promise<Registro> =>
  strapi.db
    .query('api::processo.processo')
    .findOne({ where: { documentId }, populate: ['aprovado_por_usuario'] });

const linkRecebidoPor = (quem: PessoaNotificavel, processo: string) =>
  linkRecebido(smtp, quem.email, processo);
const abrir = (caminho: string) => abrirLink(strapi, caminho);
const decidir = (caminho: string, campos: Record<string, string>) => decidirPeloLink(strapi, caminho, campos);

beforeAll(async () => {
  await smtp.ligar();
  strapi = await iniciarStrapi(variaveisDoLink(smtp, 1000));
  operador = await criarPessoaNotificavel(strapi, 'OPERADOR');
  aprovador = await criarPessoaNotificavel(strapi, 'APROVADOR');
});
afterAll(async () => {
  await encerrarStrapi();
  await smtp.desligar();
});

describe('decidir pelo link', () => {
  let processo: string;
  let link: string;

  beforeAll(async () => {
    ({ processo } = await faturaAguardando(strapi, operador.painel));
    link = await linkRecebidoPor(aprovador, processo);
  });

  test('GET só mostra a confirmação (pré-visualizador de link não decide nada)', async () => {
    for (let i = 0; i < 3; i += 1) {
      const pagina = await abrir(link);
      expect(pagina.status).toBe(200);
      expect(pagina.headers['content-type']).toContain('text/html');
      expect(pagina.headers['cache-control']).toBe('no-store');
      expect(pagina.text).toContain('Aprovar a fatura');
      expect(pagina.text).toContain('Competência</dt><dd>03/2025');
    }
    expect((await processoAtual(processo)).status_processo).toBe('AGUARDANDO_APROVACAO');
  });

  test('rejeitar sem motivo é recusado e o link continua valendo', async () => {
    const resposta = await decidir(link, { acao: 'rejeitar' });
    expect(resposta.status).toBe(400);
    expect(resposta.text).toContain('Informe o motivo da rejeição.');
    const semAcao = await decidir(link, { acao: 'apagar' });
    expect(semAcao.status).toBe(400);
    expect((await processoAtual(processo)).status_processo).toBe('AGUARDANDO_APROVACAO');
  });

  test('link adulterado ou vencido: mensagem clara e nada muda', async () => {
    const [carga, assinatura] = link.split('/').pop()!.split('.');
    const trocada = `${assinatura.slice(0, -2)}${assinatura.endsWith('AA') ? 'BB' : 'AA'}`;
    const adulterado = await decidir(`/api/decisoes/${carga}.${trocada}`, { acao: 'aprovar' });
    expect(adulterado.status).toBe(400);
    expect(adulterado.text).toContain('Link inválido: ele foi alterado ou está incompleto.');
    const outraCarga = Buffer.from(JSON.stringify({ n: 'outra-notificacao', e: 4102444800 })).toString(
      'base64url'
    );
    expect((await decidir(`/api/decisoes/${outraCarga}.${assinatura}`, { acao: 'aprovar' })).status).toBe(
      400
    );
    expect((await abrir('/api/decisoes/lixo')).status).toBe(400);
    const [linha] = await notificacoes(strapi, { processo: { documentId: processo } });
    const vencido = gerarTokenDecisao(
      { notificacao: linha.documentId, expiraEm: Math.floor(Date.now() / 1000) - 60 },
      segredoDosLinks(strapi)
    );
    const respostaVencida = await decidir(`/api/decisoes/${vencido}`, { acao: 'aprovar' });
    expect(respostaVencida.status).toBe(410);
    expect(respostaVencida.text).toContain('Este link venceu (vale 72 horas).');
    expect((await processoAtual(processo)).status_processo).toBe('AGUARDANDO_APROVACAO');
  });

  test('aprovar: mesma máquina de estados, em nome da pessoa, auditado; dois cliques, uma decisão', async () => {
    const [um, dois] = await Promise.all([
      decidir(link, { acao: 'aprovar' }),
      decidir(link, { acao: 'aprovar' }),
    ]);
    expect([um.status, dois.status].sort()).toEqual([200, 409]);
    expect([um.text, dois.text].join()).toContain('a fatura foi aprovada e segue para o envio ao SAT');
    const depois = await processoAtual(processo);
    expect(depois.status_processo).toBe('APROVADA');
    expect(depois.aprovado_por_usuario.id).toBe(aprovador.usuarioId);
    const auditoria = (await strapi.db
      .query('api::auditoria.auditoria')
      .findMany({ where: { id_entidade: processo, acao: 'processo.aprovar' } })) as Registro[];
    expect(auditoria).toHaveLength(1);
    expect(auditoria[0]).toMatchObject({ origem: 'PAINEL', usuario_email: aprovador.email });
    expect(
      await strapi.db.query('api::execucao.execucao').count({
        where: { processo: { documentId: processo }, tipo_execucao: 'UPLOAD_SAT' },
      })
    ).toBe(1);
    const reuso = await decidir(link, { acao: 'rejeitar', observacoes: 'mudei de ideia' });
    expect(reuso.status).toBe(409);
    expect(reuso.text).toContain('Este link já foi usado em');
    expect((await abrir(link)).status).toBe(409);
    expect((await processoAtual(processo)).status_processo).toBe('APROVADA');
  });
});

describe('abusos ligados à pessoa e à fatura', () => {
  test('quem fez o upload não aprova pelo próprio link (quatro olhos); o link segue livre', async () => {
    const administrador = await criarPessoaNotificavel(strapi, 'ADMINISTRADOR', {
      eventos_notificacao: ['AGUARDANDO_APROVACAO'],
    });
    const { processo } = await faturaAguardando(strapi, administrador.painel);
    const proprio = await linkRecebidoPor(administrador, processo);
    const recusa = await decidir(proprio, { acao: 'aprovar' });
    expect(recusa.status).toBe(403);
    expect(recusa.text).toContain(
      'Regra dos quatro olhos: quem fez o upload manual desta fatura não pode aprová-la.'
    );
    const [linha] = await notificacoes(strapi, {
      processo: { documentId: processo },
      usuario: { id: administrador.usuarioId },
    });
    expect(linha.link_usado_em).toBeNull();
    expect((await processoAtual(processo)).status_processo).toBe('AGUARDANDO_APROVACAO');
    const doAprovador = await linkRecebidoPor(aprovador, processo);
    const rejeicao = await decidir(doAprovador, { acao: 'rejeitar', observacoes: 'CNPJ errado' });
    expect(rejeicao.status).toBe(200);
    expect(await processoAtual(processo)).toMatchObject({
      status_processo: 'REJEITADA',
      observacoes: 'CNPJ errado',
    });
  });

  test('pessoa inativada depois da mensagem: o link dela não decide', async () => {
    const outro = await criarPessoaNotificavel(strapi, 'APROVADOR');
    const { processo } = await faturaAguardando(strapi, operador.painel);
    const link = await linkRecebidoPor(outro, processo);
    await strapi.db
      .query('api::usuario.usuario')
      .update({ where: { id: outro.usuarioId }, data: { status_ativo: false } });
    const resposta = await decidir(link, { acao: 'aprovar' });
    expect(resposta.status).toBe(403);
    expect(resposta.text).toContain('que hoje não pode aprovar faturas');
    expect((await processoAtual(processo)).status_processo).toBe('AGUARDANDO_APROVACAO');
  });

  test('fatura trocada depois da mensagem: o link antigo não aprova a nova', async () => {
    const { processo } = await faturaAguardando(strapi, operador.painel);
    const antigo = await linkRecebidoPor(aprovador, processo);
    await strapi.db.query('api::processo.processo').update({
      where: { documentId: processo },
      data: { hash_fatura: 'f'.repeat(64) },
    });
    const resposta = await decidir(antigo, { acao: 'aprovar' });
    expect(resposta.status).toBe(409);
    expect(resposta.text).toContain('A fatura mudou depois desta mensagem');
    expect((await processoAtual(processo)).status_processo).toBe('AGUARDANDO_APROVACAO');
  });
});
