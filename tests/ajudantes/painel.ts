import type { Core } from '@strapi/strapi';
import { api } from './dados';

/** Atalhos para as rotas do painel (plugin) com o JWT do admin. */

export const PAINEL = '/orquestrador-rpa/processos';

export type Pessoa = ReturnType<typeof api> & { cabecalho: string };

/** `api()` com o cabeçalho guardado, para requisições multipart montadas à mão. */
export const comCabecalho = (strapi: Core.Strapi, jwt: string): Pessoa =>
  Object.assign(api(strapi, jwt), { cabecalho: `Bearer ${jwt}` });

export const CAMPOS_FATURA = {
  valor_fatura: '1.234,56',
  data_vencimento: '10/03/2025',
  observacoes: 'Fatura de março',
};

/** Upload manual pelo painel; `arquivo` null envia o formulário sem o PDF. */
export const enviarFatura = (
  quem: Pessoa,
  processo: string,
  arquivo: Buffer | null,
  campos: Record<string, string> = CAMPOS_FATURA,
  nome = 'fatura.pdf'
) => {
  const pedido = quem
    .bruto()
    .post(`${PAINEL}/${processo}/upload-manual`)
    .set('Authorization', quem.cabecalho)
    .set('User-Agent', 'navegador-teste/1.0')
    .field(campos);
  return arquivo
    ? pedido.attach('fatura', arquivo, { filename: nome, contentType: 'application/pdf' })
    : pedido;
};

/** GET com o corpo em Buffer (o supertest não junta binários por conta própria). */
export const baixarBinario = (quem: Pessoa, url: string) =>
  quem
    .get(url)
    .buffer(true)
    .parse((res, fim) => {
      const partes: Buffer[] = [];
      res.on('data', (p: Buffer) => partes.push(p));
      res.on('end', () => fim(null, Buffer.concat(partes)));
    });

/** PDF da fatura pela rota do painel. */
export const baixarFatura = (quem: Pessoa, processo: string) =>
  baixarBinario(quem, `${PAINEL}/${processo}/fatura`);
