import type { Core } from '@strapi/strapi';
import { UID } from '@orquestrador-rpa/contrato';

/** Contagens do cadastro, feitas no banco (nunca carregando as linhas). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async doCadastro() {
    const contar = (uid: string, where: Record<string, unknown> = {}) =>
      strapi.db.query(uid as never).count({ where });
    const [operadoras, operadorasAtivas, operadorasComRpa, clientes, clientesAtivos] = await Promise.all([
      contar(UID.OPERADORA),
      contar(UID.OPERADORA, { status_ativo: true }),
      contar(UID.OPERADORA, { possui_rpa: true }),
      contar(UID.CLIENTE),
      contar(UID.CLIENTE, { status_ativo: true }),
    ]);
    return { operadoras, operadorasAtivas, operadorasComRpa, clientes, clientesAtivos };
  },
});
