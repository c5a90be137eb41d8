import http from 'http';
import { randomBytes } from 'crypto';
import type { AddressInfo } from 'net';

/**
 * Base dos portais simulados: servidor HTTP local com sessões por cookie, leitura de formulários
 * (urlencoded e multipart) e modos de falha comuns, configuráveis por teste.
 */
export interface ModoFalha {
  /** Atraso aplicado a toda resposta (página lenta). */
  lentidaoMs?: number;
  /** As próximas N respostas são HTTP 500 (falha passageira). */
  falhasHttp500?: number;
  /** Troca ids/nomes dos campos de login (o portal mudou). */
  seletorMudado?: boolean;
}

export interface Pedido {
  metodo: string;
  caminho: string;
  consulta: URLSearchParams;
  sessao: string | null;
  formulario: () => Promise<FormData>;
  texto: () => Promise<string>;
  cabecalhos: Record<string, string | string[] | undefined>;
}

export interface Resposta {
  status?: number;
  html?: string;
  /** Conteúdo binário (ex.: um PDF), no lugar do HTML. */
  corpo?: Buffer;
  /** Content-Type (padrão: HTML). */
  tipo?: string;
  redirecionar?: string;
  novaSessao?: boolean;
}

export type Rota = (pedido: Pedido) => Promise<Resposta> | Resposta;

export interface PortalSimulado {
  url: string;
  fechar: () => Promise<void>;
}

export const escapar = (texto: string): string => texto.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const pagina = (titulo: string, corpo: string): string =>
  `<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8"><title>${escapar(titulo)}</title>` +
  '<style>body{font-family:Arial,sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}' +
  'tr[onclick]{cursor:pointer}.txtPretoBold12{font-weight:bold;font-size:12px}</style></head>' +
  `<body>${corpo}</body></html>`;

const lerCorpo = (req: http.IncomingMessage): Promise<Buffer> =>
  new Promise((resolver, rejeitar) => {
    const partes: Buffer[] = [];
    req.on('data', (p: Buffer) => partes.push(p));
    req.on('end', () => resolver(Buffer.concat(partes)));
    req.on('error', rejeitar);
  });

export const iniciarServidor = async (
  nomeCookie: string,
  modo: () => ModoFalha,
  rotear: (pedido: Pedido) => Promise<Resposta>,
  porta = 0
): Promise<PortalSimulado> => {
  const sessoes = new Set<string>();
  const servidor = http.createServer(async (req, res) => {
    try {
      const atual = modo();
      if (atual.lentidaoMs) await new Promise((r) => setTimeout(r, atual.lentidaoMs).unref()); // não segura o processo depois do fechar()
      if (atual.falhasHttp500 && atual.falhasHttp500 > 0) {
        atual.falhasHttp500 -= 1;
        res
          .writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' })
          .end(pagina('500', '<h1>500 - Internal Server Error</h1>'));
        return;
      }
      const endereco = new URL(req.url ?? '/', 'http://127.0.0.1');
      const cookie = /(?:^|;\s*)([^=]+)=([^;]+)/g;
      let sessao: string | null = null;
      for (const [, nome, valor] of (req.headers.cookie ?? '').matchAll(cookie))
        if (nome === nomeCookie && sessoes.has(valor!)) sessao = valor!;
      const corpo = req.method === 'POST' ? await lerCorpo(req) : Buffer.alloc(0);
      const pedido: Pedido = {
        metodo: req.method ?? 'GET',
        caminho: endereco.pathname,
        consulta: endereco.searchParams,
        sessao,
        formulario: () =>
          new Response(corpo, {
            headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
          }).formData(),
        texto: async () => corpo.toString('utf8'),
        cabecalhos: req.headers,
      };
      const resposta = await rotear(pedido);
      const cabecalhos: Record<string, string> = {
        'Content-Type': resposta.tipo ?? 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      };
      if (resposta.novaSessao) {
        const nova = randomBytes(12).toString('hex');
        sessoes.add(nova);
        cabecalhos['Set-Cookie'] = `${nomeCookie}=${nova}; Path=/; HttpOnly`;
      }
      if (resposta.redirecionar) {
        res.writeHead(302, { ...cabecalhos, Location: resposta.redirecionar }).end();
        return;
      }
      res.writeHead(resposta.status ?? 200, cabecalhos).end(resposta.corpo ?? resposta.html ?? '');
    } catch (erro) {
      res
        .writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end(`Erro no simulador: ${(erro as Error).message}`);
    }
  });
  await new Promise<void>((resolver) => servidor.listen(porta, '127.0.0.1', resolver));
  const { port } = servidor.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    fechar: () =>
      new Promise<void>((resolver) => {
        servidor.closeAllConnections();
        servidor.close(() => resolver());
      }),
  };
};
