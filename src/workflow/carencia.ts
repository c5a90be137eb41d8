import type { Core } from '@strapi/strapi';
import {
  ACAO_ALTERACAO_SENSIVEL,
  ACAO_CONTA_CONFIRMADA,
  ROTULOS_ALTERACAO_SENSIVEL,
  UID,
  type ItemCarencia,
  type TipoAlteracaoSensivel,
} from '@orquestrador-rpa/contrato';
import { configuracao } from '../configuracao';
import { erroConflito, erroProibido } from '../regras/erros';
import { registrarAuditoria } from '../regras/auditoria';
import { identidadesDaPessoa } from './identidades';
import type { Pessoa } from './pessoa';

/**
 * Carência para aprovar depois de uma alteração sensível feita por outra pessoa (conta criada,
 * senha ou e-mail trocados, papel que aprova atribuído, destinos das notificações mudados): a
 * pessoa só decide depois de `QUATRO_OLHOS_CARENCIA_HORAS` (24) ou quando um segundo administrador
 * — nem a pessoa, nem quem alterou — confirma. A trilha de auditoria é a fonte: a alteração e a
 * confirmação são registros dela, que ninguém edita.
 */
interface LinhaAlteracao {
  documentId: string;
  id_entidade: string;
  origem: string;
  usuario_id: string | null;
  usuario_email: string | null;
  data_hora: string;
  depois: { tipos?: TipoAlteracaoSensivel[]; pessoa?: string } | null;
}

const horas = (): number => configuracao().quatroOlhos.carenciaHoras;
const identidadeDoAutor = (linha: { origem: string; usuario_id: string | null }): string =>
  linha.usuario_id ? `${linha.origem}:${linha.usuario_id}` : linha.origem;
const liberaEm = (linha: LinhaAlteracao): Date =>
  new Date(new Date(linha.data_hora).getTime() + horas() * 3600_000);

/** Pares (origem, usuario_id) das identidades, para filtrar a autoria no banco. */
export const autoriaDe = (identidades: Iterable<string>) =>
  [...identidades].map((identidade) => {
    const [origem, id] = identidade.split(':');
    return { origem, usuario_id: id ?? null };
  });

const CAMPOS = ['documentId', 'id_entidade', 'origem', 'usuario_id', 'usuario_email', 'data_hora', 'depois'];

/**
 * Alterações ainda em carência (sem confirmação). Com `identidades`, só as da pessoa e feitas por
 * outra (o filtro de autoria vai ao banco, antes do limite); sem, todas — para o painel.
 */
const emCarencia = async (
  strapi: Core.Strapi,
  filtro: { identidades?: ReadonlySet<string>; documentId?: string } = {}
): Promise<LinhaAlteracao[]> => {
  if (horas() <= 0) return [];
  const linhas = (await strapi.db.query(UID.AUDITORIA).findMany({
    where: {
      acao: ACAO_ALTERACAO_SENSIVEL,
      data_hora: { $gte: new Date(Date.now() - horas() * 3600_000) },
      ...(filtro.documentId ? { documentId: filtro.documentId } : {}),
      ...(filtro.identidades
        ? { id_entidade: { $in: [...filtro.identidades] }, $not: { $or: autoriaDe(filtro.identidades) } }
        : {}),
    },
    select: CAMPOS,
    orderBy: { id: 'desc' },
    limit: 500,
  })) as LinhaAlteracao[];
  if (!linhas.length) return [];
  const confirmadas = (await strapi.db.query(UID.AUDITORIA).findMany({
    where: { acao: ACAO_CONTA_CONFIRMADA, id_entidade: { $in: linhas.map((l) => l.documentId) } },
    select: ['id_entidade'],
  })) as Array<{ id_entidade: string }>;
  const feitas = new Set(confirmadas.map((c) => c.id_entidade));
  return linhas.filter((l) => !feitas.has(l.documentId));
};

const dataHora = (data: Date): string => data.toLocaleString('pt-BR', { timeZone: 'America/Sao_Paulo' });
const descrever = (tipos: readonly TipoAlteracaoSensivel[] | undefined): string =>
  (tipos ?? []).map((t) => ROTULOS_ALTERACAO_SENSIVEL[t]).join(', ') || 'conta alterada';

/** 403 se a pessoa (qualquer login dela) está em carência para decidir. */
export const exigirSemCarencia = async (
  strapi: Core.Strapi,
  pessoa: Pick<Pessoa, 'identidade'>,
  identidades?: ReadonlySet<string>
): Promise<void> => {
  const [ultima] = await emCarencia(strapi, {
    identidades: identidades ?? (await identidadesDaPessoa(strapi, pessoa.identidade)),
  });
  if (!ultima) return;
  throw erroProibido(
    `Por segurança, sua conta ainda não aprova nem rejeita faturas: ${descrever(ultima.depois?.tipos)} por outra pessoa em ` +
      `${dataHora(new Date(ultima.data_hora))}. As decisões ficam liberadas em ${dataHora(liberaEm(ultima))}, ` +
      'ou antes, quando outro administrador confirmar a alteração (painel do orquestrador → Contas em carência).'
  );
};

const itemDe = (linha: LinhaAlteracao, libera = liberaEm(linha)): ItemCarencia => ({
  alteracao: linha.documentId,
  identidade: linha.id_entidade,
  pessoa: linha.depois?.pessoa ?? linha.id_entidade,
  tipos: linha.depois?.tipos ?? [],
  alterado_por: linha.usuario_email ?? identidadeDoAutor(linha),
  alterado_em: new Date(linha.data_hora).toISOString(),
  libera_em: libera.toISOString(),
});

/** Carências em curso, para o painel dos administradores. */
export const listarCarencias = async (strapi: Core.Strapi): Promise<ItemCarencia[]> => {
  const itens: ItemCarencia[] = [];
  for (const linha of await emCarencia(strapi))
    if (!(await identidadesDaPessoa(strapi, linha.id_entidade)).has(identidadeDoAutor(linha)))
      itens.push(itemDe(linha));
  return itens;
};

/** Um segundo administrador confirma a alteração: nem a própria pessoa, nem quem a fez. */
export const confirmarAlteracao = async (
  strapi: Core.Strapi,
  documentId: string,
  quem: Pessoa
): Promise<ItemCarencia> => {
  if (quem.perfil !== 'ADMINISTRADOR' || !quem.ativo)
    throw erroProibido('Só um administrador ativo confirma a alteração de uma conta.');
  // Uma conta de fachada (criada ou alterada há pouco por outra pessoa) não confirma nada.
  await exigirSemCarencia(strapi, quem);
  const [linha] = await emCarencia(strapi, { documentId });
  if (!linha)
    throw erroConflito(
      'Esta alteração não está em carência (já foi confirmada, passou do prazo ou não existe).'
    );
  const [daPessoa, doAutor] = await Promise.all([
    identidadesDaPessoa(strapi, linha.id_entidade),
    identidadesDaPessoa(strapi, identidadeDoAutor(linha)),
  ]);
  if (daPessoa.has(quem.identidade))
    throw erroProibido('Você não confirma uma alteração na sua própria conta: peça a outro administrador.');
  if (doAutor.has(quem.identidade))
    throw erroProibido('Quem fez a alteração não a confirma: peça a um segundo administrador.');
  await registrarAuditoria(strapi, {
    acao: ACAO_CONTA_CONFIRMADA,
    entidade: 'pessoa',
    id_entidade: documentId,
    depois: { identidade: linha.id_entidade, tipos: linha.depois?.tipos ?? [], confirmado_por: quem.email },
  });
  return itemDe(linha, new Date());
};
