import type { Core } from '@strapi/strapi';
import { UID } from '@orquestrador-rpa/contrato';

/**
 * Uma pessoa, uma identidade: todos os logins (`PAINEL:<id do admin>`, `API:<id do integrador>`)
 * que pertencem à mesma pessoa — o mesmo e-mail (sem diferença de caixa) ou o mesmo registro
 * `usuario`, que liga um login do painel e um da API. A regra dos quatro olhos e a carência comparam
 * esse conjunto, nunca o texto de um login.
 */
interface Registro {
  id: number;
  email: string | null;
}
interface RegistroUsuario extends Registro {
  id_usuario_admin: number | null;
  usuario_api: { id: number } | null;
}

const normalizar = (email: string | null | undefined): string | null =>
  email ? email.trim().toLowerCase() : null;

const porEmails = (emails: string[]) => ({ $or: emails.map((email) => ({ email: { $eqi: email } })) });

/** Voltas bem além das duas de sempre: passar disso é um cadastro em cadeia, e a regra falha fechada. */
const VOLTAS_MAXIMAS = 12;

/** Logins e e-mails alcançados a partir dos conhecidos; repete até nada novo aparecer (em geral, duas voltas). */
export const identidadesDaPessoa = async (strapi: Core.Strapi, identidade: string): Promise<Set<string>> => {
  const identidades = new Set<string>([identidade]);
  if (!/^(PAINEL|API):\d+$/.test(identidade)) return identidades; // sistema, robô ou token: ninguém mais
  const emails = new Set<string>();
  for (let volta = 0; ; volta++) {
    if (volta === VOLTAS_MAXIMAS)
      throw new Error(
        `Não foi possível reunir os logins de ${identidade}: o cadastro de usuários liga pessoas demais em cadeia. Corrija os vínculos.`
      );
    const antes = identidades.size + emails.size;
    const ids = (origem: string) =>
      [...identidades].filter((i) => i.startsWith(`${origem}:`)).map((i) => Number(i.split(':')[1]));
    const peloEmail = emails.size ? [porEmails([...emails])] : [];
    // As três leituras de cada volta saem juntas: uma ida ao banco por volta.
    const [admins, integradores, usuarios] = await Promise.all([
      strapi.db.query('admin::user').findMany({
        where: { $or: [{ id: { $in: ids('PAINEL') } }, ...peloEmail] },
        select: ['id', 'email'],
      }) as Promise<Registro[]>,
      strapi.db.query('plugin::users-permissions.user').findMany({
        where: { $or: [{ id: { $in: ids('API') } }, ...peloEmail] },
        select: ['id', 'email'],
      }) as Promise<Registro[]>,
      strapi.db.query(UID.USUARIO).findMany({
        where: {
          $or: [
            { id_usuario_admin: { $in: ids('PAINEL') } },
            { usuario_api: { id: { $in: ids('API') } } },
            ...peloEmail,
          ],
        },
        select: ['id', 'email', 'id_usuario_admin'],
        populate: { usuario_api: { select: ['id'] } },
      }) as Promise<RegistroUsuario[]>,
    ]);
    for (const a of admins) identidades.add(`PAINEL:${a.id}`);
    for (const i of integradores) identidades.add(`API:${i.id}`);
    for (const u of usuarios) {
      if (u.id_usuario_admin) identidades.add(`PAINEL:${u.id_usuario_admin}`);
      if (u.usuario_api) identidades.add(`API:${u.usuario_api.id}`);
    }
    for (const r of [...admins, ...integradores, ...usuarios]) {
      const email = normalizar(r.email);
      if (email) emails.add(email);
    }
    if (identidades.size + emails.size === antes) return identidades;
  }
};

/** Retrato dos logins de quem trouxe a fatura, gravado com ela: mudar vínculos depois não separa a pessoa. */
export const retratoDaPessoa = async (
  strapi: Core.Strapi,
  identidade: string | null
): Promise<string[] | null> =>
  identidade ? [...(await identidadesDaPessoa(strapi, identidade))].sort() : null;
