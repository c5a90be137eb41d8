import { SITUACOES_CONFERENCIA } from '@orquestrador-rpa/contrato';
import esquema from '../api/processo/content-types/processo/schema.json';

test('as situações da conferência no banco são as do contrato (uma definição só)', () => {
  expect(esquema.attributes.situacao_conferencia.enum).toEqual([...SITUACOES_CONFERENCIA]);
});
