import { createHash } from 'crypto';
import { createId } from '@paralleldrive/cuid2';
import type { Core } from '@strapi/strapi';
import { calcularHashCliente } from './hash-cliente';
import { cnpjValido, cpfValido, normalizarCnpj, somenteDigitos } from './documentos';
import { erroConflito, erroValidacao, exigirSemErros, type ErroDeCampo } from './erros';
import { lerAlvoRelacao, relacaoMuitosAlterada } from './relacoes';
import { cifrarSenha } from './cofre';
import { problemasDeTamanho } from './esquema';
import { dominiosDaOperadora, motivoUrlRecusada, UID } from '@orquestrador-rpa/contrato';
import { politicaPortal } from '../configuracao';

/** O que o Content Manager mostra no lugar da senha (e de dados pessoais ocultos); devolvido sem mudança, não altera o campo. */
export const MASCARA_SENHA = '••••••••';

/** Campos que dizem ao robô onde e como entrar no portal: mudá-los é "configurar o portal" (regra dos quatro olhos). */
export const CAMPOS_PORTAL_CLIENTE = [
  'site_emissao',
  'login_portal',
  'senha_portal',
  'cpf',
  'filtro',
  'servico',
] as const;

type Dados = Record<string, unknown>;

export interface OperadoraResumo {
  id: number;
  documentId: string;
  nome: string;
  status_ativo: boolean;
  url_portal?: string | null;
  dominios_permitidos?: string | null;
}

export interface ClienteExistente extends Dados {
  documentId: string;
  hash_unico?: string;
  operadora?: OperadoraResumo | null;
}

const OBRIGATORIOS: Array<[string, string]> = [
  ['razao_social', 'razão social'],
  ['nome_sat', 'nome SAT'],
  ['cnpj', 'CNPJ'],
  ['unidade', 'unidade'],
];

const CAMPOS_TEXTO = [
  'razao_social',
  'nome_sat',
  'filtro',
  'servico',
  'dados_sat',
  'unidade',
  'categoria_sat',
  'site_emissao',
  'login_portal',
];

const texto = (valor: unknown): string =>
  typeof valor === 'string' ? valor : valor == null ? '' : String(valor);
const vazio = (valor: unknown): boolean => texto(valor).trim() === '';

/** Chave derivada de (CNPJ, operadora, unidade, serviço), guardada com índice único no banco. */
export const calcularChaveUnicidade = (
  cnpj: string,
  operadoraDocumentId: string,
  unidade: string,
  servico: string
): string =>
  createHash('sha256')
    .update([cnpj, operadoraDocumentId, unidade.trim().toLowerCase(), servico.trim().toLowerCase()].join('|'))
    .digest('hex');

/** O que a regra do cliente lê da operadora. */
export const CAMPOS_OPERADORA_DO_CLIENTE = [
  'id',
  'documentId',
  'nome',
  'status_ativo',
  'url_portal',
  'dominios_permitidos',
] as const;

export const buscarOperadora = async (
  strapi: Core.Strapi,
  alvo: { documentId?: string; id?: number }
): Promise<OperadoraResumo | null> =>
  (await strapi.db.query(UID.OPERADORA).findOne({
    where: alvo.documentId ? { documentId: alvo.documentId } : { id: alvo.id },
    select: [...CAMPOS_OPERADORA_DO_CLIENTE],
  })) as OperadoraResumo | null;

/** Forma canônica dos campos (texto aparado, CNPJ/CPF só com dígitos, CPF vazio = null), na própria entrada. */
export const normalizarCamposCliente = (dados: Dados): Dados => {
  for (const campo of CAMPOS_TEXTO)
    if (typeof dados[campo] === 'string') dados[campo] = (dados[campo] as string).trim();
  if (!vazio(dados.cnpj)) dados.cnpj = normalizarCnpj(texto(dados.cnpj));
  if ('cpf' in dados) dados.cpf = vazio(dados.cpf) ? null : somenteDigitos(texto(dados.cpf));
  return dados;
};

const validarCampos = (dados: Dados, criando: boolean): ErroDeCampo[] => {
  const problemas: ErroDeCampo[] = [];
  normalizarCamposCliente(dados);
  for (const [campo, rotulo] of OBRIGATORIOS) {
    if ((criando || campo in dados) && vazio(dados[campo]))
      problemas.push({ campo, mensagem: `O campo ${rotulo} é obrigatório.` });
  }
  if (!vazio(dados.cnpj) && !cnpjValido(texto(dados.cnpj)))
    problemas.push({ campo: 'cnpj', mensagem: `CNPJ inválido: ${texto(dados.cnpj)}.` });
  if (dados.cpf && !cpfValido(texto(dados.cpf)))
    problemas.push({ campo: 'cpf', mensagem: `CPF inválido: ${texto(dados.cpf)}.` });
  return problemas;
};

