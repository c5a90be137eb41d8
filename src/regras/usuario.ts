import type { Core } from '@strapi/strapi';
import { erroConflito, exigirSemErros, type ErroDeCampo } from './erros';
import { lerAlvoRelacao } from './relacoes';
import { UID } from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;

/** Quantas execuções e aprovações apontam para este registro de usuário. */
const referencias = async (
  strapi: Core.Strapi,
  id: number
): Promise<{ execucoes: number; aprovacoes: number }> => ({
  execucoes: await strapi.db.query(UID.EXECUCAO).count({ where: { executado_por_usuario: { id } } }),
  aprovacoes: await strapi.db.query(UID.PROCESSO).count({ where: { aprovado_por_usuario: { id } } }),
});

const descrever = ({ execucoes, aprovacoes }: { execucoes: number; aprovacoes: number }): string =>
  `aparece em ${execucoes} execução(ões) e ${aprovacoes} aprovação(ões)`;

/**
 * Um usuário que já aparece no histórico não troca de e-mail nem de login vinculado (o histórico
 * passaria a apontar para outra pessoa); para mudar, inative-o e crie outro.
 */
export const prepararUsuario = async (
  strapi: Core.Strapi,
  entrada: Dados,
  existente: Dados | null
): Promise<Dados> => {
  const dados: Dados = { ...entrada };
  if (!existente) return dados;
  const mudou = (campo: string): boolean => {
    if (!(campo in dados)) return false;
    if (campo === 'usuario_api') {
      const alvo = lerAlvoRelacao(dados.usuario_api);
      const atual = existente.usuario_api as Dados | null | undefined;
      return alvo.tipo === 'removida'
        ? !!atual
        : alvo.tipo === 'definida' &&
            !(atual && (alvo.id === atual.id || alvo.documentId === atual.documentId));
    }
    return String(dados[campo] ?? '').toLowerCase() !== String(existente[campo] ?? '').toLowerCase();
  };
  const alterados = ['email', 'id_usuario_admin', 'usuario_api'].filter(mudou);
  if (!alterados.length) return dados;
  const refs = await referencias(strapi, existente.id as number);
  if (refs.execucoes + refs.aprovacoes === 0) return dados;
  const problemas: ErroDeCampo[] = alterados.map((campo) => ({
    campo,
    mensagem: `Este usuário ${descrever(refs)}: ${campo === 'email' ? 'o e-mail' : 'o login vinculado'} não muda (inative-o e crie outro usuário).`,
  }));
  exigirSemErros(problemas);
  return dados;
};

/** Usuário referenciado pelo histórico não é apagado (inativá-lo mantém o histórico legível). */
export const impedirExclusaoDeUsuario = async (strapi: Core.Strapi, documentId: string): Promise<void> => {
  const usuario = (await strapi.db
    .query(UID.USUARIO)
    .findOne({ where: { documentId }, select: ['id', 'email'] })) as Dados | null;
  if (!usuario) return;
  const refs = await referencias(strapi, usuario.id as number);
  if (refs.execucoes + refs.aprovacoes > 0) {
    throw erroConflito(
      `O usuário ${String(usuario.email)} ${descrever(refs)} e não pode ser excluído; inative-o em vez disso.`,
      { ...refs }
    );
  }
};
