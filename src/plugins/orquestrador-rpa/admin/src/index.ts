import { ChartBubble } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { AcaoRbac, acaoRbacCompleta } from '@orquestrador-rpa/contrato';
import { ID_PLUGIN } from './pluginId';

type Traducoes = Record<string, string>;

const prefixar = (traducoes: Traducoes): Traducoes =>
  Object.fromEntries(Object.entries(traducoes).map(([chave, valor]) => [`${ID_PLUGIN}.${chave}`, valor]));

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${ID_PLUGIN}`,
      icon: ChartBubble,
      intlLabel: { id: `${ID_PLUGIN}.menu.titulo`, defaultMessage: 'Orquestrador RPA' },
      permissions: [{ action: acaoRbacCompleta(AcaoRbac.VER_PAINEL), subject: null }],
      Component: () => import('./pages/App').then((modulo) => ({ default: modulo.App })),
    });
    app.registerPlugin({ id: ID_PLUGIN, name: 'Orquestrador RPA' });
  },
  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: dados } = await import(`./translations/${locale}.json`);
          return { data: prefixar(dados as Traducoes), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
