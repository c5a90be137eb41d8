import type { Core } from '@strapi/strapi';
import { confirmarAlteracao, listarCarencias } from '../../../workflow/carencia';
import { exigirPessoa } from '../../../workflow/pessoa';

/** Contas em carência para aprovar (painel dos administradores) e a confirmação por um segundo administrador. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  listar: () => listarCarencias(strapi),
  async confirmar(documentId: string) {
    return confirmarAlteracao(strapi, documentId, await exigirPessoa(strapi, 'A confirmação da alteração'));
  },
});
