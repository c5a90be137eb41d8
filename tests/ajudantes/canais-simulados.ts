import http from 'http';
import type { AddressInfo } from 'net';

/**
 * Dublês HTTP fiéis aos contratos públicos (../shared/pesquisa/REFERENCIAS.md §3): Evolution API
 * v2 (rotas, `apikey`, ordem 404 → 401, 201, envelope de erro, `exists:false`), Telegram Bot API
 * (`/bot<token>/<método>`, `ok`/`description`, `retry_after`) e Slack (`chat.postMessage` sempre
 * 200 com `ok`/`error`, 429 com Retry-After, webhook em texto). Guardam cada pedido recebido.
 */
export interface PedidoRecebido {
  servico: 'evolution' | 'telegram' | 'slack';
  metodo: string;
  caminho: string;
  cabecalhos: http.IncomingHttpHeaders;
  json: Record<string, any> | null;
  campos: Record<string, string>;
  arquivo: { nome: string; conteudo: Buffer; tipo: string } | null;
}

interface RespostaForcada {
  status: number;
  corpo: unknown;
  cabecalhos?: Record<string, string>;
}

export const CHAVE_EVOLUTION = 'chave-evolution-teste-0123456789';
export const INSTANCIA_EVOLUTION = 'bgtel';
export const TOKEN_TELEGRAM = '123456:TOKEN-telegram-teste_abcdefghij';
export const TOKEN_SLACK = 'xoxb-token-slack-teste-0123456789';

const lerCorpo = (pedido: http.IncomingMessage): Promise<Buffer> =>
  new Promise((resolver, rejeitar) => {
    const partes: Buffer[] = [];
    pedido.on('data', (p: Buffer) => partes.push(p));
    pedido.on('end', () => resolver(Buffer.concat(partes)));
    pedido.on('error', rejeitar);
  });

export class CanaisSimulados {
  readonly pedidos: PedidoRecebido[] = [];
  /** Números sem WhatsApp (a Evolution responde 400 com exists:false). */
  readonly semWhatsapp = new Set<string>();
  /** Chats que existem para o bot e canais do Slack em que ele está. */
  readonly chatsTelegram = new Set<string>();
  readonly canaisSlack = new Set<string>();
  private readonly forcadas = new Map<string, RespostaForcada[]>();
  private readonly seguradas = new Map<string, { chegou: () => void; liberar: Promise<void> }>();
  private servidor: http.Server | null = null;
  url = '';

  /** As próximas respostas de um serviço (ex.: 500, 429) antes do comportamento normal. */
  forcar(servico: PedidoRecebido['servico'], ...respostas: RespostaForcada[]): void {
    this.forcadas.set(servico, [...(this.forcadas.get(servico) ?? []), ...respostas]);
  }

  /** Segura o próximo pedido do serviço: resolve quando ele chega; a resposta só sai em `liberar`. */
  segurar(servico: PedidoRecebido['servico']): { chegou: Promise<void>; liberar: () => void } {
    let chegou!: () => void;
    let liberar!: () => void;
    const promessaChegou = new Promise<void>((r) => (chegou = r));
    const promessaLiberar = new Promise<void>((r) => (liberar = r));
    this.seguradas.set(servico, { chegou, liberar: promessaLiberar });
    return { chegou: promessaChegou, liberar };
  }

  de(servico: PedidoRecebido['servico']): PedidoRecebido[] {
    return this.pedidos.filter((p) => p.servico === servico);
  }

