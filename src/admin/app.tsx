import type { StrapiApp } from '@strapi/strapi/admin';
import { traducoesQueFaltam } from './traducoes';
import { nomesDosTiposDeConteudo } from './tipos-de-conteudo';
import { dispensarAvisosDeNovidade } from './avisos-do-strapi';
import { strapi as projeto } from '../../package.json';

/** Chave em que o admin do Strapi guarda o idioma escolhido. */
const CHAVE_IDIOMA = 'strapi-admin-language';

// Português do Brasil como padrão: vale já na tela de login, antes de o usuário escolher outro idioma.
if (typeof window !== 'undefined' && !window.localStorage.getItem(CHAVE_IDIOMA)) {
  window.localStorage.setItem(CHAVE_IDIOMA, 'pt-BR');
}
if (typeof window !== 'undefined') dispensarAvisosDeNovidade(window.localStorage, projeto.uuid);

export default {
  config: {
    locales: ['pt-BR'],
    translations: {
      'pt-BR': {
        ...traducoesQueFaltam,
        ...nomesDosTiposDeConteudo,
        'Auth.form.welcome.title': 'Orquestrador RPA BEG',
        'Auth.form.welcome.subtitle': 'Entre na sua conta',
      },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