/** Cliente novo ou troca de operadora: só para operadora ativa. */
export const conferirOperadoraDoCliente = (
  operadora: OperadoraResumo,
  existente: ClienteExistente | null
): void => {
  const trocou = existente?.operadora?.documentId !== operadora.documentId;
  if (trocou && !operadora.status_ativo) {
    throw erroValidacao(
      `A operadora ${operadora.nome} está inativa: clientes só podem ser vinculados a operadoras ativas.`,
      [{ campo: 'operadora', mensagem: 'Operadora inativa.' }]
    );
  }
};

/** Resolve a operadora final do cliente; exige que exista e, se é nova para ele, que esteja ativa. */
const resolverOperadora = async (
  strapi: Core.Strapi,
  dados: Dados,
  existente: ClienteExistente | null
): Promise<OperadoraResumo> => {
  const alvo = lerAlvoRelacao(dados.operadora);
  if (alvo.tipo === 'removida' || (alvo.tipo === 'inalterada' && !existente?.operadora)) {
    throw erroValidacao('O cliente precisa estar vinculado a uma operadora.', [
      { campo: 'operadora', mensagem: 'Informe a operadora.' },
    ]);
  }
  if (alvo.tipo === 'inalterada')
    return (await buscarOperadora(strapi, { id: existente!.operadora!.id })) ?? existente!.operadora!;
  const operadora = await buscarOperadora(strapi, alvo);
  if (!operadora) {
    throw erroValidacao('A operadora informada não existe.', [
      { campo: 'operadora', mensagem: 'Operadora não encontrada.' },
    ]);
  }
  conferirOperadoraDoCliente(operadora, existente);
  return operadora;
};

/** 409 com o cliente que já ocupa a hash ou a chave de unicidade. */
export const erroClienteDuplicado = (outro: Dados): Error =>
  erroConflito(
    `Cliente duplicado: já existe o cliente "${texto(outro.nome_sat)}" (CNPJ ${texto(outro.cnpj)}, unidade ${texto(outro.unidade)}, serviço ${texto(outro.servico) || '—'}, hash ${texto(outro.hash_unico)}).`,
    {
      cliente_existente: {
        documentId: outro.documentId,
        hash_unico: outro.hash_unico,
        nome_sat: outro.nome_sat,
      },
    }
  );

/** Campos que identificam o cliente duplicado na mensagem de conflito. */
export const CAMPOS_DO_DUPLICADO = ['documentId', 'nome_sat', 'cnpj', 'unidade', 'servico', 'hash_unico'];

const verificarDuplicidade = async (
  strapi: Core.Strapi,
  hash: string,
  chave: string,
  documentId?: string
): Promise<void> => {
  const outro = (await strapi.db.query(UID.CLIENTE).findOne({
    where: {
      $or: [{ hash_unico: hash }, { chave_unicidade: chave }],
      ...(documentId ? { documentId: { $ne: documentId } } : {}),
    },
    select: CAMPOS_DO_DUPLICADO,
  })) as Dados | null;
  if (outro) throw erroClienteDuplicado(outro);
};

/** Primeira metade da regra, sem banco: copia, normaliza e valida a entrada (400 com os campos). */
export const validarEntradaCliente = (
  strapi: Core.Strapi,
  entrada: Dados,
  existente: Dados | null
): Dados => {
  const dados: Dados = { ...entrada };
  delete dados.hash_unico;
  delete dados.chave_unicidade;
  if (dados.cpf === MASCARA_SENHA) delete dados.cpf;
  const problemas = validarCampos(dados, !existente);
  problemas.push(...problemasDeTamanho(strapi, UID.CLIENTE, dados));
  if (relacaoMuitosAlterada(dados.processos)) {
    problemas.push({
      campo: 'processos',
      mensagem:
        'Os processos de um cliente nascem e mudam pelo workflow: não se ligam nem desligam pelo cadastro do cliente.',
    });
  }
  if (
    dados.senha_portal !== undefined &&
    dados.senha_portal !== null &&
    typeof dados.senha_portal !== 'string'
  ) {
    problemas.push({ campo: 'senha_portal', mensagem: 'A senha do portal deve ser texto.' });
  }
  exigirSemErros(problemas);
  return dados;
};

/**
 * Segunda metade, sem banco, com a operadora final já resolvida: site de emissão, hash do legado,
 * chave de unicidade e senha cifrada. O documentId nasce aqui (e não no banco) porque a senha é
 * cifrada ligada a ele.
 */
