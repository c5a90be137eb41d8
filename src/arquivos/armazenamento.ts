import { randomUUID } from 'crypto';
import path from 'path';
import type { Readable } from 'stream';
import type { Core } from '@strapi/strapi';
import { lerOpcoesS3 } from './opcoes-s3';
import { ProvedorLocal, ProvedorS3, type ProvedorArquivos } from './provedores';
import { sanitizarNomeArquivo, UID } from '@orquestrador-rpa/contrato';
import { configuracao } from '../configuracao';

/**
 * Arquivos privados do produto (faturas e capturas de tela das falhas): os bytes ficam fora de
 * `public/` (disco local privado ou bucket S3/MinIO privado) e o registro em `api::arquivo`. Não
 * passam pela Media Library: nenhuma URL pública, nenhuma cópia redimensionada; só saem pelas rotas
 * autenticadas que conferem a permissão e chamam `abrirArquivo`.
 */

export type TipoArquivo = 'FATURA' | 'CAPTURA';

export interface ArquivoPrivado {
  id: number;
  documentId: string;
  nome: string;
  chave: string;
  provedor: 'local' | 's3';
  tipo: TipoArquivo;
  mime: string;
  tamanho_bytes: number;
  sha256: string;
}

export interface NovoArquivo {
  origem: string;
  nome: string;
  tipo: TipoArquivo;
  mime: string;
  tamanho: number;
  sha256: string;
}

const PASTAS: Record<TipoArquivo, string> = { FATURA: 'faturas', CAPTURA: 'capturas' };

/** Pasta do disco local privado: `ARMAZENAMENTO_PASTA` ou `armazenamento-privado/` na raiz do app. */
export const pastaPrivada = (strapi: Core.Strapi): string =>
  path.resolve(strapi.dirs.app.root, configuracao().armazenamento.pasta);

const provedores = new WeakMap<Core.Strapi, Partial<Record<'local' | 's3', ProvedorArquivos>>>();

const provedor = (strapi: Core.Strapi, nome: 'local' | 's3'): ProvedorArquivos => {
  const doStrapi = provedores.get(strapi) ?? {};
  provedores.set(strapi, doStrapi);
  if (!doStrapi[nome]) {
    const opcoes = lerOpcoesS3();
    if (nome === 's3' && !opcoes)
      throw new Error('O arquivo está no S3, mas S3_BUCKET não está configurado.');
    doStrapi[nome] = nome === 's3' ? new ProvedorS3(opcoes!) : new ProvedorLocal(pastaPrivada(strapi));
  }
  return doStrapi[nome]!;
};

/** Provedor das gravações novas: S3 quando `S3_BUCKET` está definido; senão o disco local privado. */
export const provedorAtual = (strapi: Core.Strapi): ProvedorArquivos =>
  provedor(strapi, lerOpcoesS3() ? 's3' : 'local');

/** Chave única (`faturas/AAAA/MM/<uuid>/<nome>`): o nome original fica legível e nunca colide. */
const novaChave = (tipo: TipoArquivo, nome: string): string => {
  const agora = new Date();
  const seguro = sanitizarNomeArquivo(nome).replace(/[^A-Za-z0-9._-]/g, '_');
  return `${PASTAS[tipo]}/${agora.getUTCFullYear()}/${String(agora.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}/${seguro}`;
};

/**
 * Registra o arquivo e depois guarda os bytes; se a gravação dos bytes falhar, o registro é apagado.
 * O registro vem antes de propósito: se o servidor cair no meio, todo objeto no armazenamento tem
 * registro, e o coletor de órfãos (`orfaos.ts`) acha pelo banco o que nenhum processo ou execução
 * chegou a usar — também no S3, que o provider não lista.
 */
export const guardarArquivo = async (strapi: Core.Strapi, novo: NovoArquivo): Promise<ArquivoPrivado> => {
  const destino = provedorAtual(strapi);
  const chave = novaChave(novo.tipo, novo.nome);
  const registro = (await strapi.db.query(UID.ARQUIVO).create({
    data: {
      nome: novo.nome,
      chave,
      provedor: destino.nome,
      tipo: novo.tipo,
      mime: novo.mime,
      tamanho_bytes: novo.tamanho,
      sha256: novo.sha256,
    },
  })) as ArquivoPrivado;
  try {
    await destino.guardar(chave, novo.origem, novo.mime);
  } catch (erro) {
    await removerArquivo(strapi, registro).catch(() => undefined);
    throw erro;
  }
  return registro;
};

export const buscarArquivo = async (strapi: Core.Strapi, id: number): Promise<ArquivoPrivado | null> =>
  (await strapi.db.query(UID.ARQUIVO).findOne({ where: { id } })) as ArquivoPrivado | null;

export const buscarArquivoPorChave = async (
  strapi: Core.Strapi,
  chave: string
): Promise<ArquivoPrivado | null> =>
  (await strapi.db.query(UID.ARQUIVO).findOne({ where: { chave } })) as ArquivoPrivado | null;

export const abrirArquivo = (strapi: Core.Strapi, arquivo: ArquivoPrivado): Promise<Readable> =>
  provedor(strapi, arquivo.provedor).abrir(arquivo.chave);

/** Apaga os bytes e o registro (compensação quando o workflow não aceita o arquivo guardado). */
export const removerArquivo = async (strapi: Core.Strapi, arquivo: ArquivoPrivado): Promise<void> => {
  await provedor(strapi, arquivo.provedor).remover(arquivo.chave);
  await strapi.db.query(UID.ARQUIVO).delete({ where: { id: arquivo.id } });
};

/** Cabeçalhos de toda resposta com arquivo privado: nada fica em cache compartilhado nem é interpretado. */
export const CABECALHOS_PRIVADOS: Readonly<Record<string, string>> = {
  'Cache-Control': 'private, no-store',
  Pragma: 'no-cache',
  'X-Content-Type-Options': 'nosniff',
};
