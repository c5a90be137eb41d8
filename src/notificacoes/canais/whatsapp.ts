import type { ConfiguracaoOrquestrador } from '../../configuracao';
import { chamar, erroTecnicoHttp, trecho } from './http';
import { ErroCanal, type Canal } from './tipos';

const ROTULO = 'Evolution API (WhatsApp)';

/** Mensagem de erro no envelope da Evolution v2: `{status, error, response: {message}}`. */
const mensagemEvolution = (json: unknown): unknown =>
  (json as { response?: { message?: unknown } })?.response?.message;

/** O número não tem WhatsApp: a Evolution devolve 400 com `exists: false`. */
const semWhatsapp = (mensagem: unknown): boolean =>
  Array.isArray(mensagem) && mensagem.some((m) => (m as { exists?: boolean })?.exists === false);

/**
 * WhatsApp pela Evolution API v2: texto em `sendText`, fatura como documento em base64 puro em
 * `sendMedia` (a Evolution recusa URL de localhost e o prefixo `data:`); cabeçalho `apikey`.
 */
export const canalWhatsapp = (config: ConfiguracaoOrquestrador['canais'], tempoLimiteMs: number): Canal => {
  const { url, chave, instancia } = config.evolution;
  const faltando = [
    ...(url ? [] : ['EVOLUTION_API_URL']),
    ...(chave ? [] : ['EVOLUTION_API_KEY']),
    ...(instancia ? [] : ['EVOLUTION_INSTANCIA']),
  ];
  return {
    canal: 'WHATSAPP',
    aceitaAnexo: true,
    estado: () => ({ canal: 'WHATSAPP', configurado: faltando.length === 0, faltando }),
    async enviar({ destino, texto, anexo }) {
      const base = `${url!.replace(/\/+$/, '')}/message`;
      const instanciaUrl = encodeURIComponent(instancia!);
      const [rota, corpo] = anexo
        ? [
            `${base}/sendMedia/${instanciaUrl}`,
            {
              number: destino,
              mediatype: 'document',
              mimetype: 'application/pdf',
              caption: texto,
              media: anexo.conteudo.toString('base64'),
              fileName: anexo.nome,
            },
          ]
        : [`${base}/sendText/${instanciaUrl}`, { number: destino, text: texto, linkPreview: false }];
      const resposta = await chamar(
        ROTULO,
        rota,
        {
          method: 'POST',
          headers: { apikey: chave!, 'content-type': 'application/json' },
          body: JSON.stringify(corpo),
        },
        tempoLimiteMs
      );
      if (resposta.status === 200 || resposta.status === 201) {
        return { idExterno: (resposta.json as { key?: { id?: string } })?.key?.id ?? null };
      }
      const tecnico = erroTecnicoHttp(ROTULO, resposta);
      if (tecnico) throw tecnico;
      const mensagem = mensagemEvolution(resposta.json);
      if (semWhatsapp(mensagem)) throw new ErroCanal(`O número ${destino} não tem WhatsApp.`, true);
      if (resposta.status === 401)
        throw new ErroCanal(`${ROTULO} recusou a chave (401): confira EVOLUTION_API_KEY.`, true);
      if (resposta.status === 404)
        throw new ErroCanal(
          `${ROTULO}: a instância "${instancia}" não existe (404): confira EVOLUTION_INSTANCIA.`,
          true
        );
      throw new ErroCanal(`${ROTULO} recusou a mensagem (${resposta.status}): ${trecho(mensagem)}`, true);
    },
  };
};
