import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { erroProibido } from '../erros';
import { decifrarSenha } from '../cofre';
import { registrarAuditoria } from '../auditoria';
import { UID } from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;
type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

/** O que não se duplica, com o motivo. */
const SEM_CLONE: Readonly<Record<string, string>> = {
  [UID.PROCESSO]:
    'Processos não são duplicados: cada cliente tem um processo por competência, criado pela geração mensal ou pelo cadastro, e o histórico (execuções) pertence só a ele.',
  [UID.USUARIO]: 'Usuários não são duplicados: crie um novo com o e-mail da pessoa.',
  [UID.NOTIFICACAO]: 'Notificações não são duplicadas: use o reenvio.',
  [UID.AGENDAMENTO]: 'Agendamentos não são duplicados por aqui: crie um novo.',
};

/** Campos que a cópia nunca leva: identidade, datas e o que é calculado ou pertence ao original. */
const FORA_DA_COPIA = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
  'hash_unico',
  'chave_unicidade',
  'processos',
  'clientes',
]);

/** Só os campos próprios do original (relações "para um" viram documentId), sem as relações inversas. */
const copiaDoOriginal = (original: Dados): Dados => {
  const copia: Dados = {};
  for (const [campo, valor] of Object.entries(original)) {
    if (FORA_DA_COPIA.has(campo)) continue;
    copia[campo] =
      valor && typeof valor === 'object' && 'documentId' in (valor as Dados)
        ? (valor as Dados).documentId
        : valor;
  }
  return copia;
};

/**
 * `clone` (o "Duplicar" do Content Manager) não passa pelas regras de criação e copiaria relações
 * inversas — levando do original os processos de um cliente ou os clientes de uma operadora. Aqui
 * ele vira uma criação comum (todas as regras, auditoria, senha recifrada para o novo dono); o que
 * não faz sentido duplicar é recusado.
 */
export const clonagem =
  (strapi: Core.Strapi): Middleware =>
  async (contexto, next) => {
    if (contexto.action !== 'clone') return next();
    if (SEM_CLONE[contexto.uid]) throw erroProibido(SEM_CLONE[contexto.uid]);
    if (contexto.uid !== UID.CLIENTE && contexto.uid !== UID.OPERADORA) return next();
    const { documentId, data } = contexto.params as { documentId: string; data?: Dados };
    const original = (await strapi.db.query(contexto.uid).findOne({
      where: { documentId },
      populate: contexto.uid === UID.CLIENTE ? { operadora: { select: ['documentId'] } } : {},
    })) as Dados | null;
    if (!original) throw new errors.NotFoundError('Registro a duplicar não encontrado.');
    const dados: Dados = { ...copiaDoOriginal(original), ...(data ?? {}) };
    if (
      contexto.uid === UID.CLIENTE &&
      typeof original.senha_portal === 'string' &&
      original.senha_portal &&
      !(data && 'senha_portal' in data)
    ) {
      dados.senha_portal = decifrarSenha(original.senha_portal, documentId);
    }
    const criado = (await strapi
      .documents(contexto.uid as typeof UID.CLIENTE)
      .create({ data: dados as never })) as unknown as Dados;
    await registrarAuditoria(strapi, {
      acao: `${contexto.uid === UID.CLIENTE ? 'cliente' : 'operadora'}.duplicar`,
      entidade: contexto.uid === UID.CLIENTE ? 'cliente' : 'operadora',
      id_entidade: criado.documentId as string,
      antes: { duplicado_de: documentId },
    });
    return { documentId: criado.documentId, entries: [criado] } as never;
  };
