import fs from 'fs';
import path from 'path';
import { Readable } from 'stream';
import type { OpcoesS3 } from './opcoes-s3';

/**
 * Onde os bytes dos arquivos privados moram: disco local fora de `public/` (padrão embutido) ou
 * bucket S3/MinIO privado pelo provider oficial do Strapi. Nenhum dos dois é servido por arquivo
 * estático: o conteúdo só sai pelas rotas autenticadas que abrem o fluxo aqui.
 */
export interface ProvedorArquivos {
  readonly nome: 'local' | 's3';
  guardar(chave: string, origem: string, mime: string): Promise<void>;
  abrir(chave: string): Promise<Readable>;
  remover(chave: string): Promise<void>;
}

/** Chave relativa segura: segmentos de letras, dígitos, `.`, `_` e `-`, sem `..` nem barra inicial. */
export const chaveSegura = (chave: string): string => {
  const segmentos = chave.split('/');
  if (!segmentos.length || segmentos.some((s) => !/^[A-Za-z0-9._-]+$/.test(s) || s === '.' || s === '..')) {
    throw new Error(`Chave de arquivo inválida: ${chave}`);
  }
  return chave;
};

export class ProvedorLocal implements ProvedorArquivos {
  readonly nome = 'local' as const;

  constructor(private readonly pasta: string) {}

  private caminho(chave: string): string {
    const destino = path.resolve(this.pasta, chaveSegura(chave));
    if (!destino.startsWith(path.resolve(this.pasta) + path.sep))
      throw new Error(`Chave fora da pasta privada: ${chave}`);
    return destino;
  }

  /** Cópia para um temporário ao lado e `rename`: ninguém lê um arquivo pela metade. */
  async guardar(chave: string, origem: string): Promise<void> {
    const destino = this.caminho(chave);
    await fs.promises.mkdir(path.dirname(destino), { recursive: true, mode: 0o700 });
    const temporario = `${destino}.parcial`;
    await fs.promises.copyFile(origem, temporario);
    await fs.promises.chmod(temporario, 0o600);
    await fs.promises.rename(temporario, destino);
  }

  async abrir(chave: string): Promise<Readable> {
    const caminho = this.caminho(chave);
    await fs.promises.access(caminho, fs.constants.R_OK);
    return fs.createReadStream(caminho);
  }

  /** Também o temporário de uma cópia interrompida por uma queda. */
  async remover(chave: string): Promise<void> {
    const caminho = this.caminho(chave);
    await fs.promises.rm(caminho, { force: true });
    await fs.promises.rm(`${caminho}.parcial`, { force: true });
  }
}

interface ArquivoDoProvider {
  hash: string;
  ext: string;
  path: string;
  mime: string;
  url?: string;
  stream?: Readable;
}

interface ProviderS3 {
  upload(arquivo: ArquivoDoProvider): Promise<void>;
  getSignedUrl(arquivo: ArquivoDoProvider): Promise<{ url: string }>;
  delete(arquivo: ArquivoDoProvider): Promise<void>;
}

/** Bucket privado pelo `@strapi/provider-upload-aws-s3`; a leitura passa por URL assinada de vida curta. */
export class ProvedorS3 implements ProvedorArquivos {
  readonly nome = 's3' as const;
  private readonly provider: ProviderS3;

  constructor(private readonly opcoes: OpcoesS3) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.provider = (require('@strapi/provider-upload-aws-s3') as { init: (o: OpcoesS3) => ProviderS3 }).init(
      opcoes
    );
  }

  /**
   * A chave `pasta/.../nome.ext` nos campos com que o provider monta a chave do objeto. A URL (sem
   * `baseUrl`: objeto privado não passa por CDN) só serve para o provider reconhecer o bucket e assinar.
   */
  private arquivo(chave: string, mime = 'application/octet-stream'): ArquivoDoProvider {
    const segura = chaveSegura(chave);
    const ext = path.extname(segura);
    const { endpoint, params } = this.opcoes.s3Options;
    const raiz = this.opcoes.rootPath ? `${this.opcoes.rootPath.replace(/\/+$/, '')}/` : '';
    const url = endpoint
      ? `${endpoint.replace(/\/+$/, '')}/${params.Bucket}/${raiz}${segura}`
      : `https://${params.Bucket}.s3.amazonaws.com/${raiz}${segura}`;
    return { hash: path.basename(segura, ext), ext, path: path.dirname(segura), mime, url };
  }

  async guardar(chave: string, origem: string, mime: string): Promise<void> {
    await this.provider.upload({ ...this.arquivo(chave, mime), stream: fs.createReadStream(origem) });
  }

  async abrir(chave: string): Promise<Readable> {
    const { url } = await this.provider.getSignedUrl(this.arquivo(chave));
    const resposta = await fetch(url);
    if (!resposta.ok || !resposta.body)
      throw new Error(`O armazenamento S3 devolveu HTTP ${resposta.status} ao ler ${chave}.`);
    return Readable.fromWeb(resposta.body as import('stream/web').ReadableStream);
  }

  async remover(chave: string): Promise<void> {
    await this.provider.delete(this.arquivo(chave));
  }
}