export const completarCliente = (
  dados: Dados,
  existente: ClienteExistente | null,
  operadora: OperadoraResumo
): Dados => {
  const documentId = existente?.documentId ?? createId();
  if (dados.site_emissao === '') dados.site_emissao = null;
  const final = { ...(existente ?? {}), ...dados };
  if ('site_emissao' in dados || existente?.operadora?.documentId !== operadora.documentId)
    exigirSemErros(validarSiteEmissao(final.site_emissao, operadora));
  dados.hash_unico = calcularHashCliente({
    nome_sat: texto(final.nome_sat),
    operadora_nome: operadora.nome,
    servico: texto(final.servico),
    dados_sat: texto(final.dados_sat),
    filtro: texto(final.filtro),
    unidade: texto(final.unidade),
  });
  dados.chave_unicidade = calcularChaveUnicidade(
    texto(final.cnpj),
    operadora.documentId,
    texto(final.unidade),
    texto(final.servico)
  );
  if (typeof dados.senha_portal === 'string') {
    if (dados.senha_portal === '' || dados.senha_portal === MASCARA_SENHA) delete dados.senha_portal;
    else dados.senha_portal = cifrarSenha(dados.senha_portal, documentId);
  }
  if (!existente) dados.documentId = documentId;
  return dados;
};

/**
 * Regra única do cadastro de clientes (REST, GraphQL, Content Manager, importação e código interno):
 * normaliza e valida, exige operadora ativa, calcula a hash do legado e a chave de unicidade no
 * servidor, recusa duplicados com 409 e cifra a senha do portal. A importação em lote usa as mesmas
 * metades (`validarEntradaCliente`, `conferirOperadoraDoCliente`, `completarCliente`) com as leituras
 * feitas de uma vez.
 */
export const prepararCliente = async (
  strapi: Core.Strapi,
  entrada: Dados,
  registro: Dados | null
): Promise<Dados> => {
  const existente = registro as ClienteExistente | null;
  const dados = validarEntradaCliente(strapi, entrada, existente);
  const operadora = await resolverOperadora(strapi, dados, existente);
  completarCliente(dados, existente, operadora);
  await verificarDuplicidade(
    strapi,
    String(dados.hash_unico),
    String(dados.chave_unicidade),
    existente?.documentId
  );
  return dados;
};

/** Cliente com processos não é apagado (as faturas do histórico ficariam sem dono): desative-o. */
export const impedirExclusaoComProcessos = async (strapi: Core.Strapi, documentId: string): Promise<void> => {
  const cliente = (await strapi.db
    .query(UID.CLIENTE)
    .findOne({ where: { documentId }, select: ['id', 'nome_sat'] })) as Dados | null;
  if (!cliente) return;
  const processos = await strapi.db
    .query(UID.PROCESSO)
    .count({ where: { cliente: { id: cliente.id as number } } });
  if (processos > 0)
    throw erroConflito(
      `O cliente ${String(cliente.nome_sat)} tem ${processos} processo(s) e não pode ser excluído; desative-o (status_ativo=false) em vez disso.`,
      { processos }
    );
};

/**
 * `site_emissao` é a URL do portal deste cliente (https, num domínio permitido da operadora) ou,
 * nas operadoras que mandam a fatura por e-mail (ex.: Azuton), o endereço de e-mail de origem.
 */
const validarSiteEmissao = (valor: unknown, operadora: OperadoraResumo): ErroDeCampo[] => {
  if (valor === null || valor === undefined) return [];
  if (typeof valor !== 'string')
    return [{ campo: 'site_emissao', mensagem: 'O site de emissão deve ser texto.' }];
  if (/^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/.test(valor)) return [];
  const motivo = motivoUrlRecusada(
    valor,
    politicaPortal(),
    dominiosDaOperadora(operadora.dominios_permitidos, operadora.url_portal)
  );
  return motivo ? [{ campo: 'site_emissao', mensagem: `Site de emissão recusado: ${motivo}` }] : [];
};

/** Leituras pelo Document Service (Content Manager incluso) nunca veem a senha cifrada, só a máscara. */
export const mascararSenha = <T>(resultado: T): T => {
  const mascarar = (registro: unknown) => {
    const r = registro as Dados | null;
    if (r && typeof r === 'object' && 'senha_portal' in r)
      r.senha_portal = r.senha_portal ? MASCARA_SENHA : null;
  };
  if (Array.isArray(resultado)) resultado.forEach(mascarar);
  else mascarar(resultado);
  return resultado;
};
