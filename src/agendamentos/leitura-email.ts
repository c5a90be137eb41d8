import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import { idLeituraEmail } from '@orquestrador-rpa/contrato';
import { obterProdutor } from '../filas/produtor';
import { assinarTokenDoJob } from '../seguranca/token-job';

/**
 * Uma leitura da caixa de e-mail da operadora vira um job na fila `leitura-email`: o worker lê as
 * mensagens e entrega cada uma pelas rotas do robô, com o token assinado só para esta leitura.
 * Com o Redis fora o disparo falha (e fica no histórico); a próxima leitura pega o que ficou.
 */
export const enfileirarLeituraDaCaixa = async (strapi: Core.Strapi, operadora: string): Promise<string> => {
  const id = idLeituraEmail(operadora, randomUUID());
  await obterProdutor(strapi).enfileirarLeituraEmail({
    id_leitura: id,
    operadora_codigo: operadora,
    token_leitura: assinarTokenDoJob(id, 'leitura-email'),
  });
  return `Leitura da caixa de e-mail (${operadora}) enfileirada: ${id}.`;
};
