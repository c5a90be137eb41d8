import fs from 'fs';
import path from 'path';
import { Readable } from 'stream';
import type { Core } from '@strapi/strapi';

/**
 * Faturas (upload manual e, depois, as baixadas pelos robôs) passam pelo provider de upload do
 * Strapi: disco local no padrão embutido, S3/MinIO quando configurado. O nome começa com
 * `fatura_`, prefixo que o middleware `faturas-privadas` fecha ao acesso público.
 */
export const PREFIXO_FATURA = 'fatura_';
/** Capturas de tela das falhas dos robôs: podem mostrar dados do portal, também ficam privadas. */
export const PREFIXO_CAPTURA = 'captura_';
export const PREFIXOS_PRIVADOS = [PREFIXO_FATURA, PREFIXO_CAPTURA] as const;
const UID_ARQUIVO = 'plugin::upload.file';

export interface ArquivoFatura {
  id: number;
  url: string;
  provider: string;
  name: string;
  sizeInBytes?: number;
}

interface ServicoUpload {
  upload: (entrada: { data: Record<string, unknown>; files: Record<string, unknown> }) => Promise<ArquivoFatura[]>;
  remove: (arquivo: ArquivoFatura) => Promise<unknown>;
}

interface Provedor {
  isPrivate?: () => boolean;
  getSignedUrl?: (arquivo: ArquivoFatura) => Promise<{ url: string }>;
}

const servicoUpload = (strapi: Core.Strapi) => strapi.plugin('upload').service('upload') as unknown as ServicoUpload;

const guardar = async (strapi: Core.Strapi, caminho: string, nome: string, tamanho: number, mimetype: string, legenda: string): Promise<ArquivoFatura> => {
  const [arquivo] = await servicoUpload(strapi).upload({
    data: { fileInfo: { name: nome, caption: legenda, alternativeText: nome } },
    files: { filepath: caminho, originalFilename: nome, mimetype, size: tamanho },
  });
  return arquivo!;
};

export const guardarFatura = (strapi: Core.Strapi, caminho: string, nomeBase: string, tamanho: number): Promise<ArquivoFatura> =>
  guardar(strapi, caminho, `${PREFIXO_FATURA}${nomeBase}.pdf`, tamanho, 'application/pdf', 'Fatura');

export const guardarCaptura = (strapi: Core.Strapi, caminho: string, nomeBase: string, tamanho: number): Promise<ArquivoFatura> =>
  guardar(strapi, caminho, `${PREFIXO_CAPTURA}${nomeBase}.png`, tamanho, 'image/png', 'Captura de tela de falha do robô');

/** Arquivo pelo endereço guardado (as capturas ficam nos detalhes do erro da execução). */
export const buscarArquivoPorUrl = async (strapi: Core.Strapi, url: string): Promise<ArquivoFatura | null> =>
  (await strapi.db.query(UID_ARQUIVO).findOne({ where: { url } })) as ArquivoFatura | null;

export const buscarArquivo = async (strapi: Core.Strapi, id: number): Promise<ArquivoFatura | null> =>
  (await strapi.db.query(UID_ARQUIVO).findOne({ where: { id } })) as ArquivoFatura | null;

/** Remove o arquivo (compensação quando a transação do workflow falha depois do upload). */
export const removerFatura = async (strapi: Core.Strapi, arquivo: ArquivoFatura): Promise<void> => {
  await servicoUpload(strapi).remove(arquivo);
};

/** Abre o conteúdo da fatura como fluxo, do disco local ou do armazenamento S3 (URL assinada se privado). */
export const abrirFatura = async (strapi: Core.Strapi, arquivo: ArquivoFatura): Promise<Readable> => {
  if (arquivo.provider === 'local') {
    return fs.createReadStream(path.join(strapi.dirs.static.public, arquivo.url));
  }
  const provedor = strapi.plugin('upload').provider as unknown as Provedor;
  const url = provedor.isPrivate?.() && provedor.getSignedUrl ? (await provedor.getSignedUrl(arquivo)).url : arquivo.url;
  const resposta = await fetch(url);
  if (!resposta.ok || !resposta.body) throw new Error(`Armazenamento devolveu HTTP ${resposta.status} ao ler a fatura ${arquivo.name}.`);
  return Readable.fromWeb(resposta.body as import('stream/web').ReadableStream);
};
