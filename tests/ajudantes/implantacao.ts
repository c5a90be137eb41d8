import fs from 'fs';
import path from 'path';
import { parseEnv } from 'util';
import { parse } from 'yaml';

/**
 * Leitura do `docker-compose.yml` (YAML de verdade) e do `Dockerfile` para o teste da definição e
 * para o ensaio de produção: o que os dois afirmam sai destes arquivos, nunca de uma cópia à mão.
 */
export const RAIZ = path.join(__dirname, '..', '..');

export interface Servico {
  image?: string;
  build?: { context: string; target: string };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
  ports?: string[];
  shm_size?: string;
  volumes?: string[];
}

export interface Compose {
  services: Record<string, Servico>;
  volumes?: Record<string, unknown>;
}

export const lerCompose = (arquivo = path.join(RAIZ, 'docker-compose.yml')): Compose =>
  parse(fs.readFileSync(arquivo, 'utf8'), { merge: true }) as Compose;

export class ErroInterpolacao extends Error {}

/** Interpolação do compose: `${X}`, `${X:-padrão}`, `${X:?mensagem}` e `$$` (um `$` literal). */
export const interpolar = (valor: string, variaveis: Record<string, string | undefined>): string =>
  valor.replace(/\$\$|\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}/g, (trecho, nome, operador, resto) => {
    if (trecho === '$$') return '$';
    const atual = variaveis[nome as string];
    if (atual !== undefined && atual !== '') return atual;
    if (operador === ':?') throw new ErroInterpolacao(`${nome}: ${resto}`);
    return operador === ':-' ? (resto as string) : '';
  });

/** Ambiente de um serviço com as variáveis do `.env` de produção aplicadas. */
export const ambienteDoServico = (
  servico: Servico,
  variaveis: Record<string, string | undefined>
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(servico.environment ?? {}).map(([nome, valor]) => [
      nome,
      interpolar(String(valor), variaveis),
    ])
  );

/** Variáveis de um arquivo .env, lidas como o worker as lê (`util.parseEnv`). */
export const lerArquivoEnv = (arquivo: string): Record<string, string> =>
  parseEnv(fs.readFileSync(arquivo, 'utf8')) as Record<string, string>;

export type Passo =
  { tipo: 'COPY'; de: string | null; origens: string[]; destino: string } | { tipo: 'RUN'; comando: string };

export interface Estagio {
  nome: string;
  base: string;
  ambiente: Record<string, string>;
  usuario: string | null;
  passos: Passo[];
  cmd: string[];
}

/** Estágios do Dockerfile (FROM … AS, ENV, USER, COPY [--from], RUN, CMD em JSON), com as linhas `\` juntadas. */
export const lerDockerfile = (arquivo = path.join(RAIZ, 'Dockerfile')): Estagio[] => {
  const linhas = fs
    .readFileSync(arquivo, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const estagios: Estagio[] = [];
  for (const linha of linhas) {
    const [instrucao, ...resto] = linha.split(/\s+/);
    const argumentos = resto.join(' ');
    const atual = estagios[estagios.length - 1];
    if (instrucao === 'FROM') {
      const [, base, nome] = /^(\S+)\s+AS\s+(\S+)$/i.exec(argumentos) ?? [];
      if (!base || !nome) throw new Error(`FROM sem nome de estágio: ${linha}`);
      estagios.push({ nome, base, ambiente: {}, usuario: null, passos: [], cmd: [] });
    } else if (!atual) {
      throw new Error(`Instrução antes do primeiro FROM: ${linha}`);
    } else if (instrucao === 'ENV') {
      for (const par of resto) {
        const [nome, ...valor] = par.split('=');
        atual.ambiente[nome!] = valor.join('=');
      }
    } else if (instrucao === 'USER') {
      atual.usuario = argumentos;
    } else if (instrucao === 'RUN') {
      // `--mount=type=cache` só muda onde o BuildKit guarda o cache do npm, não o que o comando faz.
      atual.passos.push({ tipo: 'RUN', comando: resto.filter((r) => !r.startsWith('--mount=')).join(' ') });
    } else if (instrucao === 'COPY') {
      const de = /^--from=(\S+)$/.exec(resto[0] ?? '')?.[1] ?? null;
      const caminhos = resto.filter((r) => !r.startsWith('--'));
      atual.passos.push({ tipo: 'COPY', de, origens: caminhos.slice(0, -1), destino: caminhos.at(-1)! });
    } else if (instrucao === 'CMD') {
      atual.cmd = JSON.parse(argumentos) as string[];
    }
  }
  return estagios;
};

/** Caminho (relativo ao WORKDIR) que um estágio recebe pelos seus COPY: o arquivo está coberto? */
export const copiadoPara = (estagio: Estagio, arquivo: string): Passo | undefined =>
  estagio.passos.find((passo) => {
    if (passo.tipo !== 'COPY') return false;
    const destino = passo.destino.replace(/^\.\/?/, '').replace(/\/$/, '');
    if (passo.origens.length === 1 && passo.origens[0] === '.') return true;
    return passo.origens.some((origem) => {
      const nome = path.basename(origem);
      const alvo =
        passo.destino.endsWith('/') || passo.origens.length > 1 ? path.join(destino, nome) : destino;
      return arquivo === alvo || arquivo.startsWith(`${alvo}/`);
    });
  });
