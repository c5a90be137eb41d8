import { timingSafeEqual, createHash } from 'crypto';
import createHttpError from 'http-errors';

/**
 * Rotas do worker (`/api/robo/...`): exigem `Authorization: Bearer <ROBO_TOKEN>` (segredo
 * compartilhado só com os workers). O cabeçalho `X-Worker` identifica a máquina/processo na auditoria.
 */
const resumo = (texto: string) => createHash('sha256').update(texto).digest();

export default (contexto: { request: { header: Record<string, string | undefined> }; state: Record<string, unknown> }) => {
  const segredo = process.env.ROBO_TOKEN;
  if (!segredo) throw createHttpError(503, 'ROBO_TOKEN não configurado no Strapi: os workers não podem se autenticar.');
  const recebido = /^Bearer (.+)$/.exec(contexto.request.header.authorization ?? '')?.[1] ?? '';
  if (!timingSafeEqual(resumo(recebido), resumo(segredo))) throw createHttpError(401, 'Token de robô inválido.');
  contexto.state.robo = { worker: String(contexto.request.header['x-worker'] ?? 'worker').slice(0, 120) };
  return true;
};
