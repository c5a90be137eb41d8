// As chaves do admin do Strapi (e dos plugins dele) que o pt-BR de cada pacote (5.54) não traduz,
// um arquivo por pacote. `traducoes.test.ts` confere que juntas elas cobrem todo o inglês.
import admin from './admin.json';
import contentManager from './content-manager.json';
import contentReleases from './content-releases.json';
import contentTypeBuilder from './content-type-builder.json';
import email from './email.json';
import graphql from './graphql.json';
import i18n from './i18n.json';
import reviewWorkflows from './review-workflows.json';
import upload from './upload.json';
import usersPermissions from './users-permissions.json';

export const traducoesQueFaltam: Record<string, string> = {
  ...admin,
  ...contentManager,
  ...contentReleases,
  ...contentTypeBuilder,
  ...email,
  ...graphql,
  ...i18n,
  ...reviewWorkflows,
  ...upload,
  ...usersPermissions,
};
