import type { Core } from '@strapi/strapi';
import { MASCARA_SENHA } from '../cliente';
import { temNivelAdministrador } from '../../seguranca/requisitante';
import { UID } from '@orquestrador-rpa/contrato';
import { erroValidacao } from '../erros';

type Dados = Record<string, unknown>;
type Middleware = Parameters<Core.Strapi['documents']['use']>[0];
type Atributo = { type?: string; target?: string; searchable?: boolean };

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

/** JSON com dados pessoais dentro (`antes`/`depois` da auditoria guardam o registro inteiro). */
const JSON_COM_PESSOAIS: Readonly<Record<string, readonly string[]>> = {
  [UID.AUDITORIA]: ['antes', 'depois'],
};

/** Chaves pessoais dentro desses JSON; `*_por` é o e-mail de quem agiu (`enviado_por`, `aprovado_por`...). */
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
      (CHAVES_PESSOAIS_NO_JSON.has(c) || c.endsWith('_por')) && v ? MASCARA_SENHA : mascararJson(v),
    ])
  );
};

/** Campos que quem pede vê mascarados em `uid`: a senha sempre; os pessoais, se não for administrador. */
export const camposMascarados = (uid: string, pessoais: boolean): readonly string[] => [
  ...(SENHAS[uid] ?? []),
  ...(pessoais ? (CAMPOS_PESSOAIS[uid] ?? []) : []),
];

const atributos = (strapi: Core.Strapi, uid: string): Record<string, Atributo> =>
  (strapi.getModel(uid as never) as unknown as { attributes?: Record<string, Atributo> } | undefined)
    ?.attributes ?? {};

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
  for (const campo of camposMascarados(uid, pessoais)) {
    if (campo in registro) registro[campo] = registro[campo] ? MASCARA_SENHA : null;
  }
  if (pessoais)
    for (const campo of JSON_COM_PESSOAIS[uid] ?? [])
      if (registro[campo]) registro[campo] = mascararJson(registro[campo]);
  for (const [campo, atributo] of Object.entries(atributos(strapi, uid))) {
    if (atributo.type === 'relation' && atributo.target && registro[campo])
      mascarar(strapi, atributo.target, registro[campo], pessoais, vistos);
  }
};

/** Caminhos de um `sort`: `a.b:asc`, `a,b:desc`, listas e `{ a: { b: 'asc' } }`. */
const caminhosDeOrdem = (valor: unknown): string[][] => {
  if (Array.isArray(valor)) return valor.flatMap(caminhosDeOrdem);
  if (typeof valor === 'string')
    return valor.split(',').map((parte) => parte.split(':')[0]!.trim().split('.'));
  if (!valor || typeof valor !== 'object') return [];
  return Object.entries(valor as Dados).flatMap(([campo, filho]) =>
    filho && typeof filho === 'object' ? caminhosDeOrdem(filho).map((c) => [campo, ...c]) : [[campo]]
  );
};

/**
 * Campo mascarado não serve de filtro nem de ordenação (`$startsWith` ou a ordem adivinhariam o
 * valor): 400 dizendo o campo. Desce por `$and/$or/$not` (e `and/or/not` do GraphQL), pelas relações
 * (`cliente.cpf`) e pelos `filters`/`sort` do `populate`.
 */
