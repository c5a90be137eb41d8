import type { Core } from '@strapi/strapi';
import { registrarAuditoria } from './auditoria';
import { cifrarSenha, decifrarSenha, obterChaveiro, regravarCanario, senhaNaChaveAtual } from './cofre';
import { UID } from '@orquestrador-rpa/contrato';

interface LinhaSenha {
  id: number;
  documentId: string;
  senha_portal: string;
}

/**
 * Recifra as senhas de portal com a chave atual, em lotes (uma transação por lote): lê com a
 * chave antiga (de `CHAVES_CRIPTOGRAFIA_ANTERIORES`) e grava no formato com dono. Cada linha é
 * regravada só se a senha não mudou no meio (compare-and-set). Idempotente: rodar de novo não
 * recifra o que já está na chave atual. No fim, o canário passa para a chave atual.
 */
export const rotacionarChave = async (
  strapi: Core.Strapi,
  lote = 500
): Promise<{ recifradas: number; verificadas: number; chave: string }> => {
  let ultimoId = 0;
  let recifradas = 0;
  let verificadas = 0;
  for (;;) {
    const linhas = (await strapi.db.query(UID.CLIENTE).findMany({
      where: { id: { $gt: ultimoId }, senha_portal: { $notNull: true } },
      select: ['id', 'documentId', 'senha_portal'],
      orderBy: { id: 'asc' },
      limit: lote,
    })) as LinhaSenha[];
    if (!linhas.length) break;
    verificadas += linhas.length;
    await strapi.db.transaction(async () => {
      for (const linha of linhas) {
        if (!linha.senha_portal || senhaNaChaveAtual(linha.senha_portal)) continue;
        const nova = cifrarSenha(decifrarSenha(linha.senha_portal, linha.documentId), linha.documentId);
        const { count } = await strapi.db.query(UID.CLIENTE).updateMany({
          where: { id: linha.id, senha_portal: linha.senha_portal },
          data: { senha_portal: nova },
        });
        recifradas += count;
      }
    });
    ultimoId = linhas[linhas.length - 1]!.id;
  }
  await regravarCanario(strapi);
  const chave = obterChaveiro().atual.id;
  await registrarAuditoria(strapi, {
    acao: 'cifra.rotacionada',
    entidade: 'cliente',
    depois: { recifradas, verificadas, chave_atual: chave },
  });
  return { recifradas, verificadas, chave };
};
