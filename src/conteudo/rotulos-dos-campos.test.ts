import fs from 'fs';
import path from 'path';
import { rotuloDoCampo } from './rotulos-dos-campos';

test.each([
  ['razao_social', 'Razão social'],
  ['nome_sat', 'Nome SAT'],
  ['numero_tentativa', 'Número tentativa'],
  ['url_arquivo_s3', 'URL arquivo S3'],
  ['cnpj', 'CNPJ'],
  ['data_vencimento', 'Data vencimento'],
  ['instrucoes_acesso', 'Instruções acesso'],
  ['duracao_ms', 'Duração (ms)'],
])('%s → %s', (campo, rotulo) => expect(rotuloDoCampo(campo)).toBe(rotulo));

test('nenhum campo dos nossos tipos fica com palavra portuguesa sem acento conhecida', () => {
  const pasta = path.join(__dirname, '..', 'api');
  const campos = fs
    .readdirSync(pasta)
    .flatMap((api) => {
      const tipos = path.join(pasta, api, 'content-types');
      return fs.existsSync(tipos) ? fs.readdirSync(tipos).map((t) => path.join(tipos, t, 'schema.json')) : [];
    })
    .flatMap((arquivo) => Object.keys(JSON.parse(fs.readFileSync(arquivo, 'utf8')).attributes));
  // Terminações que pedem acento em português (-cao, -coes, -encia...): se aparecer uma nova, entra no dicionário.
  const semAcento = campos
    .map(rotuloDoCampo)
    .filter((r) => /\b\w*(cao|coes|encia|ario|orio|avel|ivel)\b/i.test(r));
  expect(semAcento).toEqual([]);
});