export const conferirConsulta = (
  strapi: Core.Strapi,
  uid: string,
  consulta: { filters?: unknown; sort?: unknown; populate?: unknown; [outro: string]: unknown },
  pessoais: boolean,
  prefixo = ''
): void => {
  const conferir = (alvo: string, campo: string, caminho: string): Atributo | undefined => {
    if (
      camposMascarados(alvo, pessoais).includes(campo) ||
      (pessoais && JSON_COM_PESSOAIS[alvo]?.includes(campo))
    )
      throw erroValidacao(
        `Não é possível filtrar nem ordenar por "${caminho}${campo}": o campo é protegido (quem o vê, vê a máscara).`,
        [{ campo: caminho + campo, mensagem: 'Campo protegido: não serve de filtro nem de ordenação.' }]
      );
    const atributo = atributos(strapi, alvo)[campo];
    return atributo?.type === 'relation' && atributo.target ? atributo : undefined;
  };
  const filtros = (alvo: string, valor: unknown, caminho: string): void => {
    if (Array.isArray(valor)) return valor.forEach((v) => filtros(alvo, v, caminho));
    if (!valor || typeof valor !== 'object') return;
    for (const [chave, filho] of Object.entries(valor as Dados)) {
      if (/^\$?(and|or|not)$/.test(chave)) filtros(alvo, filho, caminho);
      else {
        const relacao = conferir(alvo, chave, caminho);
        if (relacao) filtros(relacao.target!, filho, `${caminho}${chave}.`);
      }
    }
  };
  filtros(uid, consulta.filters, prefixo);
  for (const partes of caminhosDeOrdem(consulta.sort)) {
    let alvo: string | undefined = uid;
    let caminho = prefixo;
    for (const campo of partes) {
      if (!alvo || !campo) break;
      alvo = conferir(alvo, campo, caminho)?.target;
      caminho += `${campo}.`;
    }
  }
  if (consulta.populate && typeof consulta.populate === 'object' && !Array.isArray(consulta.populate))
    for (const [campo, filho] of Object.entries(consulta.populate as Dados)) {
      const alvo = atributos(strapi, uid)[campo]?.target;
      if (alvo && filho && typeof filho === 'object')
        conferirConsulta(strapi, alvo, filho as Dados, pessoais, `${prefixo}${campo}.`);
    }
};

/**
 * A máscara de quem faz a requisição em curso, para o que se lê fora do Document Service (SQL cru,
 * Query Engine: exportações, rastreabilidade, painel). Calculada uma vez; aplicada por registro.
 */
export const mascaraAtual = (strapi: Core.Strapi) => {
  const pessoais = !temNivelAdministrador(strapi);
  return {
    /** Registros de `uid` (e as relações populadas), mascarados no lugar. */
    registros: <T>(uid: string, valor: T): T => {
      mascarar(strapi, uid, valor, pessoais);
      return valor;
    },
    /** Um valor solto da coluna `campo` de `uid` (lido em SQL cru). */
    valor: (uid: string, campo: string, valor: unknown): unknown =>
      camposMascarados(uid, pessoais).includes(campo) ? (valor ? MASCARA_SENHA : null) : (valor ?? null),
  };
};

const TEXTO = new Set(['string', 'text', 'uid', 'email', 'enumeration', 'richtext']);
const NUMERO = new Set(['integer', 'biginteger', 'decimal', 'float']);

/**
 * A busca livre (`_q`) do Strapi procura em toda coluna de texto (e nas numéricas, se o termo é
 * número): para quem vê a máscara, a mesma busca como filtro, sem as colunas mascaradas.
 */
const buscaSemMascarados = (strapi: Core.Strapi, uid: string, termo: string, pessoais: boolean): Dados => {
  const escondidos = new Set(camposMascarados(uid, pessoais));
  const numero = termo.trim() !== '' && Number.isFinite(Number(termo));
  const { attributes } = strapi.db.metadata.get(uid) as unknown as { attributes: Record<string, Atributo> };
  return {
    $or: Object.entries(attributes).flatMap(([campo, a]): Dados[] => {
      if (escondidos.has(campo) || a.searchable === false) return [];
      if (TEXTO.has(a.type ?? '')) return [{ [campo]: { $containsi: termo } }];
      return numero && (campo === 'id' || NUMERO.has(a.type ?? '')) ? [{ [campo]: Number(termo) }] : [];
    }),
  };
};

/**
 * Todo pedido e toda resposta do Document Service (REST, GraphQL, Content Manager, chamadas
 * internas) passam por aqui: filtro, ordem e busca livre não tocam campo mascarado; a resposta sai
 * com a máscara.
 */
