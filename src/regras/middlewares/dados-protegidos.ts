import type { Core } from '@strapi/strapi';
import { MASCARA_SENHA } from '../cliente';
import { temNivelAdministrador } from '../../seguranca/requisitante';
import { UID } from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;
type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

/** A senha de portal nunca sai do Document Service, nem cifrada: só a máscara. */
const SENHAS: Readonly<Record<string, readonly string[]>> = { [UID.CLIENTE]: ['senha_portal'] };

/** Dados pessoais: só quem tem nível de administrador os vê; os demais veem a máscara. */
export const CAMPOS_PESSOAIS: Readonly<Record<string, readonly string[]>> = {
  [UID.CLIENTE]: ['cpf'],
  [UID.USUARIO]: ['email', 'telefone', 'telegram_chat_id', 'slack_destino'],
  [UID.NOTIFICACAO]: ['destinatario'],
  [UID.AUDITORIA]: ['usuario_email', 'ip_origem', 'user_agent'],
  [UID.EXECUCAO]: ['ip_origem', 'user_agent'],
};

/** Chaves pessoais dentro dos JSON da auditoria (`antes`/`depois` guardam o registro inteiro). */
const CHAVES_PESSOAIS_NO_JSON = new Set([
  'cpf',
  'email',
  'telefone',
  'telegram_chat_id',
  'slack_destino',
  'destinatario',
  'usuario_email',
  'ip_origem',
  'user_agent',
]);

const mascararJson = (valor: unknown): unknown => {
  if (Array.isArray(valor)) return valor.map(mascararJson);
  if (!valor || typeof valor !== 'object') return valor;
  return Object.fromEntries(
    Object.entries(valor as Dados).map(([c, v]) => [
      c,
      CHAVES_PESSOAIS_NO_JSON.has(c) && v ? MASCARA_SENHA : mascararJson(v),
    ])
  );
};

const LEITURAS = new Set([
  'findOne',
  'findMany',
  'findFirst',
  'create',
  'update',
  'clone',
  'delete',
  'publish',
  'unpublish',
  'discardDraft',
]);

/**
 * Mascara o registro e, descendo pelas relações populadas (schema do Strapi), os registros
 * relacionados: um `populate` de outro tipo não revela o que a leitura direta esconde.
 */
const mascarar = (
  strapi: Core.Strapi,
  uid: string,
  valor: unknown,
  pessoais: boolean,
  vistos = new Set<unknown>()
): void => {
  if (!valor || typeof valor !== 'object' || vistos.has(valor)) return;
  vistos.add(valor);
  if (Array.isArray(valor)) {
    for (const item of valor) mascarar(strapi, uid, item, pessoais, vistos);
    return;
  }
  const registro = valor as Dados;
  for (const campo of [...(SENHAS[uid] ?? []), ...(pessoais ? (CAMPOS_PESSOAIS[uid] ?? []) : [])]) {
    if (campo in registro) registro[campo] = registro[campo] ? MASCARA_SENHA : null;
  }
  if (pessoais && uid === UID.AUDITORIA)
    for (const campo of ['antes', 'depois'])
      if (registro[campo]) registro[campo] = mascararJson(registro[campo]);
  const modelo = strapi.getModel(uid as never) as unknown as
    { attributes?: Record<string, { type?: string; target?: string }> } | undefined;
  for (const [campo, atributo] of Object.entries(modelo?.attributes ?? {})) {
    if (atributo.type === 'relation' && atributo.target && registro[campo])
      mascarar(strapi, atributo.target, registro[campo], pessoais, vistos);
  }
};

/** Toda resposta do Document Service (REST, GraphQL, Content Manager, chamadas internas) passa por aqui. */
export const dadosProtegidos =
  (strapi: Core.Strapi): Middleware =>
  async (contexto, next) => {
    const resultado = await next();
    if (!LEITURAS.has(contexto.action) || !resultado) return resultado;
    const pessoais = !temNivelAdministrador(strapi);
    const entradas = (resultado as { entries?: unknown }).entries;
    mascarar(
      strapi,
      contexto.uid,
      !Array.isArray(resultado) && Array.isArray(entradas) ? entradas : resultado,
      pessoais
    );
    return resultado;
  };
