import { createHmac, hkdfSync, timingSafeEqual } from 'crypto';
import { configuracao } from '../configuracao';

/**
 * Token por job: o produtor assina o id da execução ao enfileirar e o worker o devolve em
 * `X-Token-Execucao`. Com ele (e o `ROBO_TOKEN` do worker) só se fala da execução daquele job:
 * um `ROBO_TOKEN` vazado não dá acesso às senhas de outras execuções. A chave é derivada dos
 * segredos do Strapi (`APP_KEYS`), que os workers não recebem.
 *
 * Validade: o de uma **execução** vale enquanto ela estiver aberta (a política `robo-autenticado`
 * confere no banco; terminada, ele morre na hora). Um prazo fixo desde o enfileiramento quebraria
 * o job que espera horas por uma vaga do portal, ou seria longo demais para valer algo; as
 * re-tentativas do BullMQ são a mesma execução (aberta), e o reconciliador cria outra execução, com
 * outro token. A **leitura da caixa** não tem registro no banco: o token leva o prazo
 * (`LEITURA_EMAIL_VALIDADE_HORAS`) assinado junto, `<prazo>.<assinatura>`.
 */
const chaveDeAssinatura = (): Buffer => {
  // As mesmas chaves que o Strapi usa (`server.app.keys`, de APP_KEYS), na mesma ordem.
  const segredo = ((strapi.config.get('server.app.keys') as string[] | undefined) ?? []).join(',');
  if (!segredo) throw new Error('APP_KEYS não definida: sem ela não há como assinar os tokens dos jobs.');
  return Buffer.from(hkdfSync('sha256', segredo, 'orquestrador-rpa', 'token-de-job-do-robo', 32));
};

/** Do que o job fala: uma execução ou uma leitura da caixa de e-mail (um token não serve para o outro). */
export type EscopoToken = 'execucao' | 'leitura-email';

const assinar = (texto: string): string =>
  createHmac('sha256', chaveDeAssinatura()).update(texto).digest('base64url');

/** `emitidoEm` só muda o prazo da leitura (os testes o usam para fabricar um token vencido). */
export const assinarTokenDoJob = (
  id: string,
  escopo: EscopoToken = 'execucao',
  emitidoEm = Date.now()
): string => {
  if (escopo === 'execucao') return assinar(`${escopo}:${id}`);
  const prazo = (emitidoEm + configuracao().robo.validadeLeituraHoras * 3_600_000).toString(36);
  return `${prazo}.${assinar(`${escopo}:${id}:${prazo}`)}`;
};

const iguais = (a: string, b: string): boolean => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
};

/** `vencido` só quando a assinatura confere e o prazo passou (quem não sabe a chave ouve `invalido`). */
export type ConferenciaToken = 'valido' | 'invalido' | 'vencido';

export const conferirTokenDoJob = (
  id: string,
  recebido: unknown,
  escopo: EscopoToken = 'execucao',
  agora = Date.now()
): ConferenciaToken => {
  if (typeof recebido !== 'string' || !recebido) return 'invalido';
  if (escopo === 'execucao') return iguais(recebido, assinar(`${escopo}:${id}`)) ? 'valido' : 'invalido';
  const [prazo = '', assinatura = '', ...resto] = recebido.split('.');
  if (
    resto.length ||
    !/^[0-9a-z]{1,12}$/.test(prazo) ||
    !iguais(assinatura, assinar(`${escopo}:${id}:${prazo}`))
  )
    return 'invalido';
  return parseInt(prazo, 36) > agora ? 'valido' : 'vencido';
};

export { TAMANHO_MINIMO_ROBO_TOKEN } from '@orquestrador-rpa/contrato';
