import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawnSync } from 'child_process';
import { VARIAVEIS_DO_WORKER } from '@orquestrador-rpa/contrato';
import { SEGREDOS_OBRIGATORIOS } from '../../src/seguranca/segredos';
import {
  ambienteDoServico,
  copiadoPara,
  ErroInterpolacao,
  lerArquivoEnv,
  lerCompose,
  lerDockerfile,
  RAIZ,
  type Estagio,
} from '../ajudantes/implantacao';

/**
 * A definição de produção lida como o Docker a leria (YAML de verdade, Dockerfile por estágio):
 * cada comando aponta para o que o build gera, cada variável exigida chega ao serviço, os endereços
 * entre serviços casam, nenhum segredo é fixo e o gerador do .env cobre todos.
 */
const compose = lerCompose();
const estagios = lerDockerfile();
const estagio = (nome: string): Estagio => {
  const achado = estagios.find((e) => e.nome === nome);
  if (!achado) throw new Error(`Estágio ${nome} não existe no Dockerfile.`);
  return achado;
};
const exemplo = lerArquivoEnv(path.join(RAIZ, '.env.producao.example'));
const SEGREDOS_DO_COMPOSE = [
  ...SEGREDOS_OBRIGATORIOS,
  'APP_KEYS',
  'CHAVE_CRIPTOGRAFIA',
  'ROBO_TOKEN',
  'POSTGRES_SENHA',
  'MINIO_SENHA',
];
const PORTAS: Record<string, string> = { postgres: '5432', redis: '6379', minio: '9000', strapi: '1337' };

/** Arquivo .js do build para o .ts de origem (tsc com rootDir "." e outDir "dist" em cada unidade). */
const fonteDe = (compilado: string): string =>
  compilado.replace(/^worker-rpa\/dist\//, 'worker-rpa/').replace(/\.js$/, '.ts');

describe('serviços', () => {
  test('todos reiniciam sozinhos e têm verificação de saúde (menos o que cria o bucket e termina)', () => {
    for (const [nome, servico] of Object.entries(compose.services)) {
      if (nome === 'minio-bucket') continue;
      expect({ nome, restart: servico.restart, saude: !!servico.healthcheck?.test?.length }).toEqual({
        nome,
        restart: 'unless-stopped',
        saude: true,
      });
    }
  });

  test('cada um sobe depois da saúde do que ele usa', () => {
    expect(compose.services.strapi!.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
      'minio-bucket': { condition: 'service_completed_successfully' },
    });
    expect(compose.services.worker!.depends_on).toEqual({
      redis: { condition: 'service_healthy' },
      strapi: { condition: 'service_healthy' },
    });
    expect(compose.services['minio-bucket']!.depends_on).toEqual({ minio: { condition: 'service_healthy' } });
  });

  test('Redis persistente e sem despejo de chaves; worker com memória compartilhada para o Chromium', () => {
    const redis = compose.services.redis!.command!.join(' ');
    expect(redis).toContain('--appendonly yes');
    expect(redis).toContain('--maxmemory-policy noeviction');
    expect(compose.services.redis!.volumes).toEqual(['dados-redis:/data']);
    expect(compose.services.worker!.shm_size).toBe('1gb');
    expect(Object.keys(compose.volumes ?? {})).toEqual(['dados-postgres', 'dados-redis', 'dados-minio']);
  });

  test('o bucket das faturas é criado de forma idempotente e fica privado', () => {
    const script = compose.services['minio-bucket']!.entrypoint!.join(' ');
    expect(script).toContain('mc mb --ignore-existing "local/$$S3_BUCKET"');
    expect(script).toContain('mc anonymous set none "local/$$S3_BUCKET"');
  });
});

