import fs from 'fs';
import path from 'path';
import { parseEnv } from 'util';
import { ambienteDoWorker } from '@orquestrador-rpa/contrato';

/**
 * Lê o `.env` da pasta em que o worker foi iniciado (como o Strapi faz), para `npm run worker`
 * funcionar sozinho: só as variáveis do worker, e nunca por cima do que já veio do ambiente.
 */
export const carregarEnv = (
  arquivo = path.resolve('.env'),
  ambiente: NodeJS.ProcessEnv = process.env
): number => {
  if (!fs.existsSync(arquivo)) return 0;
  let lidas = 0;
  for (const [nome, valor] of Object.entries(ambienteDoWorker(parseEnv(fs.readFileSync(arquivo, 'utf8'))))) {
    if (ambiente[nome] !== undefined) continue;
    ambiente[nome] = valor;
    lidas += 1;
  }
  return lidas;
};
