import type { Core } from '@strapi/strapi';
import type { ConfiguracaoOrquestrador } from '../../configuracao';
import { ErroCanal, type Canal } from './tipos';

interface ErroSmtp {
  code?: string;
  responseCode?: number;
}

/** Códigos do nodemailer que não se resolvem repetindo (credencial, endereço, mensagem). */
const DEFINITIVOS: Readonly<Record<string, string>> = {
  EAUTH: 'o servidor SMTP recusou a autenticação (confira SMTP_USUARIO e SMTP_SENHA)',
  EENVELOPE: 'endereço de e-mail recusado',
  EMESSAGE: 'mensagem inválida',
};

/** Classifica pelo protocolo: SMTP 5xx é permanente, 4xx é temporário; rede é técnica. */
const classificar = (erro: ErroSmtp): ErroCanal => {
  if (erro.code && DEFINITIVOS[erro.code]) return new ErroCanal(`E-mail: ${DEFINITIVOS[erro.code]}.`, true);
  if (erro.responseCode && erro.responseCode >= 500)
    return new ErroCanal(`E-mail recusado pelo servidor SMTP (${erro.responseCode}).`, true);
  if (erro.responseCode && erro.responseCode >= 400)
    return new ErroCanal(`Servidor SMTP pediu para tentar depois (${erro.responseCode}).`, false);
  return new ErroCanal(`Servidor SMTP inalcançável (${erro.code ?? 'falha de rede'}).`, false);
};

/** E-mail pelo plugin de e-mail do Strapi (provedor nodemailer, variáveis SMTP_*). */
export const canalEmail = (strapi: Core.Strapi, config: ConfiguracaoOrquestrador['canais']): Canal => ({
  canal: 'EMAIL',
  aceitaAnexo: true,
  estado: () => ({
    canal: 'EMAIL',
    configurado: !!config.smtp.host,
    faltando: config.smtp.host ? [] : ['SMTP_HOST'],
  }),
  async enviar({ destino, assunto, texto, anexo }) {
    try {
      const info = (await strapi
        .plugin('email')
        .service('email')
        .send({
          to: destino,
          from: config.emailRemetente,
          subject: assunto,
          text: texto,
          ...(anexo
            ? {
                attachments: [
                  { filename: anexo.nome, content: anexo.conteudo, contentType: 'application/pdf' },
                ],
              }
            : {}),
        })) as { messageId?: string } | undefined;
      return { idExterno: info?.messageId ?? null };
    } catch (erro) {
      throw classificar(erro as ErroSmtp);
    }
  },
});