describe('ambiente de cada serviço', () => {
  const strapi = ambienteDoServico(compose.services.strapi!, exemplo);
  const worker = ambienteDoServico(compose.services.worker!, exemplo);

  test('o Strapi recebe tudo o que exige em produção', () => {
    for (const nome of [
      ...SEGREDOS_DO_COMPOSE.filter((n) => !n.endsWith('_SENHA')),
      'NODE_ENV',
      'DATABASE_CLIENT',
      'DATABASE_URL',
      'REDIS_URL',
      'S3_BUCKET',
      'S3_ENDPOINT',
      'S3_CHAVE_ACESSO',
      'S3_CHAVE_SECRETA',
      'PAINEL_URL_PUBLICA',
    ])
      expect({ nome, definida: !!strapi[nome] }).toEqual({ nome, definida: true });
    expect(strapi).toMatchObject({ NODE_ENV: 'production', DATABASE_CLIENT: 'postgres', HOST: '0.0.0.0' });
  });

  test('o worker recebe só o que ele usa: nenhum segredo do banco, do admin, da cifra ou do S3', () => {
    expect(worker).toMatchObject({ NODE_ENV: 'production', STRAPI_URL: 'http://strapi:1337' });
    expect(worker.ROBO_TOKEN).toBe(exemplo.ROBO_TOKEN);
    for (const nome of Object.keys(worker))
      expect({ nome, aceita: VARIAVEIS_DO_WORKER.test(nome) }).toEqual({ nome, aceita: true });
  });

  test('os endereços entre serviços apontam para serviços e portas que existem', () => {
    expect(strapi.PORT).toBe(PORTAS.strapi);
    const enderecos = [strapi, worker].flatMap((amb) =>
      Object.values(amb).flatMap((valor) => [...valor.matchAll(/\/\/(?:[^@/]*@)?([a-z-]+):(\d+)/g)])
    );
    expect(enderecos.length).toBeGreaterThanOrEqual(4);
    for (const [, servico, porta] of enderecos) {
      expect(compose.services[servico!]).toBeDefined();
      expect({ servico, porta }).toEqual({ servico, porta: PORTAS[servico!] });
    }
    expect(strapi.DATABASE_URL).toBe(
      `postgres://orquestrador:${exemplo.POSTGRES_SENHA}@postgres:5432/orquestrador`
    );
    expect(strapi.S3_CHAVE_SECRETA).toBe(exemplo.MINIO_SENHA);
  });

  test('nenhum segredo fixo: todos vêm do .env com erro claro quando faltam', () => {
    const texto = fs.readFileSync(path.join(RAIZ, 'docker-compose.yml'), 'utf8');
    for (const nome of SEGREDOS_DO_COMPOSE)
      expect({ nome, exigido: new RegExp(`\\$\\{${nome}:\\?[^}]+\\}`).test(texto) }).toEqual({
        nome,
        exigido: true,
      });
    const semSenha = { ...exemplo, POSTGRES_SENHA: '' };
    expect(() => ambienteDoServico(compose.services.postgres!, semSenha)).toThrow(ErroInterpolacao);
    expect(() => ambienteDoServico(compose.services.postgres!, semSenha)).toThrow(
      /POSTGRES_SENHA: defina POSTGRES_SENHA no \.env de produção/
    );
  });

  test('o modelo do .env de produção tem toda variável que o compose lê', () => {
    const texto = fs.readFileSync(path.join(RAIZ, 'docker-compose.yml'), 'utf8');
    const lidas = new Set([...texto.matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]!));
    for (const nome of lidas) expect({ nome, noModelo: nome in exemplo }).toEqual({ nome, noModelo: true });
  });
});

