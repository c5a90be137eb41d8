import type { Core } from '@strapi/strapi';
import { PAPEIS, type Perfil } from '../regras/papeis';
import { SERVICO, UID } from '@orquestrador-rpa/contrato';
import { configuracao } from '../configuracao';

/**
 * Dados de demonstração inventados (nunca dados reais): operadoras do legado, clientes e uma pessoa
 * por perfil. Idempotente: rodar de novo não duplica nada.
 */

export const SENHA_DEMO = 'Demo@12345';

const OPERADORAS = [
  {
    nome: 'EMBRATEL',
    codigo: 'EMB',
    possui_rpa: true,
    url_portal: 'https://webebt01.embratel.com.br/embratelonline/index.asp',
  },
  { nome: 'OI', codigo: 'OI', possui_rpa: true, url_portal: 'https://portaloisolucoes.oi.com.br/login' },
  {
    nome: 'DIGITALNET',
    codigo: 'DIG',
    possui_rpa: false,
    url_portal: 'https://sac.digitalnetms.com.br/login',
  },
  { nome: 'VIVO', codigo: 'VIV', possui_rpa: false },
  { nome: 'AZUTON', codigo: 'AZU', possui_rpa: false, instrucoes_acesso: 'Faturas chegam por e-mail.' },
  { nome: 'NET', codigo: 'NET', possui_rpa: false },
];

const CLIENTES = [
  {
    razao_social: 'Alfa Logística Ltda',
    nome_sat: 'ALFA LOGISTICA',
    cnpj: '11222333000181',
    operadora: 'EMB',
    servico: 'Link Dedicado',
    dados_sat: 'Link Dedicado',
    filtro: '10000000001-0001_05',
    unidade: 'CAMPO GRANDE-MS',
    login_portal: 'alfa.demo',
    senha_portal: 'SenhaInventada1',
  },
  {
    razao_social: 'Beta Alimentos S.A.',
    nome_sat: 'BETA ALIMENTOS',
    cnpj: '45997418000153',
    operadora: 'EMB',
    servico: 'Internet',
    dados_sat: 'Internet',
    filtro: '10000000002-0002',
    unidade: 'DOURADOS-MS',
    login_portal: 'beta.demo',
    senha_portal: 'SenhaInventada2',
  },
  {
    razao_social: 'Gama Construções Ltda',
    nome_sat: 'GAMA CONSTRUCOES',
    cnpj: '04252011000110',
    operadora: 'OI',
    servico: '67 3000-0001',
    dados_sat: 'Fixo',
    filtro: '6730000001',
    unidade: 'CAMPO GRANDE-MS',
    login_portal: 'gama@demo.invalid',
    senha_portal: 'SenhaInventada3',
  },
  {
    razao_social: 'Delta Saúde Ltda',
    nome_sat: 'DELTA SAUDE',
    cnpj: '60701190000104',
    operadora: 'DIG',
    servico: 'Internet',
    dados_sat: 'Internet',
    filtro: 'CTR-DEMO-01',
    unidade: 'TRES LAGOAS-MS',
    login_portal: '60701190000104',
    senha_portal: 'SenhaInventada4',
  },
  {
    razao_social: 'Épsilon Educação Ltda',
    nome_sat: 'EPSILON EDUCACAO',
    cnpj: '33000167000101',
    operadora: 'VIV',
    servico: 'Fixo',
    dados_sat: 'Fixo',
    unidade: 'CUIABA-MT',
  },
  {
    razao_social: 'Zeta Varejo Ltda',
    nome_sat: 'ZETA VAREJO',
    cnpj: '11444777000161',
    operadora: 'AZU',
    servico: 'Internet',
    dados_sat: 'Internet',
    unidade: 'CORUMBA-MS',
  },
];

const PESSOAS: Array<{ perfil: Perfil; nome: string; sobrenome: string; email: string; telefone: string }> = [
  {
    perfil: 'ADMINISTRADOR',
    nome: 'Ana',
    sobrenome: 'Administradora',
    email: 'administrador@orquestrador.demo',
    telefone: '5567999990001',
  },
  {
    perfil: 'APROVADOR',
    nome: 'Bruno',
    sobrenome: 'Aprovador',
    email: 'aprovador@orquestrador.demo',
    telefone: '5567999990002',
  },
  {
    perfil: 'OPERADOR',
    nome: 'Carla',
    sobrenome: 'Operadora',
    email: 'operador@orquestrador.demo',
    telefone: '5567999990003',
  },
];