export const dadosProtegidos =
  (strapi: Core.Strapi): Middleware =>
  async (contexto, next) => {
    const pessoais = !temNivelAdministrador(strapi);
    const params = contexto.params as (Dados & { filters?: unknown; _q?: unknown }) | undefined;
    if (params) {
      conferirConsulta(strapi, contexto.uid, params, pessoais);
      if (typeof params._q === 'string' && camposMascarados(contexto.uid, pessoais).length) {
        const { _q: termo, ...demais } = params;
        const busca = buscaSemMascarados(strapi, contexto.uid, termo as string, pessoais);
        contexto.params = {
          ...demais,
          filters: demais.filters ? { $and: [demais.filters, busca] } : busca,
        } as typeof contexto.params;
      }
    }
    const resultado = await next();
    if (!LEITURAS.has(contexto.action) || !resultado) return resultado;
    const entradas = (resultado as { entries?: unknown }).entries;
    mascarar(
      strapi,
      contexto.uid,
      !Array.isArray(resultado) && Array.isArray(entradas) ? entradas : resultado,
      pessoais
    );
    return resultado;
  };

type ResolverGraphql = (
  resolver: (...args: unknown[]) => Promise<unknown>,
  pai: unknown,
  args: { filters?: unknown; sort?: unknown },
  ...resto: unknown[]
) => Promise<unknown>;

/**
 * As relações do GraphQL (`processos { cliente { cpf } }`, `operadoras { clientes(filters: ...) }`)
 * são lidas pelo Query Engine, fora do Document Service: cada uma ganha aqui a mesma conferência
 * dos argumentos e a mesma máscara na resposta.
 */
export const protegerRelacoesDoGraphql = (strapi: Core.Strapi): void => {
  strapi
    .plugin('graphql')
    ?.service('extension')
    .use(() => {
      const { getTypeName } = strapi.plugin('graphql').service('utils').naming as {
        getTypeName: (tipo: unknown) => string;
      };
      const config: Record<string, { middlewares: ResolverGraphql[] }> = {};
      for (const [uid, tipo] of Object.entries(strapi.contentTypes))
        for (const [campo, atributo] of Object.entries(atributos(strapi, uid))) {
          const alvo = atributo.type === 'relation' ? atributo.target : undefined;
          if (!alvo) continue;
          const protegido: ResolverGraphql = async (resolver, pai, args, ...resto) => {
            const pessoais = !temNivelAdministrador(strapi);
            conferirConsulta(strapi, alvo, args ?? {}, pessoais);
            const resultado = await resolver(pai, args, ...resto);
            const nos = (resultado as { nodes?: unknown } | null)?.nodes;
            mascarar(strapi, alvo, nos ?? resultado, pessoais);
            return resultado;
          };
          for (const nome of [campo, `${campo}_connection`])
            config[`${getTypeName(tipo)}.${nome}`] = { middlewares: [protegido] };
        }
      return { resolversConfig: config };
    });
};

interface ControladorRelacoes {
  findAvailable: (ctx: unknown) => Promise<unknown>;
  extractAndValidateRequestInfo: (ctx: unknown, id: unknown) => Promise<{ mainField: string }>;
}
interface PedidoRelacoes {
  params: { model: string; targetField: string };
  query: Dados & { _q?: unknown; id?: unknown };
}

/**
 * O seletor de relações do Content Manager (`/content-manager/relations/:model/:campo`) também lê
 * pelo Query Engine: `filters`, `sort` e a busca no campo principal passam pela mesma conferência.
 */
export const protegerRelacoesDoContentManager = (strapi: Core.Strapi): void => {
  strapi.get('controllers').extend('plugin::content-manager.relations', (original: ControladorRelacoes) => ({
    ...original,
    async findAvailable(this: ControladorRelacoes, ctx: PedidoRelacoes) {
      const alvo = atributos(strapi, ctx.params.model)[ctx.params.targetField]?.target;
      if (alvo) {
        const pessoais = !temNivelAdministrador(strapi);
        conferirConsulta(strapi, alvo, ctx.query, pessoais);
        if (ctx.query._q) {
          const { mainField } = await this.extractAndValidateRequestInfo(ctx, ctx.query.id);
          conferirConsulta(strapi, alvo, { filters: { [mainField]: ctx.query._q } }, pessoais);
        }
      }
      return original.findAvailable.call(this, ctx);
    },
  }));
};
