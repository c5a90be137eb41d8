import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { Client } from 'pg';
import IORedis from 'ioredis';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  ambienteDoServico,
  lerArquivoEnv,
  lerCompose,
  lerDockerfile,
  RAIZ,
  type Estagio,
  type Passo,
} from '../ajudantes/implantacao';
import { portaLivre } from '../ajudantes/portas';
import { RedisProprio } from '../ajudantes/redis-proprio';
import { comAdmin, urlAdminPg } from '../ajudantes/banco';
import { esperar } from '../ajudantes/worker';
import { CNPJS_VALIDOS, dadosCliente } from '../ajudantes/dados';
import { iniciarPortalEmbratel } from '../../worker-rpa/portais-simulados/embratel';
import { iniciarPortalSat } from '../../worker-rpa/portais-simulados/sat';
import { processosCom } from '../../worker-rpa/src/navegador/processos-chromium';

/**
 * Ensaio de produção sem Docker: cada estágio do Dockerfile vira uma pasta (COPY e RUN de verdade;
 * só o apt-get é trocado pela conferência de que os pacotes do Debian estão na máquina), e os
 * serviços do docker-compose.yml sobem como processos locais com o ambiente do compose traduzido
 * (PostgreSQL real, Redis próprio, S3 compatível local, Strapi em produção, dois workers). Percorre
 * o ciclo completo e derruba tudo com SIGTERM: nada pode ficar pela metade.
 */
const S3rver = require('s3rver');
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account');

const PASTA = fs.mkdtempSync(path.join(os.tmpdir(), 'ensaio-producao-'));
const IMAGENS = path.join(PASTA, 'imagens');
const BANCO = `ensaio_producao_${process.pid}`;
const MES = '2025-05';
const compose = lerCompose();
const estagios = lerDockerfile();
const estagio = (nome: string): Estagio => estagios.find((e) => e.nome === nome)!;

type Registro = Record<string, any>;
let variaveis: Record<string, string>;
let redis: RedisProprio;
let s3rver: { run: () => Promise<{ port: number }>; close: () => Promise<void> };
let s3: S3Client;
let embratel: Awaited<ReturnType<typeof iniciarPortalEmbratel>>;
let sat: Awaited<ReturnType<typeof iniciarPortalSat>>;
let portaStrapi: number;
let portaS3: number;
let urlStrapi: string;
const filhos: Array<{ nome: string; processo: ChildProcess; saida: string[] }> = [];

const registrar = (texto: string) => fs.appendFileSync(path.join(PASTA, 'ensaio.log'), `${texto}\n`);

/** Ambiente mínimo de um `docker build`/contêiner: nada do jest (NODE_ENV=test) vaza para o ensaio. */
const ambienteBase = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/root',
  STRAPI_TELEMETRY_DISABLED: 'true',
});

// ——— Imagens: o Dockerfile interpretado em pastas ———

