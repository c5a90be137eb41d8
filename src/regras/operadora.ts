import type { Core } from '@strapi/strapi';
import { erroConflito, exigirSemErros, type ErroDeCampo } from './erros';
import { calcularHashCliente } from './hash-cliente';
import { auditarHashRecalculada } from './auditoria';
import { relacaoMuitosAlterada } from './relacoes';
import {
  formatarCnpj,
  lerDominios,
  lerListaDeCnpjs,
  motivoUrlRecusada,
  operadoraTemRobo,
  OPERADORAS_HOMOLOGADAS,
  UID,
} from '@orquestrador-rpa/contrato';
import { politicaPortal } from '../configuracao';

type Dados = Record<string, unknown>;

/** Normaliza e valida nome e código; código em maiúsculas (letras, dígitos e _). */
export const prepararOperadora = async (
  strapi: Core.Strapi,
  entrada: Dados,
  existente: Dados | null
): Promise<Dados> => {
  const documentId = existente?.documentId as string | undefined;
  const dados: Dados = { ...entrada };
  const problemas: ErroDeCampo[] = [];
  if (typeof dados.nome === 'string') dados.nome = dados.nome.trim();
  if (typeof dados.codigo === 'string') dados.codigo = dados.codigo.trim().toUpperCase();
  if ((!documentId || 'nome' in dados) && !dados.nome)
    problemas.push({ campo: 'nome', mensagem: 'O campo nome é obrigatório.' });
  if ((!documentId || 'codigo' in dados) && !dados.codigo)
    problemas.push({ campo: 'codigo', mensagem: 'O campo código é obrigatório.' });
  else if (typeof dados.codigo === 'string' && !/^[A-Z0-9_]{2,20}$/.test(dados.codigo)) {
    problemas.push({
      campo: 'codigo',
      mensagem: 'O código deve ter de 2 a 20 letras, dígitos ou _ (ex.: EMB).',
    });
  }
  problemas.push(...validarPortal(dados), ...validarEmitentes(dados));
  problemas.push(...validarRobo(dados, existente));
  if (relacaoMuitosAlterada(dados.clientes)) {
    problemas.push({
      campo: 'clientes',
      mensagem:
        'O vínculo entre cliente e operadora se edita pelo cliente (onde valem as regras do cadastro).',
    });
  }
  exigirSemErros(problemas);
  for (const campo of ['nome', 'codigo'] as const) {
    if (typeof dados[campo] !== 'string') continue;
    const valor = dados[campo] as string;
    const outra = (await strapi.db.query(UID.OPERADORA).findOne({
      where: { [campo]: { $eqi: valor }, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
      select: ['documentId', 'nome', 'codigo'],
    })) as Dados | null;
    if (outra) {
      throw erroConflito(
        `Já existe a operadora ${outra.nome as string} (código ${outra.codigo as string}) com este ${campo === 'nome' ? 'nome' : 'código'}.`,
        {
          operadora_existente: outra,
        }
      );
    }
  }
  return dados;
};

const mensagemSemRobo = (codigo: string): string =>
  `A operadora ${codigo} não tem robô homologado: "possui RPA" vale só para ${OPERADORAS_HOMOLOGADAS.join(', ')}; as demais recebem a fatura por upload manual.`;

/** `possui_rpa` só para um código com robô (o valor final: o novo ou o que já estava gravado). */
const validarRobo = (dados: Dados, existente: Dados | null): ErroDeCampo[] => {
  const possui = 'possui_rpa' in dados ? Boolean(dados.possui_rpa) : Boolean(existente?.possui_rpa);
  const codigo = (typeof dados.codigo === 'string' ? dados.codigo : existente?.codigo) as string | undefined;
  return possui && codigo && !operadoraTemRobo(codigo)
    ? [{ campo: 'possui_rpa', mensagem: mensagemSemRobo(codigo) }]
    : [];
};

/**
 * Na subida: operadora marcada com robô sem robô registrado (gravada antes desta regra ou por fora)
 * é dita no log; os downloads dela são recusados com a mesma mensagem.
 */
export const conferirRobosDasOperadoras = async (strapi: Core.Strapi): Promise<string[]> => {
  const marcadas = (await strapi.db
    .query(UID.OPERADORA)
    .findMany({ where: { possui_rpa: true }, select: ['codigo'] })) as Array<{ codigo: string }>;
  const semRobo = marcadas.map((o) => o.codigo).filter((codigo) => !operadoraTemRobo(codigo));
  for (const codigo of semRobo)
    strapi.log.error(`${mensagemSemRobo(codigo)} Corrija o cadastro da operadora.`);
  return semRobo;
};

export const exigirRoboDaOperadora = (codigo: string): string | null =>
  operadoraTemRobo(codigo) ? null : mensagemSemRobo(codigo);

/** URL do portal (https, host externo) e domínios permitidos (um por linha), normalizados na entrada. */
const validarPortal = (dados: Dados): ErroDeCampo[] => {
  const problemas: ErroDeCampo[] = [];
  if (typeof dados.url_portal === 'string') dados.url_portal = dados.url_portal.trim() || null;
  if (dados.url_portal !== undefined && dados.url_portal !== null) {
    const motivo =
      typeof dados.url_portal === 'string'
        ? motivoUrlRecusada(dados.url_portal, politicaPortal())
        : 'A URL do portal deve ser texto.';
    if (motivo) problemas.push({ campo: 'url_portal', mensagem: `URL do portal recusada: ${motivo}` });
  }
  if (dados.dominios_permitidos !== undefined && dados.dominios_permitidos !== null) {
    const dominios = lerDominios(String(dados.dominios_permitidos));
    const invalidos = dominios
      .filter((d) => d.startsWith('inválido:'))
      .map((d) => d.slice('inválido:'.length));
    if (invalidos.length)
      problemas.push({
        campo: 'dominios_permitidos',
        mensagem: `Domínios inválidos: ${invalidos.join(', ')} (use nomes como portal.operadora.com.br ou *.operadora.com.br).`,
      });
    else dados.dominios_permitidos = dominios.join('\n') || null;
  }
  return problemas;
};

/** CNPJs que emitem as faturas da operadora (a conferência fiscal compara o emitente com eles). */
const validarEmitentes = (dados: Dados): ErroDeCampo[] => {
  const problemas: ErroDeCampo[] = [];
  if (dados.cnpjs_emitentes !== undefined && dados.cnpjs_emitentes !== null) {
    const { validos, recusados } = lerListaDeCnpjs(String(dados.cnpjs_emitentes));
    if (recusados.length)
      problemas.push({
        campo: 'cnpjs_emitentes',
        mensagem: `CNPJs inválidos: ${recusados.join(', ')} (confira os dígitos verificadores; um por linha ou separados por vírgula).`,
      });
    else dados.cnpjs_emitentes = validos.map(formatarCnpj).join('\n') || null;
  }
  return problemas;
};

/** Operadora com clientes não pode ser excluída (inativá-la não apaga nada). */
export const impedirExclusaoComClientes = async (strapi: Core.Strapi, documentId: string): Promise<void> => {
  const operadora = (await strapi.db
    .query(UID.OPERADORA)
    .findOne({ where: { documentId }, select: ['id', 'nome'] })) as Dados | null;
  if (!operadora) return;
  const quantidade = await strapi.db
    .query(UID.CLIENTE)
    .count({ where: { operadora: { id: operadora.id as number } } });
  if (quantidade > 0) {
    throw erroConflito(
      `A operadora ${operadora.nome as string} tem ${quantidade} cliente(s) e não pode ser excluída; inative-a em vez disso.`,
      { clientes: quantidade }
    );
  }
};

/** O nome da operadora entra na hash do legado: ao renomeá-la, recalcula a hash dos seus clientes. */
export const recalcularHashesDaOperadora = async (
  strapi: Core.Strapi,
  documentId: string
): Promise<number> => {
  const operadora = (await strapi.db
    .query(UID.OPERADORA)
    .findOne({ where: { documentId }, select: ['id', 'nome'] })) as Dados | null;
  if (!operadora) return 0;
  const clientes = (await strapi.db.query(UID.CLIENTE).findMany({
    where: { operadora: { id: operadora.id as number } },
    select: ['id', 'documentId', 'nome_sat', 'servico', 'dados_sat', 'filtro', 'unidade', 'hash_unico'],
  })) as Dados[];
  let alterados = 0;
  for (const cliente of clientes) {
    const nova = calcularHashCliente({
      ...(cliente as Record<string, string>),
      operadora_nome: operadora.nome as string,
    });
    if (nova === cliente.hash_unico) continue;
    await strapi.db
      .query(UID.CLIENTE)
      .update({ where: { id: cliente.id as number }, data: { hash_unico: nova } });
    await auditarHashRecalculada(
      strapi,
      cliente.documentId as string,
      cliente.hash_unico as string,
      nova,
      'operadora renomeada'
    );
    alterados += 1;
  }
  return alterados;
};
