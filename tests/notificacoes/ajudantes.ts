import type { Core } from '@strapi/strapi';
import request from 'supertest';
import type { SmtpLocal } from '../ajudantes/smtp';
import { esperar } from '../ajudantes/worker';
import { criarLoginNoPainel } from '../ajudantes/autenticacao';
import { CNPJS_VALIDOS, criarOperadora, dadosCliente } from '../ajudantes/dados';
import { comCabecalho, enviarFatura, type Pessoa } from '../ajudantes/painel';
import { gerarPdfFatura } from '../ajudantes/pdf';
import type { Perfil } from '../../src/regras/papeis';

type Registro = Record<string, any>;

export interface PessoaNotificavel {
  painel: Pessoa;
  email: string;
  adminId: number;
  usuarioId: number;
}

/** Pessoa com login no painel e cadastro `usuario` ligado a ele, com as preferências dadas. */
export const criarPessoaNotificavel = async (
  strapi: Core.Strapi,
  perfil: Perfil,
  preferencias: Registro = {}
): Promise<PessoaNotificavel> => {
  const { email, jwt } = await criarLoginNoPainel(strapi, perfil);
  const admin = (await strapi.db.query('admin::user').findOne({ where: { email } })) as { id: number };
  const usuario = await strapi.documents('api::usuario.usuario').create({
    data: {
      nome_completo: `Pessoa ${perfil}`,
      email,
      perfil_usuario: perfil,
      status_ativo: true,
      id_usuario_admin: admin.id,
      ...preferencias,
    } as never,
  });
  return { painel: comCabecalho(strapi, jwt), email, adminId: admin.id, usuarioId: usuario.id as number };
};

let sequencia = 0;

/** Cliente novo (operadora sem robô) com processo do mês; devolve o documentId do processo. */
export const criarProcesso = async (strapi: Core.Strapi): Promise<string> => {
  sequencia += 1;
  const operadora = await criarOperadora(strapi, {
    nome: `OPERADORA AVISOS ${sequencia} ${process.pid}`,
    codigo: `AV${sequencia}${process.pid % 1000}`,
    possui_rpa: false,
  });
  const cliente = await strapi.documents('api::cliente.cliente').create({
    data: dadosCliente(operadora.documentId, {
      cnpj: CNPJS_VALIDOS[sequencia % CNPJS_VALIDOS.length],
      nome_sat: `CLIENTE AVISO ${sequencia}`,
      razao_social: `EMPRESA AVISADA ${sequencia} LTDA`,
      filtro: `aviso-${sequencia}`,
    }) as never,
  });
  const processo = await strapi
    .documents('api::processo.processo')
    .create({ data: { cliente: cliente.documentId, mes_ano: '2025-03' } as never });
  return processo.documentId;
};

/** Upload manual de um PDF pelo painel: o processo chega a AGUARDANDO_APROVACAO. */
export const faturaAguardando = async (
  strapi: Core.Strapi,
  quem: Pessoa
): Promise<{ processo: string; pdf: Buffer }> => {
  const processo = await criarProcesso(strapi);
  const pdf = await gerarPdfFatura('1.234,56', '10/03/2025');
  const resposta = await enviarFatura(quem, processo, pdf);
  if (resposta.status !== 200 && resposta.status !== 201)
    throw new Error(`Upload manual recusado: ${JSON.stringify(resposta.body)}`);
  return { processo, pdf };
};

export const notificacoes = (strapi: Core.Strapi, where: Registro = {}): Promise<Registro[]> =>
  strapi.db.query('api::notificacao.notificacao').findMany({ where, orderBy: { id: 'asc' } }) as Promise<
    Registro[]
  >;

/** Ambiente do Strapi para os testes do link: SMTP local e a URL pública que as mensagens levam. */
export const variaveisDoLink = (smtp: SmtpLocal, decisoesPorMinuto: number): Record<string, string> => ({
  SMTP_HOST: '127.0.0.1',
  SMTP_PORTA: String(smtp.porta),
  PAINEL_URL_PUBLICA: 'http://painel.teste',
  NOTIFICACOES_INTERVALO_MS: '0',
  DECISAO_LIMITE_POR_MINUTO: String(decisoesPorMinuto),
});

/** Caminho do link de decisão que chegou por e-mail a `email` sobre o processo. */
export const linkRecebido = async (smtp: SmtpLocal, email: string, processo: string): Promise<string> => {
  const mensagem = await esperar(
    async () =>
      smtp
        .para(email)
        .find((m) => m.text?.includes(`/processos/${processo}`) && m.text.includes('/api/decisoes/')),
    30_000
  );
  return /http:\/\/painel\.teste(\/api\/decisoes\/[\w.-]+)/.exec(mensagem.text!)![1]!;
};

export const abrirLink = (strapi: Core.Strapi, caminho: string) =>
  request(strapi.server.httpServer).get(caminho);

/** Decide pelo formulário da página, devolvendo o sha256 que ela mostrou (a decisão vale para aquele PDF). */
export const decidirPeloLink = async (
  strapi: Core.Strapi,
  caminho: string,
  campos: Record<string, string>
) => {
  const sha256 =
    /name="sha256" value="([0-9a-f]{64})"/.exec((await abrirLink(strapi, caminho)).text)?.[1] ?? '';
  return request(strapi.server.httpServer)
    .post(caminho)
    .type('form')
    .send({ sha256, ...campos });
};
