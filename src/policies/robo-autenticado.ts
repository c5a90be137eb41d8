import { timingSafeEqual, createHash } from 'crypto';
import createHttpError from 'http-errors';
import { conferirTokenDoJob, type EscopoToken, TAMANHO_MINIMO_ROBO_TOKEN } from '../seguranca/token-job';
import { configuracao } from '../configuracao';
import { ehStatusExecucaoFinal, UID } from '@orquestrador-rpa/contrato';

/**
 * Rotas do worker (`/api/robo/execucoes/:id/...`): exigem `Authorization: Bearer <ROBO_TOKEN>`
 * (segredo compartilhado só com os workers, de no mínimo 32 caracteres) e `X-Token-Execucao` com
 * o token assinado do job daquela execução (ou, com `config.escopo = 'leitura-email'`, daquela
 * leitura da caixa). `X-Worker` identifica a máquina/processo na auditoria. O token vale enquanto
 * a execução está aberta (a da leitura, até o prazo assinado nele): terminada a execução, nenhuma
 * rota responde a ele, menos o `concluir` repetido (`aceitaTerminada`), que só ouve "já processada".
 */
const resumo = (texto: string) => createHash('sha256').update(texto).digest();

interface ContextoPolitica {
  params?: { id?: string };
  request: { header: Record<string, string | undefined> };
  state: Record<string, unknown>;
}

export default async (
  contexto: ContextoPolitica,
  config?: { escopo?: EscopoToken; aceitaTerminada?: boolean }
) => {
  const segredo = configuracao().robo.token;
  if (!segredo)
    throw createHttpError(503, 'ROBO_TOKEN não configurado no Strapi: os workers não podem se autenticar.');
  if (segredo.length < TAMANHO_MINIMO_ROBO_TOKEN)
    throw createHttpError(
      503,
      `ROBO_TOKEN curto demais (mínimo ${TAMANHO_MINIMO_ROBO_TOKEN} caracteres): os workers não podem se autenticar.`
    );
  const recebido = /^Bearer (.+)$/.exec(contexto.request.header.authorization ?? '')?.[1] ?? '';
  if (!timingSafeEqual(resumo(recebido), resumo(segredo)))
    throw createHttpError(401, 'Token de robô inválido.');
  const escopo = config?.escopo ?? 'execucao';
  const id = contexto.params?.id ?? '';
  const conferencia = conferirTokenDoJob(id, contexto.request.header['x-token-execucao'], escopo);
  if (conferencia === 'vencido')
    throw createHttpError(
      403,
      'Token da leitura vencido: a próxima leitura agendada pega o que ficou na caixa.'
    );
  if (conferencia === 'invalido') {
    throw createHttpError(
      403,
      escopo === 'execucao'
        ? 'Token do job ausente ou de outra execução: o worker só fala da execução do job em curso.'
        : 'Token do job ausente ou de outra leitura: o worker só fala da leitura da caixa em curso.'
    );
  }
  if (escopo === 'execucao' && !config?.aceitaTerminada) {
    const execucao = (await strapi.db
      .query(UID.EXECUCAO)
      .findOne({ where: { documentId: id }, select: ['status_execucao'] })) as {
      status_execucao: string;
    } | null;
    if (execucao && ehStatusExecucaoFinal(execucao.status_execucao))
      throw Object.assign(
        createHttpError(
          403,
          `A execução ${id} já terminou (${execucao.status_execucao}): o token do job não vale mais.`
        ),
        { details: { finalizada: true } }
      );
  }
  contexto.state.robo = { worker: String(contexto.request.header['x-worker'] ?? 'worker').slice(0, 120) };
  return true;
};
