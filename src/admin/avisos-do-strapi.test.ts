import fs from 'fs';
import path from 'path';
import { AVISOS_DE_NOVIDADE, dispensarAvisosDeNovidade } from './avisos-do-strapi';

const armazenamento = (inicial: Record<string, string> = {}) => {
  const dados = new Map(Object.entries(inicial));
  return {
    dados,
    getItem: (chave: string) => dados.get(chave) ?? null,
    setItem: (chave: string, valor: string) => void dados.set(chave, valor),
  };
};

test('marca os avisos como dispensados para o uuid do projeto, para a telemetria desligada e antes do init', () => {
  const local = armazenamento();
  dispensarAvisosDeNovidade(local, 'uuid-do-projeto');
  for (const aviso of AVISOS_DE_NOVIDADE)
    for (const escopo of ['uuid-do-projeto', 'false', 'undefined'])
      expect(local.dados.get(`${aviso}:${escopo}`)).toBe('true');
  expect(local.dados.size).toBe(AVISOS_DE_NOVIDADE.length * 3);
});

test('não sobrescreve o que a pessoa já tem guardado', () => {
  const chave = `${AVISOS_DE_NOVIDADE[0]}:u`;
  const local = armazenamento({ [chave]: 'false' });
  dispensarAvisosDeNovidade(local, 'u');
  expect(local.dados.get(chave)).toBe('false');
});

test('as chaves são as que o admin do Strapi instalado lê (uma atualização que as mude derruba este teste)', () => {
  // O admin vem com o @strapi/strapi (não é dependência direta): lido na árvore instalada, como nas traduções.
  const fonte = fs.readFileSync(
    path.join(process.cwd(), 'node_modules/@strapi/admin/dist/admin/admin/src/components/MediaLibraryBanner.mjs'),
    'utf8'
  );
  expect(fonte).toContain('useScopedPersistentState(`STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_${isLegacyMediaLibrary}`');
  expect(fonte).toContain("isEnabled('useLegacyMediaLibrary')");
  expect(AVISOS_DE_NOVIDADE.map((a) => a.split('_').pop())).toEqual(['true', 'false']);
});
