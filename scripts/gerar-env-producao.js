#!/usr/bin/env node
/*
 * npm run gerar-env-producao [-- --arquivo caminho] [-- --url https://painel]: cria o .env de
 * produção do docker-compose.yml a partir do modelo .env.producao.example, com todos os segredos
 * aleatórios. Nunca sobrescreve um arquivo existente (segredos trocados perdem o banco cifrado).
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const raiz = path.join(__dirname, '..');
const argumento = (nome) => {
  const i = process.argv.indexOf(`--${nome}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const base64 = (bytes) => crypto.randomBytes(bytes).toString('base64');
const senha = () => crypto.randomBytes(24).toString('hex');

/** Valor novo de cada variável com segredo do modelo. */
const SEGREDOS = {
  APP_KEYS: () => [base64(24), base64(24), base64(24), base64(24)].join(','),
  API_TOKEN_SALT: () => base64(24),
  ADMIN_JWT_SECRET: () => base64(32),
  TRANSFER_TOKEN_SALT: () => base64(24),
  JWT_SECRET: () => base64(32),
  ENCRYPTION_KEY: () => base64(32),
  CHAVE_CRIPTOGRAFIA: () => base64(32),
  ROBO_TOKEN: () => crypto.randomBytes(32).toString('hex'),
  POSTGRES_SENHA: senha,
  MINIO_SENHA: senha,
};

const gerar = (modelo, url) =>
  modelo
    .split('\n')
    .map((linha) => {
      const [, nome] = /^([A-Z0-9_]+)=/.exec(linha) ?? [];
      if (nome && SEGREDOS[nome]) return `${nome}=${SEGREDOS[nome]()}`;
      if (nome === 'PAINEL_URL_PUBLICA' && url) return `${nome}=${url}`;
      return linha;
    })
    .join('\n')
    .replace(
      /^# Modelo do \.env de produção.*$/m,
      '# .env de produção gerado por npm run gerar-env-producao: segredos desta implantação, não versionar.'
    );

const principal = () => {
  const destino = path.resolve(argumento('arquivo') ?? path.join(raiz, '.env.producao'));
  if (fs.existsSync(destino)) {
    console.error(
      `${destino} já existe: nada foi alterado. Os segredos dele protegem o banco e as senhas de portal; para trocar um, veja docs/implantacao.md.`
    );
    process.exit(1);
  }
  const url = argumento('url');
  if (url && !/^https?:\/\/[^\s/]+/.test(url)) {
    console.error(
      `--url "${url}" inválida: use o endereço do painel, como https://orquestrador.empresa.com.br.`
    );
    process.exit(1);
  }
  const modelo = fs.readFileSync(path.join(raiz, '.env.producao.example'), 'utf8');
  // wx: falha se outro processo criou o arquivo entre a conferência e a escrita.
  fs.writeFileSync(destino, gerar(modelo, url), { mode: 0o600, flag: 'wx' });
  console.log(
    `Criado ${destino} com segredos aleatórios. Confira PAINEL_URL_PUBLICA e os canais antes de subir.`
  );
};

if (require.main === module) principal();
module.exports = { gerar, SEGREDOS };
