import type { Core } from '@strapi/strapi';

/** Contagens do cadastro, feitas no banco (nunca carregando as linhas). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async doCadastro() {
    const contar = (uid: string, where: Record<string, unknown> = {}) => strapi.db.query(uid as never).count({ where });
    const [operadoras, operadorasAtivas, operadorasComRpa, clientes, clientesAtivos] = await Promise.all([
      contar('api::operadora.operadora'),
      contar('api::operadora.operadora', { status_ativo: true }),
      contar('api::operadora.operadora', { possui_rpa: true }),
      contar('api::cliente.cliente'),
      contar('api::cliente.cliente', { status_ativo: true }),
    ]);
    return { operadoras, operadorasAtivas, operadorasComRpa, clientes, clientesAtivos };
  },
});
