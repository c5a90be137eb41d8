import { createHmac, hkdfSync, timingSafeEqual } from 'crypto';

/**
 * Token por job: o produtor assina o id da execução ao enfileirar e o worker o devolve em
 * `X-Token-Execucao`. Com ele (e o `ROBO_TOKEN` do worker) só se fala da execução daquele job:
 * um `ROBO_TOKEN` vazado não dá acesso às senhas de outras execuções. A chave é derivada dos
 * segredos do Strapi (`APP_KEYS`), que os workers não recebem.
 */
const chaveDeAssinatura = (): Buffer => {
  // As mesmas chaves que o Strapi usa (`server.app.keys`, de APP_KEYS), na mesma ordem.
  const segredo = ((strapi.config.get('server.app.keys') as string[] | undefined) ?? []).join(',');
  if (!segredo) throw new Error('APP_KEYS não definida: sem ela não há como assinar os tokens dos jobs.');
  return Buffer.from(hkdfSync('sha256', segredo, 'orquestrador-rpa', 'token-de-job-do-robo', 32));
};

/** Do que o job fala: uma execução ou uma leitura da caixa de e-mail (um token não serve para o outro). */
export type EscopoToken = 'execucao' | 'leitura-email';

export const assinarTokenDoJob = (id: string, escopo: EscopoToken = 'execucao'): string =>
  createHmac('sha256', chaveDeAssinatura()).update(`${escopo}:${id}`).digest('base64url');

export const tokenDoJobConfere = (
  id: string,
  recebido: unknown,
  escopo: EscopoToken = 'execucao'
): boolean => {
  if (typeof recebido !== 'string' || !recebido) return false;
  const esperado = Buffer.from(assinarTokenDoJob(id, escopo));
  const dado = Buffer.from(recebido);
  return dado.length === esperado.length && timingSafeEqual(dado, esperado);
};

export { TAMANHO_MINIMO_ROBO_TOKEN } from '@orquestrador-rpa/contrato';