  async ligar(): Promise<void> {
    this.servidor = http.createServer((pedido, resposta) => {
      void this.atender(pedido, resposta).catch(() => {
        resposta.statusCode = 500;
        resposta.end();
      });
    });
    await new Promise<void>((r) => this.servidor!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.servidor.address() as AddressInfo).port}`;
  }

  async desligar(): Promise<void> {
    this.servidor?.closeAllConnections();
    await new Promise<void>((r) => (this.servidor ? this.servidor.close(() => r()) : r()));
  }

  private async atender(pedido: http.IncomingMessage, resposta: http.ServerResponse): Promise<void> {
    const bruto = await lerCorpo(pedido);
    const caminho = (pedido.url ?? '/').split('?')[0];
    const servico: PedidoRecebido['servico'] = caminho.startsWith('/bot')
      ? 'telegram'
      : caminho.startsWith('/slack')
        ? 'slack'
        : 'evolution';
    const tipo = String(pedido.headers['content-type'] ?? '');
    const registro: PedidoRecebido = {
      servico,
      metodo: pedido.method ?? 'GET',
      caminho,
      cabecalhos: pedido.headers,
      json: null,
      campos: {},
      arquivo: null,
    };
    if (tipo.startsWith('application/json')) registro.json = JSON.parse(bruto.toString('utf8') || 'null');
    if (tipo.startsWith('multipart/form-data')) {
      const formulario = await new Response(bruto, { headers: { 'content-type': tipo } }).formData();
      for (const [nome, valor] of formulario.entries()) {
        if (typeof valor === 'string') registro.campos[nome] = valor;
        else
          registro.arquivo = {
            nome: (valor as File).name,
            tipo: valor.type,
            conteudo: Buffer.from(await valor.arrayBuffer()),
          };
      }
    }
    this.pedidos.push(registro);
    const segurada = this.seguradas.get(servico);
    if (segurada) {
      this.seguradas.delete(servico);
      segurada.chegou();
      await segurada.liberar;
    }
    const enviar = (status: number, corpo: unknown, cabecalhos: Record<string, string> = {}) => {
      resposta.writeHead(status, {
        'content-type': typeof corpo === 'string' ? 'text/plain' : 'application/json',
        ...cabecalhos,
      });
      resposta.end(typeof corpo === 'string' ? corpo : JSON.stringify(corpo));
    };
    const forcada = this.forcadas.get(servico)?.shift();
    if (forcada) return enviar(forcada.status, forcada.corpo, forcada.cabecalhos);
    if (servico === 'telegram') return this.telegram(registro, enviar);
    if (servico === 'slack') return this.slack(registro, enviar);
    return this.evolution(registro, enviar);
  }

  private evolution(p: PedidoRecebido, enviar: (s: number, c: unknown) => void): void {
    const rota = /^\/message\/(sendText|sendMedia)\/([^/]+)$/.exec(p.caminho);
    if (p.metodo === 'GET' && p.caminho === '/')
      return enviar(200, { status: 200, message: 'Welcome to the Evolution API, it is working!' });
    if (!rota || p.metodo !== 'POST')
      return enviar(404, {
        status: 404,
        error: 'Not Found',
        response: { message: [`Cannot ${p.metodo} ${p.caminho}`] },
      });
    const instancia = decodeURIComponent(rota[2]);
    if (instancia !== INSTANCIA_EVOLUTION)
      return enviar(404, {
        status: 404,
        error: 'Not Found',
        response: { message: [`The "${instancia}" instance does not exist`] },
      });
    if (p.cabecalhos.apikey !== CHAVE_EVOLUTION)
      return enviar(401, { status: 401, error: 'Unauthorized', response: { message: 'Unauthorized' } });
    const corpo = p.json ?? {};
    const faltando =
      rota[1] === 'sendText'
        ? ['number', 'text'].filter((c) => typeof corpo[c] !== 'string')
        : ['number', 'mediatype'].filter((c) => typeof corpo[c] !== 'string');
    if (faltando.length)
      return enviar(400, {
        status: 400,
        error: 'Bad Request',
        response: { message: faltando.map((c) => [`instance requires property "${c}"`]) },
      });
    if (rota[1] === 'sendMedia' && String(corpo.media ?? '').startsWith('data:'))
      return enviar(400, {
        status: 400,
        error: 'Bad Request',
        response: { message: ['Owned media must be a url or base64'] },
      });
    if (this.semWhatsapp.has(corpo.number))
      return enviar(400, {
        status: 400,
        error: 'Bad Request',
        response: {
          message: [{ jid: `${corpo.number}@s.whatsapp.net`, exists: false, number: corpo.number }],
        },
      });
    enviar(201, {
      key: { remoteJid: `${corpo.number}@s.whatsapp.net`, fromMe: true, id: `BAE5${this.pedidos.length}` },
      message:
        rota[1] === 'sendText' ? { extendedTextMessage: { text: corpo.text } } : { documentMessage: {} },
      messageTimestamp: String(Math.floor(Date.now() / 1000)),
      status: 'PENDING',
    });
  }

  private telegram(p: PedidoRecebido, enviar: (s: number, c: unknown) => void): void {
    const rota = /^\/bot([^/]+)\/(\w+)$/.exec(p.caminho);
    if (!rota || rota[1] !== TOKEN_TELEGRAM)
      return enviar(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    if (!['sendMessage', 'sendDocument'].includes(rota[2]))
      return enviar(404, { ok: false, error_code: 404, description: 'Not Found' });
    const chat = String(p.json?.chat_id ?? p.campos.chat_id ?? '');
    if (!this.chatsTelegram.has(chat))
      return enviar(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    if (rota[2] === 'sendDocument' && !p.arquivo)
      return enviar(400, {
        ok: false,
        error_code: 400,
        description: 'Bad Request: there is no document in the request',
      });
    enviar(200, {
      ok: true,
      result: {
        message_id: this.pedidos.length,
        chat: { id: Number(chat) },
        date: Math.floor(Date.now() / 1000),
      },
    });
  }

  private slack(p: PedidoRecebido, enviar: (s: number, c: unknown) => void): void {
    if (p.caminho.startsWith('/slack/webhook/')) return enviar(200, 'ok');
    if (p.caminho !== '/slack/api/chat.postMessage')
      return enviar(404, { ok: false, error: 'unknown_method' });
    if (p.cabecalhos.authorization !== `Bearer ${TOKEN_SLACK}`)
      return enviar(200, { ok: false, error: 'invalid_auth' });
    const canal = String(p.json?.channel ?? '');
    if (!this.canaisSlack.has(canal)) return enviar(200, { ok: false, error: 'channel_not_found' });
    if (!p.json?.text) return enviar(200, { ok: false, error: 'no_text' });
    enviar(200, {
      ok: true,
      channel: canal,
      ts: `${Math.floor(Date.now() / 1000)}.00000${this.pedidos.length}`,
    });
  }

  /** Variáveis de ambiente que apontam o orquestrador para estes dublês. */
  variaveis(): Record<string, string> {
    return {
      EVOLUTION_API_URL: this.url,
      EVOLUTION_API_KEY: CHAVE_EVOLUTION,
      EVOLUTION_INSTANCIA: INSTANCIA_EVOLUTION,
      TELEGRAM_API_URL: this.url,
      TELEGRAM_BOT_TOKEN: TOKEN_TELEGRAM,
      SLACK_API_URL: `${this.url}/slack/api`,
      SLACK_BOT_TOKEN: TOKEN_SLACK,
    };
  }
}
