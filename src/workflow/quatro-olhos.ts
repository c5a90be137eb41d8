import type { Core } from '@strapi/strapi';
import { erroProibido } from '../regras/erros';
import type { Pessoa } from './pessoa';
import { UID } from '@orquestrador-rpa/contrato';
import { configuracao } from '../configuracao';
import { identidadesDaPessoa } from './identidades';

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

export const conferirQuatroOlhos = async (
  strapi: Core.Strapi,
  processo: Dados,
  pessoa: Pessoa
): Promise<void> => {
  const identidades = await identidadesDaPessoa(strapi, pessoa.identidade);
  if (typeof processo.solicitante_fatura === 'string' && identidades.has(processo.solicitante_fatura)) {
    throw erroProibido(
      processo.upload_manual
        ? 'Regra dos quatro olhos: quem fez o upload manual desta fatura não pode aprová-la. Peça a outro aprovador.'
        : 'Regra dos quatro olhos: quem disparou o download desta fatura não pode aprová-la sozinho. Peça a outro aprovador.'
    );
  }
  const politica = politicaDoRobo();
  if (processo.upload_manual || !politica.ligada) return;
  const cliente = (processo.cliente ?? {}) as Dados;
  const operadora = (cliente.operadora ?? {}) as Dados;
  const alteracao = (await strapi.db.query(UID.AUDITORIA).findOne({
    where: {
      acao: { $in: ['cliente.portal_alterado', 'operadora.portal_alterado'] },
      id_entidade: { $in: [cliente.documentId, operadora.documentId].filter(Boolean) },
      $or: [...identidades].map((identidade) => {
        const [origem, id] = identidade.split(':');
        return { origem, usuario_id: id };
      }),
      data_hora: { $gte: new Date(Date.now() - politica.janelaDias * 24 * 3600 * 1000) },
    },
    orderBy: { id: 'desc' },
  })) as Dados | null;
  if (alteracao) {
    const quando = new Date(alteracao.data_hora as string).toLocaleDateString('pt-BR', {
      timeZone: 'America/Sao_Paulo',
    });
    throw erroProibido(
      `Regra dos quatro olhos: você alterou a configuração do portal ${alteracao.entidade === 'cliente' ? 'deste cliente' : 'desta operadora'} em ${quando}; ` +
        'a fatura baixada pelo robô precisa da aprovação de outra pessoa.'
    );
  }
};
