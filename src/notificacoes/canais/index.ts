import type { Core } from '@strapi/strapi';
import type { CanalNotificacao, EstadoCanal } from '@orquestrador-rpa/contrato';
import { configuracao } from '../../configuracao';
import { canalEmail } from './email';
import { canalSlack } from './slack';
import { canalTelegram } from './telegram';
import type { Canal } from './tipos';
import { canalWhatsapp } from './whatsapp';

export { ErroCanal, type Canal, type MensagemCanal } from './tipos';

/** Os quatro canais, montados da configuração (variáveis de ambiente). */
export const canais = (strapi: Core.Strapi): Record<CanalNotificacao, Canal> => {
  const { canais: config, notificacoes } = configuracao();
  return {
    EMAIL: canalEmail(strapi, config),
    WHATSAPP: canalWhatsapp(config, notificacoes.tempoLimiteMs),
    TELEGRAM: canalTelegram(config, notificacoes.tempoLimiteMs),
    SLACK: canalSlack(config, notificacoes.tempoLimiteMs),
  };
};

/** Estado de cada canal para o painel (configurado ou desligado, e o que falta — só nomes). */
export const estadosDosCanais = (strapi: Core.Strapi): EstadoCanal[] =>
  Object.values(canais(strapi)).map((canal) => canal.estado());