describe('imagens', () => {
  test('os serviços constroem estágios que existem; o Strapi e o worker sem comando próprio usam o CMD do estágio', () => {
    expect(compose.services.strapi!.build).toEqual({ context: '.', target: 'strapi' });
    expect(compose.services.worker!.build).toEqual({ context: '.', target: 'worker' });
    expect(estagios.map((e) => e.nome)).toEqual(['compilacao', 'strapi', 'worker']);
    expect(compose.services.strapi!.command).toBeUndefined();
    expect(compose.services.worker!.command).toBeUndefined();
  });

  test('execução com NODE_ENV=production e usuário sem privilégios', () => {
    for (const nome of ['strapi', 'worker'])
      expect({ nome, ambiente: estagio(nome).ambiente, usuario: estagio(nome).usuario }).toEqual({
        nome,
        ambiente: { NODE_ENV: 'production' },
        usuario: 'node',
      });
  });

  test('o worker roda o que o build gera e o estágio copia (comando e verificação de saúde)', () => {
    const worker = estagio('worker');
    const saude = compose.services.worker!.healthcheck!.test;
    for (const arquivo of [worker.cmd[1]!, saude[2]!]) {
      expect(arquivo).toMatch(/^worker-rpa\/dist\/src\/.+\.js$/);
      expect(fs.existsSync(path.join(RAIZ, fonteDe(arquivo)))).toBe(true);
      expect(copiadoPara(worker, arquivo)).toMatchObject({ de: 'compilacao' });
    }
    expect(worker.cmd[0]).toBe('node');
    expect(saude.slice(0, 2)).toEqual(['CMD', 'node']);
  });

  test('o Strapi roda o strapi start com o servidor, o plugin, o contrato e o admin compilados', () => {
    const strapi = estagio('strapi');
    expect(strapi.cmd).toEqual(['node', 'node_modules/@strapi/strapi/bin/strapi.js', 'start']);
    expect(fs.existsSync(path.join(RAIZ, strapi.cmd[1]!))).toBe(true);
    const plugin = JSON.parse(
      fs.readFileSync(path.join(RAIZ, 'src/plugins/orquestrador-rpa/package.json'), 'utf8')
    ) as { exports: Record<string, { require?: string }> };
    const servidorDoPlugin = path.join(
      'src/plugins/orquestrador-rpa',
      plugin.exports['./strapi-server']!.require!
    );
    for (const arquivo of [
      'dist/src/index.js',
      'dist/config/server.js',
      'dist/build/index.html',
      servidorDoPlugin,
      'pacotes/contrato/dist/index.js',
    ])
      expect({ arquivo, copiado: copiadoPara(strapi, arquivo)?.tipo }).toEqual({ arquivo, copiado: 'COPY' });
    // strapi start lê o tsconfig.json para achar o dist; a rotação da chave roda dentro do contêiner.
    expect(copiadoPara(strapi, 'tsconfig.json')).toBeDefined();
    expect(copiadoPara(strapi, 'scripts/rotacionar-chave.js')).toMatchObject({ de: null });
  });

  test('produção, CI e desenvolvimento no mesmo Node LTS: .nvmrc, engines e a base de cada imagem', () => {
    const versao = fs.readFileSync(path.join(RAIZ, '.nvmrc'), 'utf8').trim();
    expect(versao).toMatch(/^\d+\.\d+\.\d+$/); // exata: o .ci/run baixa essa versão
    const maior = Number(versao.split('.')[0]);
    expect(maior % 2).toBe(0); // só as pares viram LTS
    expect(maior).toBeGreaterThanOrEqual(22); // a 20 saiu de suporte em abril de 2026
    for (const { nome, base } of estagios)
      expect({ nome, base }).toEqual({ nome, base: `node:${maior}-bookworm-slim` });
    const { engines } = JSON.parse(fs.readFileSync(path.join(RAIZ, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    expect(engines.node).toBe(`>=${maior}.0.0 <${maior + 1}.0.0`);
  });

  test('imagens enxutas: o Strapi sem Chromium nem Selenium, o worker sem o admin compilado', () => {
    const comandos = (e: Estagio) =>
      e.passos.flatMap((p) => (p.tipo === 'RUN' ? [p.comando] : [])).join('\n');
    expect(comandos(estagio('strapi'))).not.toMatch(/chromium|selenium/);
    expect(comandos(estagio('strapi'))).toMatch(
      /npm ci --omit=dev .*--workspace=@orquestrador-rpa\/contrato/
    );
    expect(comandos(estagio('strapi'))).not.toContain('--workspace=worker-rpa');
    // Com o package.json do worker no estágio, o npm ci instalaria as dependências dele (Selenium).
    expect(copiadoPara(estagio('strapi'), 'worker-rpa/package.json')).toBeUndefined();
    expect(comandos(estagio('worker'))).toMatch(/chromium chromium-driver/);
    // A conferência fiscal roda no Strapi: o pdftotext vai na imagem dele.
    expect(comandos(estagio('strapi'))).toMatch(/apt-get install .*poppler-utils/s);
    expect(copiadoPara(estagio('worker'), 'dist/build/index.html')).toBeUndefined();
    expect(copiadoPara(estagio('worker'), 'dist/src/index.js')).toBeUndefined();
  });
});

describe('gerador do .env de produção', () => {
  const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'env-producao-'));
  afterAll(() => fs.rmSync(pasta, { recursive: true, force: true }));
  const gerar = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(RAIZ, 'scripts', 'gerar-env-producao.js'), ...args], {
      encoding: 'utf8',
    });

  test('todos os segredos aleatórios, nenhum valor de exemplo, e nunca sobrescreve', () => {
    const arquivo = path.join(pasta, '.env.producao');
    const r = gerar('--arquivo', arquivo, '--url', 'https://painel.empresa.com.br');
    expect(r.status).toBe(0);
    expect((fs.statSync(arquivo).mode & 0o777).toString(8)).toBe('600');
    const gerado = lerArquivoEnv(arquivo);
    for (const nome of SEGREDOS_DO_COMPOSE) {
      expect({ nome, trocado: gerado[nome] !== exemplo[nome] && gerado[nome]!.length >= 32 }).toEqual({
        nome,
        trocado: true,
      });
    }
    expect(gerado.APP_KEYS!.split(',')).toHaveLength(4);
    expect(Buffer.from(gerado.CHAVE_CRIPTOGRAFIA!, 'base64')).toHaveLength(32);
    expect(gerado.PAINEL_URL_PUBLICA).toBe('https://painel.empresa.com.br');
    expect(Object.keys(gerado)).toEqual(Object.keys(exemplo));
    const outro = path.join(pasta, 'outro');
    gerar('--arquivo', outro);
    expect(lerArquivoEnv(outro).JWT_SECRET).not.toBe(gerado.JWT_SECRET);

    const antes = fs.readFileSync(arquivo, 'utf8');
    const segunda = gerar('--arquivo', arquivo);
    expect(segunda.status).toBe(1);
    expect(segunda.stderr).toContain('já existe: nada foi alterado');
    expect(fs.readFileSync(arquivo, 'utf8')).toBe(antes);
  });

  test('endereço do painel inválido é recusado sem criar arquivo', () => {
    const arquivo = path.join(pasta, 'ruim');
    const r = gerar('--arquivo', arquivo, '--url', 'painel sem protocolo');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--url "painel sem protocolo" inválida');
    expect(fs.existsSync(arquivo)).toBe(false);
  });
});

