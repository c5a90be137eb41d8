import type { Core } from '@strapi/strapi';
import { erroProibido } from '../regras/erros';
import type { PessoaQueDecide } from './quem-decide';
import { ACAO_ALTERACAO_SENSIVEL, UID } from '@orquestrador-rpa/contrato';
import { configuracao } from '../configuracao';
import { identidadesDaPessoa } from './identidades';
import { autoriaDe } from './carencia';

type Dados = Record<string, unknown>;

/**
 * Regra dos quatro olhos, comparando a pessoa (todos os logins dela: painel, API e o do link, pelo
 * mesmo e-mail ou pelo mesmo registro `usuario`), nunca o texto de um login: quem trouxe
 * a fatura (upload manual ou disparo do download) não a aprova; e, para fatura baixada por robô,
 * quem mexeu na configuração do portal do cliente ou da operadora nos últimos dias também não
 * (`QUATRO_OLHOS_ROBO`, ligada por padrão; janela em `QUATRO_OLHOS_JANELA_DIAS`, padrão 30).
 * Chamada dentro da transação da aprovação, com o processo relido do banco.
 */
const politicaDoRobo = () => ({
  ligada: configuracao().quatroOlhos.robo,
  janelaDias: configuracao().quatroOlhos.janelaDias,
});

const dia = (quando: unknown): string =>
  new Date(quando as string).toLocaleDateString('pt-BR', { timeZone: 'America/Sao_Paulo' });
const janela = (): Date => new Date(Date.now() - politicaDoRobo().janelaDias * 24 * 3600 * 1000);

/** Logins de quem trouxe a fatura: os de agora e o retrato gravado com ela (desfazer vínculos depois não separa). */
const quemTrouxe = async (strapi: Core.Strapi, processo: Dados): Promise<Set<string>> => {
  const solicitante = typeof processo.solicitante_fatura === 'string' ? processo.solicitante_fatura : null;
  const retrato = Array.isArray(processo.identidades_solicitante)
    ? (processo.identidades_solicitante as unknown[]).filter((i): i is string => typeof i === 'string')
    : [];
  return new Set([...retrato, ...(solicitante ? await identidadesDaPessoa(strapi, solicitante) : [])]);
};

export const conferirQuatroOlhos = async (
  strapi: Core.Strapi,
  processo: Dados,
  pessoa: PessoaQueDecide
): Promise<void> => {
  const { identidades } = pessoa;
  const trouxe = await quemTrouxe(strapi, processo);
  if ([...identidades].some((identidade) => trouxe.has(identidade))) {
    throw erroProibido(
      processo.upload_manual
        ? 'Regra dos quatro olhos: quem fez o upload manual desta fatura não pode aprová-la. Peça a outro aprovador.'
        : 'Regra dos quatro olhos: quem disparou o download desta fatura não pode aprová-la sozinho. Peça a outro aprovador.'
    );
  }
  // Conta de fachada: quem criou ou mexeu (senha, e-mail, papel, vínculo) na conta de quem trouxe a
  // fatura, nos últimos dias, também não a aprova.
  const fachada = trouxe.size
    ? ((await strapi.db.query(UID.AUDITORIA).findOne({
        where: {
          acao: ACAO_ALTERACAO_SENSIVEL,
          id_entidade: { $in: [...trouxe] },
          $or: autoriaDe(identidades),
          data_hora: { $gte: janela() },
        },
        select: ['data_hora'],
        orderBy: { id: 'desc' },
      })) as Dados | null)
    : null;
  if (fachada)
    throw erroProibido(
      `Regra dos quatro olhos: você criou ou alterou em ${dia(fachada.data_hora)} a conta de quem trouxe esta fatura; peça a outro aprovador.`
    );
  const politica = politicaDoRobo();
  if (processo.upload_manual || !politica.ligada) return;
  const cliente = (processo.cliente ?? {}) as Dados;
  const operadora = (cliente.operadora ?? {}) as Dados;
  const alteracao = (await strapi.db.query(UID.AUDITORIA).findOne({
    where: {
      acao: { $in: ['cliente.portal_alterado', 'operadora.portal_alterado'] },
      id_entidade: { $in: [cliente.documentId, operadora.documentId].filter(Boolean) },
      $or: autoriaDe(identidades),
      data_hora: { $gte: janela() },
    },
    orderBy: { id: 'desc' },
  })) as Dados | null;
  if (alteracao) {
    const quando = dia(alteracao.data_hora);
    throw erroProibido(
      `Regra dos quatro olhos: você alterou a configuração do portal ${alteracao.entidade === 'cliente' ? 'deste cliente' : 'desta operadora'} em ${quando}; ` +
        'a fatura baixada pelo robô precisa da aprovação de outra pessoa.'
    );
  }
};
