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

/** Alterações ainda em carência (sem confirmação), das identidades dadas ou de todas. */
const emCarencia = async (strapi: Core.Strapi, identidades?: Iterable<string>): Promise<LinhaAlteracao[]> => {
  if (horas() <= 0) return [];
  const linhas = (await strapi.db.query(UID.AUDITORIA).findMany({
    where: {
      acao: ACAO_ALTERACAO_SENSIVEL,
      data_hora: { $gte: new Date(Date.now() - horas() * 3600_000) },
      ...(identidades ? { id_entidade: { $in: [...identidades] } } : {}),
    },
    select: ['documentId', 'id_entidade', 'origem', 'usuario_id', 'usuario_email', 'data_hora', 'depois'],
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
export const exigirSemCarencia = async (strapi: Core.Strapi, pessoa: Pick<Pessoa, 'identidade'>) => {
  const identidades = await identidadesDaPessoa(strapi, pessoa.identidade);
  const [ultima] = (await emCarencia(strapi, identidades)).filter(
    (l) => !identidades.has(identidadeDoAutor(l))
  );
  if (!ultima) return;
  throw erroProibido(
    `Por segurança, sua conta ainda não aprova nem rejeita faturas: ${descrever(ultima.depois?.tipos)} por outra pessoa em ` +
      `${dataHora(new Date(ultima.data_hora))}. As decisões ficam liberadas em ${dataHora(liberaEm(ultima))}, ` +
      'ou antes, quando outro administrador confirmar a alteração (painel do orquestrador → Contas em carência).'
  );
};

/** Está em carência? (sem lançar; para a notificação decidir se leva o link de decisão). */
export const temCarencia = async (strapi: Core.Strapi, identidade: string): Promise<boolean> => {
  try {
    await exigirSemCarencia(strapi, { identidade });
    return false;
  } catch {
    return true;
  }
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
export const listarCarencias = async (strapi: Core.Strapi): Promise<ItemCarencia[]> =>
  (await emCarencia(strapi)).map((linha) => itemDe(linha));

/** Um segundo administrador confirma a alteração: nem a própria pessoa, nem quem a fez. */
export const confirmarAlteracao = async (
  strapi: Core.Strapi,
  documentId: string,
  quem: Pessoa
): Promise<ItemCarencia> => {
  if (quem.perfil !== 'ADMINISTRADOR' || !quem.ativo)
    throw erroProibido('Só um administrador ativo confirma a alteração de uma conta.');
  const linha = (await emCarencia(strapi)).find((l) => l.documentId === documentId);
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