// Validação do próprio Compose (docker-compose do Debian; o .ci/run o instala): o arquivo é aceito
// com o modelo do .env e recusado, com a mensagem em português, sem um segredo.
const dockerCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
(dockerCompose ? describe : describe.skip)('docker-compose config', () => {
  const validar = (arquivoEnv: string) =>
    spawnSync('docker-compose', ['--env-file', arquivoEnv, '-f', 'docker-compose.yml', 'config', '-q'], {
      cwd: RAIZ,
      encoding: 'utf8',
    });

  test('aceita o arquivo com o modelo do .env e recusa sem ROBO_TOKEN', () => {
    const valido = validar(path.join(RAIZ, '.env.producao.example'));
    expect(valido.stderr).toBe('');
    expect(valido.status).toBe(0);
    const semToken = path.join(os.tmpdir(), `env-sem-token-${process.pid}`);
    fs.writeFileSync(
      semToken,
      fs
        .readFileSync(path.join(RAIZ, '.env.producao.example'), 'utf8')
        .replace(/^ROBO_TOKEN=.*$/m, 'ROBO_TOKEN=')
    );
    const invalido = validar(semToken);
    fs.rmSync(semToken);
    expect(invalido.status).not.toBe(0);
    expect(invalido.stderr).toContain('defina ROBO_TOKEN no .env de produção');
  });
});
