import type { Core } from '@strapi/strapi';
import { AGENDAMENTOS_PADRAO, FUSO_PADRAO_AGENDAMENTO, ID_PLUGIN, UID } from '@orquestrador-rpa/contrato';
import { ehViolacaoDeUnicidade } from '../regras/erros';

const MARCA = { type: 'plugin', name: ID_PLUGIN, key: 'agendamentos-padrao-criados' } as const;

/**
 * Cria os agendamentos do legado uma única vez (a marca fica no armazenamento do Strapi): depois
 * disso, o que a pessoa mudou, pausou ou apagou nunca é recriado por cima.
 */
export const criarAgendamentosPadrao = async (strapi: Core.Strapi): Promise<number> => {
  if (await strapi.store.get(MARCA)) return 0;
  let criados = 0;
  for (const padrao of AGENDAMENTOS_PADRAO) {
    const existe = await strapi.db
      .query(UID.AGENDAMENTO)
      .count({ where: { codigo_padrao: padrao.codigo_padrao } });
    if (existe) continue;
    try {
      await strapi.documents(UID.AGENDAMENTO).create({
        data: { ...padrao, fuso_horario: FUSO_PADRAO_AGENDAMENTO, status_ativo: true } as never,
      });
      criados += 1;
    } catch (erro) {
      // Outra instância subindo ao mesmo tempo criou o mesmo padrão.
      if (!ehViolacaoDeUnicidade(erro) && (erro as { status?: number }).status !== 409) throw erro;
    }
  }
  await strapi.store.set({ ...MARCA, value: true });
  return criados;
};