type Registro = { id: number; documentId: string };

const semearOperadoras = async (strapi: Core.Strapi): Promise<Map<string, string>> => {
  const porCodigo = new Map<string, string>();
  for (const dados of OPERADORAS) {
    const existente = (await strapi.db
      .query(UID.OPERADORA)
      .findOne({ where: { codigo: dados.codigo } })) as Registro | null;
    const registro =
      existente ??
      ((await strapi
        .documents(UID.OPERADORA)
        .create({ data: { ...dados, status_ativo: true } as never })) as unknown as Registro);
    porCodigo.set(dados.codigo, registro.documentId);
  }
  return porCodigo;
};

const semearClientes = async (strapi: Core.Strapi, operadoras: Map<string, string>): Promise<void> => {
  for (const { operadora, ...dados } of CLIENTES) {
    const existe = await strapi.db
      .query(UID.CLIENTE)
      .count({ where: { cnpj: dados.cnpj, nome_sat: dados.nome_sat } });
    if (!existe)
      await strapi
        .documents(UID.CLIENTE)
        .create({ data: { ...dados, operadora: operadoras.get(operadora) } as never });
  }
};

const semearPessoas = async (strapi: Core.Strapi): Promise<void> => {
  const servicoUsuario = strapi.service('admin::user') as unknown as {
    create: (d: Record<string, unknown>) => Promise<Registro>;
  };
  const superAdmin = (await strapi.db
    .query('admin::role')
    .findOne({ where: { code: 'strapi-super-admin' } })) as Registro;
  for (const pessoa of PESSOAS) {
    const papel = (await strapi.db
      .query('admin::role')
      .findOne({ where: { code: PAPEIS.find((p) => p.perfil === pessoa.perfil)!.codigo } })) as Registro;
    let usuarioAdmin = (await strapi.db
      .query('admin::user')
      .findOne({ where: { email: pessoa.email } })) as Registro | null;
    if (!usuarioAdmin) {
      // O Administrador de demonstração também é Super Admin, para configurar o próprio Strapi.
      const papeis = pessoa.perfil === 'ADMINISTRADOR' ? [papel.id, superAdmin.id] : [papel.id];
      usuarioAdmin = await servicoUsuario.create({
        email: pessoa.email,
        firstname: pessoa.nome,
        lastname: pessoa.sobrenome,
        password: SENHA_DEMO,
        isActive: true,
        roles: papeis,
        preferedLanguage: 'pt-BR',
        registrationToken: null,
      });
    }
    const perfilExiste = await strapi.db.query(UID.USUARIO).count({ where: { email: pessoa.email } });
    if (!perfilExiste) {
      await strapi.documents(UID.USUARIO).create({
        data: {
          nome_completo: `${pessoa.nome} ${pessoa.sobrenome}`,
          email: pessoa.email,
          telefone: pessoa.telefone,
          perfil_usuario: pessoa.perfil,
          status_ativo: true,
          id_usuario_admin: usuarioAdmin.id,
        } as never,
      });
    }
  }
};

/**
 * Com os portais simulados (`npm run iniciar -- --demo`): Embratel e Oi apontam para os simuladores,
 * os processos do mês são gerados e os downloads disparados — o worker os executa assim que sobe.
 */
const semearCicloDosRobos = async (
  strapi: Core.Strapi,
  urls: Record<string, string | undefined>
): Promise<void> => {
  for (const [codigo, url] of Object.entries(urls)) {
    if (url) await strapi.db.query(UID.OPERADORA).update({ where: { codigo }, data: { url_portal: url } });
  }
  await strapi.service(SERVICO.GERACAO_MENSAL).gerar();
  await strapi.service(SERVICO.DOWNLOADS).executarPendentes({});
};

export const semear = async (strapi: Core.Strapi): Promise<void> => {
  const operadoras = await semearOperadoras(strapi);
  await semearClientes(strapi, operadoras);
  await semearPessoas(strapi);
  const { urlEmbratel, urlOi } = configuracao().demonstracao;
  if (urlEmbratel) await semearCicloDosRobos(strapi, { EMB: urlEmbratel, OI: urlOi ?? undefined });
  strapi.log.info(
    `Demonstração pronta: entre em /admin com ${PESSOAS.map((p) => p.email).join(', ')} (senha ${SENHA_DEMO}).`
  );
};
