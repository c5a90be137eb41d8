import type { Core } from '@strapi/strapi';
import { encerrarStrapi, iniciarStrapi, PREFIXO_FILAS } from '../ajudantes/strapi';
import { CanaisSimulados } from '../ajudantes/canais-simulados';
import { apagarPrefixo } from '../ajudantes/filas';
import { matar, matarTodos, subirFilho } from '../ajudantes/strapi-filhos';
import { esperar } from '../ajudantes/worker';
import { criarPessoaNotificavel, faturaAguardando, notificacoes, type PessoaNotificavel } from './ajudantes';

/**
 * Quedas sem perda nem duplicidade, com processos de verdade: o Strapi deste teste grava (sem
 * consumir a fila); Strapis filhos consomem e um deles leva `kill -9` no meio de um envio.
 */
type Registro = Record<string, any>;

const dubles = new CanaisSimulados();
let strapi: Core.Strapi;
let operador: PessoaNotificavel;
const CHAT = '555000111';
const CANAL = 'C0QUEDAS01';

const doProcesso = async (processo: string): Promise<Registro[]> =>
  (await notificacoes(strapi)).filter((n) => n.mensagem.includes(processo));

beforeAll(async () => {
  await dubles.ligar();
  dubles.chatsTelegram.add(CHAT);
  dubles.canaisSlack.add(CANAL);
  strapi = await iniciarStrapi({
    ...dubles.variaveis(),
    NOTIFICACOES_CONSUMIDOR: 'false',
    NOTIFICACOES_INTERVALO_MS: '0',
  });
  operador = await criarPessoaNotificavel(strapi, 'OPERADOR');
  await criarPessoaNotificavel(strapi, 'APROVADOR', {
    telegram_chat_id: CHAT,
    slack_destino: CANAL,
    canais_notificacao: ['TELEGRAM', 'SLACK'],
  });
}, 180_000);
afterAll(async () => {
  await matarTodos();
  await encerrarStrapi();
  await dubles.desligar();
});

test('gravada e com o Redis esvaziado, kill -9 no meio do envio: cada mensagem sai uma vez; a interrompida vai a CONFERIR e o reenvio a entrega', async () => {
  // 1. A transição grava a caixa de saída e publica os jobs; ninguém consome ainda.
  const { processo } = await faturaAguardando(strapi, operador.painel);
  const gravadas = await doProcesso(processo);
  expect(gravadas.map((n) => [n.tipo_notificacao, n.status_envio]).sort()).toEqual([
    ['SLACK', 'PENDENTE'],
    ['TELEGRAM', 'PENDENTE'],
  ]);

  // 2. Redis esvaziado: os jobs somem; só o banco sabe o que falta enviar.
  await apagarPrefixo(PREFIXO_FILAS);

  // 3. Um Strapi sobe, o reconciliador publica de novo; o Slack segura a resposta e o processo leva kill -9.
  const segurado = dubles.segurar('slack');
  const primeiro = await subirFilho({ NOTIFICACOES_CONSUMIDOR: 'true', NOTIFICACOES_INTERVALO_MS: '0' });
  await segurado.chegou;
  await esperar(
    async () =>
      (await doProcesso(processo)).find(
        (n) => n.tipo_notificacao === 'TELEGRAM' && n.status_envio === 'ENVIADO'
      ),
    30_000
  );
  await matar(primeiro);
  segurado.liberar();
  expect((await doProcesso(processo)).find((n) => n.tipo_notificacao === 'SLACK')?.status_envio).toBe(
    'ENVIANDO'
  );

  // 4. Outro Strapi sobe: o que ficou ENVIANDO além da trava vai a CONFERIR (pode ter saído), nada se repete sozinho.
  await subirFilho({
    NOTIFICACOES_CONSUMIDOR: 'true',
    NOTIFICACOES_INTERVALO_MS: '300',
    NOTIFICACOES_TRAVA_MS: '1500',
    NOTIFICACOES_TEMPO_LIMITE_MS: '1000',
  });
  const slack = await esperar(async () => {
    const linha = (await doProcesso(processo)).find((n) => n.tipo_notificacao === 'SLACK');
    return linha?.status_envio === 'CONFERIR' ? linha : null;
  }, 30_000);
  expect(slack.mensagem_erro).toContain('a mensagem pode ter saído');
  await new Promise((r) => setTimeout(r, 1500));
  expect(dubles.de('telegram')).toHaveLength(1);
  expect(dubles.de('slack')).toHaveLength(1);

  // 5. A pessoa confere e reenvia: sai de novo, uma vez.
  await (
    strapi.service('api::notificacao.caixa') as unknown as { reenviar: (id: string) => Promise<unknown> }
  ).reenviar(slack.documentId);
  await esperar(async () => {
    const linha = (await doProcesso(processo)).find((n) => n.tipo_notificacao === 'SLACK');
    return linha?.status_envio === 'ENVIADO';
  }, 30_000);
  expect(dubles.de('telegram')).toHaveLength(1);
  expect(dubles.de('slack')).toHaveLength(2);
});
