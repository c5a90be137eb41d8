// Avisos de novidade do próprio Strapi ("Conheça a nova Biblioteca de Mídia") não são assunto de
// quem aprova faturas: o admin os esconde quando acha a marca de "dispensado" no localStorage, com a
// chave escopada pelo uuid do projeto (`false` se a telemetria estiver desligada no package.json,
// `undefined` antes de /admin/init responder). Marcamos as três de antemão.
type Armazenamento = Pick<Storage, 'getItem' | 'setItem'>;

/** Os avisos dispensáveis do admin 5.x, um por valor da flag `useLegacyMediaLibrary`. */
export const AVISOS_DE_NOVIDADE = [
  'STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_true',
  'STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_false',
];

export const dispensarAvisosDeNovidade = (armazenamento: Armazenamento, uuidDoProjeto: string): void => {
  for (const aviso of AVISOS_DE_NOVIDADE)
    for (const escopo of [uuidDoProjeto, 'false', 'undefined']) {
      const chave = `${aviso}:${escopo}`;
      if (armazenamento.getItem(chave) === null) armazenamento.setItem(chave, 'true');
    }
};
