import type { Core } from '@strapi/strapi';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async cadastro(ctx: { body: unknown }) {
    ctx.body = { data: await strapi.plugin('orquestrador-rpa').service('resumo').doCadastro() };
  },
});
