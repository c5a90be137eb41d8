import fs from 'fs';
import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import createHttpError from 'http-errors';
import { formatarCnpj, formatarCpf } from '../../../regras/documentos';
import { SERVICO, UID } from '@orquestrador-rpa/contrato';
import { configuracao } from '../../../configuracao';
import { limitarImportacao } from '../../../seguranca/limite-taxa';

type Registro = Record<string, unknown>;

/** Acrescenta CNPJ/CPF com máscara à resposta (no banco ficam só os dígitos). */
const comMascaras = (registro: Registro): Registro => ({
  ...registro,
  ...(typeof registro.cnpj === 'string' ? { cnpj_formatado: formatarCnpj(registro.cnpj) } : {}),
  ...(typeof registro.cpf === 'string' ? { cpf_formatado: formatarCpf(registro.cpf) } : {}),
});

const comDocumentosFormatados = (corpo: { data?: unknown }) => {
  if (Array.isArray(corpo?.data)) corpo.data = corpo.data.map((r) => comMascaras(r as Registro));
  else if (corpo?.data && typeof corpo.data === 'object') corpo.data = comMascaras(corpo.data as Registro);
  return corpo;
};

export default factories.createCoreController(UID.CLIENTE, ({ strapi }) => ({
  async find(ctx) {
    return comDocumentosFormatados(await super.find(ctx));
  },
  async findOne(ctx) {
    return comDocumentosFormatados(await super.findOne(ctx));
  },
  async create(ctx) {
    return comDocumentosFormatados(await super.create(ctx));
  },
  async update(ctx) {
    return comDocumentosFormatados(await super.update(ctx));
  },

  /** POST /api/clientes/importar (multipart `arquivo`; `?simular=true` só valida e relata). */
  async importar(ctx) {
    limitarImportacao(strapi, ctx); // a API e o painel chegam aqui
    const arquivo = (
      ctx.request as unknown as { files?: Record<string, { filepath: string } | Array<{ filepath: string }>> }
    ).files?.arquivo;
    const unico = Array.isArray(arquivo) ? arquivo[0] : arquivo;
    if (!unico) throw new errors.ValidationError('Envie o CSV no campo "arquivo" (multipart/form-data).');
    const simular = ['true', '1', 'sim'].includes(String(ctx.query.simular ?? '').toLowerCase());
    // Tamanho conferido no disco antes de ler a planilha para a memória.
    const limite = configuracao().limites.importacaoMb * 1024 * 1024;
    const tamanho = (await fs.promises.stat(unico.filepath)).size;
    if (tamanho > limite)
      throw createHttpError(
        413,
        `A planilha tem ${(tamanho / 1024 / 1024).toFixed(1)} MB; o limite é ${(limite / 1024 / 1024).toFixed(0)} MB.`
      );
    const relatorio = await strapi
      .service(SERVICO.IMPORTACAO_CLIENTES)
      .importar(await fs.promises.readFile(unico.filepath), { simular });
    ctx.body = { data: relatorio };
  },
}));