const ignorados = fs
  .readFileSync(path.join(RAIZ, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const ignoradoNoContexto = (absoluto: string): boolean => {
  const relativo = path.relative(RAIZ, absoluto);
  if (!relativo) return false;
  const partes = relativo.split(path.sep);
  return ignorados.some((padrao) =>
    padrao.startsWith('**/') ? partes.includes(padrao.slice(3)) : relativo === padrao || partes[0] === padrao
  );
};

const copiar = (passo: Extract<Passo, { tipo: 'COPY' }>, raizImagem: string): void => {
  const base = passo.de ? path.join(IMAGENS, passo.de) : RAIZ;
  for (const origem of passo.origens) {
    const fonte = path.join(base, passo.de ? origem.replace(/^\/app\/?/, '') : origem);
    const varias = passo.origens.length > 1 || passo.destino.endsWith('/');
    const destino = path.join(
      raizImagem,
      passo.destino,
      varias && origem !== '.' ? path.basename(origem) : ''
    );
    if (!fs.existsSync(fonte)) throw new Error(`COPY ${origem}: ${fonte} não existe (o build não gerou).`);
    fs.cpSync(fonte, destino, {
      recursive: true,
      verbatimSymlinks: true,
      filter: passo.de ? undefined : (caminho) => !ignoradoNoContexto(caminho),
    });
  }
};

/** O programa que mostra cada pacote do Debian instalado (as fontes não têm um). */
const BINARIO_DO_PACOTE: Record<string, string[]> = {
  chromium: ['chromium'],
  'chromium-driver': ['chromedriver'],
  qpdf: ['qpdf'],
  'poppler-utils': ['pdftotext'],
  'fonts-liberation': [],
};

const executar = (comando: string, raizImagem: string, e: Estagio): void => {
  if (/apt-get install/.test(comando)) {
    // Sem engine Docker: os pacotes do Debian que o estágio instala precisam estar nesta máquina.
    const pacotes = /--no-install-recommends\s+([^&]+)&&/.exec(comando)?.[1]?.trim().split(/\s+/);
    expect(pacotes?.length).toBeGreaterThan(0);
    const binarios = (pacotes ?? []).flatMap((p) => BINARIO_DO_PACOTE[p] ?? []);
    for (const binario of binarios)
      expect({ binario, instalado: spawnSync('which', [binario]).status === 0 }).toEqual({
        binario,
        instalado: true,
      });
    return;
  }
  const lockDaImagem = path.join(raizImagem, 'package-lock.json');
  if (
    comando === 'npm ci --no-audit --no-fund' &&
    fs.readFileSync(lockDaImagem, 'utf8') === fs.readFileSync(path.join(RAIZ, 'package-lock.json'), 'utf8')
  ) {
    // A instalação completa com o mesmo package-lock já rodou nesta máquina (.ci/run): copiada, não
    // refeita (o better-sqlite3 compila do fonte a cada npm ci). As de produção rodam de verdade.
    registrar(`[${e.nome}] RUN ${comando} → cópia do node_modules do repositório (mesmo package-lock)`);
    const copia = spawnSync('cp', ['-a', path.join(RAIZ, 'node_modules'), raizImagem]);
    if (copia.status !== 0) throw new Error(`Cópia do node_modules falhou: ${copia.stderr.toString()}`);
    return;
  }
  // O usuário `node` existe na imagem node:24, não necessariamente nesta máquina: o dono vira quem roda o ensaio.
  comando = comando.replace(/chown -R node:node/g, `chown -R ${os.userInfo().uid}:${os.userInfo().gid}`);
  registrar(`[${e.nome}] RUN ${comando}`);
  const r = spawnSync('bash', ['-c', comando], {
    cwd: raizImagem,
    env: { ...ambienteBase(), ...e.ambiente },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  registrar(r.stdout + r.stderr);
  if (r.status !== 0)
    throw new Error(`[${e.nome}] RUN ${comando} falhou (${r.status}):\n${r.stderr.slice(-3000)}`);
};

const montarImagens = (): void => {
  for (const e of estagios) {
    const raizImagem = path.join(IMAGENS, e.nome);
    fs.mkdirSync(raizImagem, { recursive: true });
    for (const passo of e.passos)
      if (passo.tipo === 'COPY') copiar(passo, raizImagem);
      else executar(passo.comando, raizImagem, e);
  }
};

// ——— Serviços: o compose traduzido para esta máquina ———

/** Nomes de serviço do compose → endereços locais (o banco e o usuário descartáveis do ensaio). */
const traduzir = (ambiente: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(ambiente).map(([nome, valor]) => [
      nome,
      valor
        .replace(
          /\/\/orquestrador:([^@]*)@postgres:5432\/orquestrador/,
          `//${BANCO}:$1@127.0.0.1:5432/${BANCO}`
        )
        .replace('//redis:6379', `//127.0.0.1:${redis.porta}`)
        .replace('//minio:9000', `//127.0.0.1:${portaS3}`)
        .replace('//strapi:1337', `//127.0.0.1:${portaStrapi}`),
    ])
  );

const subir = (nome: string, servico: string, extras: Record<string, string> = {}): ChildProcess => {
  const e = estagio(compose.services[servico]!.build!.target);
  const [programa, ...argumentos] = e.cmd;
  const processo = spawn(programa === 'node' ? process.execPath : programa!, argumentos, {
    cwd: path.join(IMAGENS, e.nome),
    env: {
      ...ambienteBase(),
      ...e.ambiente,
      ...traduzir(ambienteDoServico(compose.services[servico]!, variaveis)),
      ...extras,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const saida: string[] = [];
  const guardar = (parte: Buffer) => {
    saida.push(...parte.toString().split('\n').filter(Boolean));
    fs.appendFileSync(path.join(PASTA, `${nome}.log`), parte);
  };
  processo.stdout!.on('data', guardar);
  processo.stderr!.on('data', guardar);
  filhos.push({ nome, processo, saida });
  return processo;
};

/** A verificação de saúde do compose, rodada como o Docker a rodaria (no "contêiner" do serviço). */
const saudavel = (servico: string, extras: Record<string, string> = {}): boolean => {
  const e = estagio(compose.services[servico]!.build!.target);
  const [, programa, ...argumentos] = compose.services[servico]!.healthcheck!.test;
  const r = spawnSync(
    programa === 'node' ? process.execPath : programa!,
    argumentos.map((a) => a.replace('127.0.0.1:1337', `127.0.0.1:${portaStrapi}`)),
    {
      cwd: path.join(IMAGENS, e.nome),
      env: {
        ...ambienteBase(),
        ...traduzir(ambienteDoServico(compose.services[servico]!, variaveis)),
        ...extras,
      },
      timeout: 10_000,
    }
  );
  return r.status === 0;
};

const http = async (
  metodo: string,
  caminho: string,
  token: string | null,
  corpo?: unknown
): Promise<Registro> => {
  const resposta = await fetch(`${urlStrapi}${caminho}`, {
    method: metodo,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: corpo === undefined ? undefined : JSON.stringify(corpo),
  });
  const texto = await resposta.text();
  if (!resposta.ok) throw new Error(`${metodo} ${caminho} → ${resposta.status}: ${texto.slice(0, 500)}`);
  return texto ? (JSON.parse(texto) as Registro) : {};
};

const consultar = async <T = Registro>(sql: string, parametros: unknown[] = []): Promise<T[]> => {
  const url = new URL(urlAdminPg());
  url.pathname = `/${BANCO}`;
  const conexao = new Client({ connectionString: url.toString() });
  await conexao.connect();
  try {
    return (await conexao.query(sql, parametros)).rows as T[];
  } finally {
    await conexao.end();
  }
};

const ultimasLinhas = () => filhos.map((f) => `— ${f.nome} —\n${f.saida.slice(-15).join('\n')}`).join('\n');

beforeAll(async () => {
  registrar(`Ensaio em ${PASTA}`);
  // O .env de produção sai do gerador (o mesmo comando da documentação); o operador completa o SAT.
  portaStrapi = await portaLivre();
  urlStrapi = `http://127.0.0.1:${portaStrapi}`;
  const arquivoEnv = path.join(PASTA, '.env.producao');
  const gerado = spawnSync(
    process.execPath,
    [path.join(RAIZ, 'scripts', 'gerar-env-producao.js'), '--arquivo', arquivoEnv, '--url', urlStrapi],
    { encoding: 'utf8' }
  );
  expect(gerado.status).toBe(0);
  embratel = await iniciarPortalEmbratel({
    usuario: 'usuario.portal',
    senha: 'Segredo#Portal1',
    faturas: [0, 1].map((i) => ({
      conta: `1234567890${i}-2345`,
      mes: '202505',
      vencimento: '10/05/2025',
      valor: `${i + 1}00,00`,
      icms: true,
      iss: true,
    })),
  });
  sat = await iniciarPortalSat({
    usuario: 'robo.sat',
    senha: 'Sat#Senha1',
    clientes: [0, 1].map((i) => ({ id: i + 1, nome: `CLIENTE ENSAIO ${i}` })),
    filiais: ['CAMPO GRANDE - MS'],
  });
  variaveis = {
    ...lerArquivoEnv(arquivoEnv),
    SAT_URL: `${sat.url}/`,
    SAT_USUARIO: 'robo.sat',
    SAT_SENHA: 'Sat#Senha1',
  };

  montarImagens();

  // PostgreSQL: banco e usuário descartáveis com a senha gerada (o serviço postgres do compose).
  await comAdmin(`CREATE ROLE ${BANCO} LOGIN PASSWORD '${variaveis.POSTGRES_SENHA}'`);
  await comAdmin(`CREATE DATABASE ${BANCO} OWNER ${BANCO}`);
  redis = new RedisProprio(await portaLivre());
  await redis.ligar();
  // S3 compatível com as credenciais do MinIO geradas; o bucket como o serviço minio-bucket o cria.
  DUMMY_ACCOUNT.createKeyPair(variaveis.MINIO_USUARIO, variaveis.MINIO_SENHA);
  s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(PASTA, 's3') });
  const { port } = await s3rver.run();
  s3 = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: variaveis.MINIO_USUARIO!, secretAccessKey: variaveis.MINIO_SENHA! },
  });
  portaS3 = port;
  for (let vez = 0; vez < 2; vez += 1)
    await s3.send(new CreateBucketCommand({ Bucket: variaveis.S3_BUCKET })).catch((erro: Error) => {
      if (!/BucketAlreadyOwnedByYou|BucketAlreadyExists/.test(erro.name)) throw erro;
    });

  // Os portais simulados respondem em 127.0.0.1: liberados só no ensaio (em produção são públicos).
  const portaisLocais = { PORTAIS_LOCAIS_PERMITIDOS: 'true' };
  subir('strapi', 'strapi', { ...portaisLocais, PORT: String(portaStrapi), HOST: '127.0.0.1' });
  await esperar(async () => saudavel('strapi'), 180_000, ultimasLinhas);
  for (const n of [1, 2]) subir(`worker-${n}`, 'worker', portaisLocais);
  await esperar(
    async () => filhos.filter((f) => f.saida.some((l) => l.includes('worker-rpa: pronto'))).length === 3 - 1,
    60_000,
    ultimasLinhas
  );
}, 1_500_000);

afterAll(async () => {
  for (const { processo } of filhos) if (processo.exitCode === null) processo.kill('SIGKILL');
  await embratel?.fechar();
  await sat?.fechar();
  await redis?.derrubar().catch(() => undefined);
  s3?.destroy();
  await s3rver?.close().catch(() => undefined);
  await comAdmin(`DROP DATABASE IF EXISTS ${BANCO} WITH (FORCE)`).catch(() => undefined);
  await comAdmin(`DROP ROLE IF EXISTS ${BANCO}`).catch(() => undefined);
  if (process.env.ENSAIO_MANTER_PASTA !== 'true') fs.rmSync(PASTA, { recursive: true, force: true });
});

test('as imagens montadas: Strapi sem Chromium nem Selenium nem devDependencies; worker sem o admin', () => {
  const existe = (imagem: string, caminho: string) => fs.existsSync(path.join(IMAGENS, imagem, caminho));
  expect(existe('strapi', 'dist/build/index.html')).toBe(true);
  expect(existe('strapi', 'node_modules/selenium-webdriver')).toBe(false);
  expect(existe('strapi', 'node_modules/jest')).toBe(false);
  expect(existe('worker', 'node_modules/selenium-webdriver')).toBe(true);
  expect(existe('worker', 'dist/build')).toBe(false);
  expect(existe('worker', 'node_modules/@strapi/strapi')).toBe(false);
});

test('os dois workers e o Strapi passam na verificação de saúde do compose', () => {
  expect(saudavel('strapi')).toBe(true);
  expect(saudavel('worker')).toBe(true);
  // A verificação do worker falha de verdade sem batimento (outro prefixo de filas = nenhum worker).
  expect(saudavel('worker', { FILAS_PREFIXO: 'ninguem' })).toBe(false);
});

test('ciclo completo em produção: primeiro administrador, cadastro, robô baixa, aprovação, robô do SAT envia', async () => {
  // Primeiro administrador pela tela de cadastro do admin (a mesma rota que ela chama).
  const admin = (
    await http('POST', '/admin/register-admin', null, {
      firstname: 'Ana',
      lastname: 'Administradora',
      email: 'admin@ensaio.invalid',
      password: 'Ensaio#Producao1',
    })
  ).data.token as string;
  const token = (
    await http('POST', '/admin/api-tokens', admin, {
      name: 'integracao-ensaio',
      description: 'ensaio de produção',
      type: 'full-access',
      lifespan: null,
    })
  ).data.accessKey as string;
  const operadora = (
    await http('POST', '/api/operadoras', token, {
      data: {
        nome: 'EMBRATEL',
        codigo: 'EMB',
        possui_rpa: true,
        status_ativo: true,
        url_portal: embratel.urlLogin,
      },
    })
  ).data;
  for (const i of [0, 1])
    await http('POST', '/api/clientes', token, {
      data: dadosCliente(operadora.documentId, {
        cnpj: CNPJS_VALIDOS[i],
        nome_sat: `CLIENTE ENSAIO ${i}`,
        filtro: `1234567890${i}-2345_10`,
      }),
    });

  // A integração (token de API) gera o mês e dispara os robôs; a administradora aprova (quatro olhos:
  // quem disparou o download não aprova sozinho).
  await http('POST', '/api/processos/gerar-mensais', token, { mes_ano: MES });
  const disparo = await http('POST', '/api/processos/executar-downloads', token, {
    mes_ano: MES,
    operadora: 'EMB',
  });
  expect(disparo.data).toMatchObject({ criadas: 2 });
  const processos = () =>
    consultar<{ document_id: string; status_processo: string; hash_fatura: string | null }>(
      'SELECT document_id, status_processo, hash_fatura FROM processos WHERE mes_ano = $1 ORDER BY id',
      [MES]
    );
  const todosEm = (status: string) => async () => {
    const lista = await processos();
    return lista.length === 2 && lista.every((p) => p.status_processo === status) ? lista : null;
  };
  const baixados = await esperar(todosEm('AGUARDANDO_APROVACAO'), 180_000, ultimasLinhas);
  for (const processo of baixados)
    await http('POST', `/orquestrador-rpa/processos/${processo.document_id}/aprovar`, admin, {
      observacoes: 'Conferida no ensaio de produção',
      sha256_fatura: processo.hash_fatura,
    });
  await esperar(todosEm('ENVIADO_SAT'), 180_000, ultimasLinhas);
  expect(sat.estado.registros.map((r: Registro) => r.cliente).sort()).toEqual([
    'CLIENTE ENSAIO 0',
    'CLIENTE ENSAIO 1',
  ]);
  // As faturas foram para o bucket (S3), não para o disco da imagem.
  const objetos = await s3.send(new ListObjectsV2Command({ Bucket: variaveis.S3_BUCKET }));
  expect(objetos.KeyCount).toBeGreaterThanOrEqual(2);
  expect(fs.existsSync(path.join(IMAGENS, 'strapi', 'armazenamento-privado'))).toBe(true);
  expect(fs.readdirSync(path.join(IMAGENS, 'strapi', 'armazenamento-privado'))).toEqual([]);
}, 600_000);

test('SIGTERM em tudo: cada processo sai sozinho e nada fica pela metade', async () => {
  const saidas = filhos.map(
    ({ nome, processo }) =>
      new Promise<[string, number | null]>((resolver) => {
        if (processo.exitCode !== null) resolver([nome, processo.exitCode]);
        else processo.once('exit', (codigo) => resolver([nome, codigo]));
      })
  );
  for (const { processo } of filhos) processo.kill('SIGTERM');
  let prazo: NodeJS.Timeout | undefined;
  const codigos = await Promise.race([
    Promise.all(saidas),
    new Promise<never>((_, rejeitar) => {
      prazo = setTimeout(() => rejeitar(new Error(`Não saíram em 60 s:\n${ultimasLinhas()}`)), 60_000);
    }),
  ]).finally(() => clearTimeout(prazo));
  expect(codigos).toEqual([
    ['strapi', 0],
    ['worker-1', 0],
    ['worker-2', 0],
  ]);
  expect(
    await consultar(
      "SELECT status_execucao, count(*)::int AS n FROM execucoes WHERE status_execucao IN ('PENDENTE', 'EM_EXECUCAO') GROUP BY 1"
    )
  ).toEqual([]);
  expect(
    await consultar("SELECT status_envio FROM notificacoes WHERE status_envio IN ('PENDENTE', 'ENVIANDO')")
  ).toEqual([]);
  // Nenhum arquivo órfão: cada objeto do bucket tem a linha que o registra, e vice-versa.
  const objetos = await s3.send(new ListObjectsV2Command({ Bucket: variaveis.S3_BUCKET }));
  const [{ n }] = await consultar<{ n: number }>('SELECT count(*)::int AS n FROM arquivos_privados');
  expect(objetos.KeyCount).toBe(n);
  // Nenhum job preso no Redis e nenhum Chromium dos workers vivo.
  const conexao = new IORedis(redis.url);
  try {
    const ativos = await conexao.keys('*:active');
    for (const chave of ativos) expect({ chave, n: await conexao.llen(chave) }).toEqual({ chave, n: 0 });
  } finally {
    conexao.disconnect();
  }
  for (const { processo } of filhos.slice(1)) expect(processosCom(`/w${processo.pid}-`)).toEqual([]);
}, 120_000);
