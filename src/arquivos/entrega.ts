import type { Core } from '@strapi/strapi';
import { abrirArquivo, CABECALHOS_PRIVADOS, type ArquivoPrivado } from './armazenamento';

interface ContextoResposta {
  set: (campo: string, valor: string) => void;
  body: unknown;
}

/** Nome seguro para o cabeçalho `Content-Disposition` (sem aspas nem quebras). */
const nomeCabecalho = (nome: string): string => nome.replace(/["\\\r\n]/g, '_');

/**
 * Responde com o conteúdo de um arquivo privado, já autorizado pela rota: tipo fixo do registro,
 * `nosniff` e nada em cache compartilhado. `inline` para a prévia do PDF; `attachment` para baixar.
 */
export const entregarArquivo = async (
  strapi: Core.Strapi,
  ctx: ContextoResposta,
  arquivo: ArquivoPrivado,
  disposicao: 'inline' | 'attachment',
  nome = arquivo.nome
): Promise<void> => {
  for (const [campo, valor] of Object.entries(CABECALHOS_PRIVADOS)) ctx.set(campo, valor);
  ctx.set('Content-Type', arquivo.mime);
  ctx.set('Content-Disposition', `${disposicao}; filename="${nomeCabecalho(nome)}"`);
  ctx.body = await abrirArquivo(strapi, arquivo);
};
