import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import IORedis from 'ioredis';
import type { Core } from '@strapi/strapi';
import { opcoesDeConexao } from '../filas/produtor';
import { eventosWorkflow } from '../workflow/eventos';
import { autenticarAdmin, type UsuarioSocket } from './autenticacao';
import { criarBuscaCliente, historicoDaSala } from './historico';
import { lerSala, salasDaLinha } from './salas';
import {
  CAMINHO_SOCKET,
  canalLogs,
  EVENTOS_PAINEL,
  EVENTOS_SERVIDOR,
  type LinhaLogRobo,
  type RespostaHistorico,
  nomeSala,
  SALA_TODAS,
  type SessaoEncerrada,
  type TransicaoAoVivo,
} from '@orquestrador-rpa/contrato';
import { configuracao } from '../configuracao';

type Resposta = (r: RespostaHistorico) => void;

interface TempoReal {
  io: Server;
  conexoes: IORedis[];
  desassinar: () => void;
  relogio: NodeJS.Timeout;
}

let atual: TempoReal | null = null;

const conectar = (url: string, nome: string, strapi: Core.Strapi): IORedis => {
  // Fila offline e sem limite de re-tentativas: com o Redis fora nada é rejeitado sem dono; tudo segue quando ele volta.
  const conexao = new IORedis({
    ...opcoesDeConexao(url),
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    connectionName: nome,
  });
  let avisado = false;
  conexao.on('error', (erro: Error) => {
    if (!avisado)
      strapi.log.warn(
        `Tempo real: Redis indisponível (${erro.message}); os logs ao vivo voltam quando ele voltar.`
      );
    avisado = true;
  });
  conexao.on('ready', () => (avisado = false));
  return conexao;
};

/** Eventos por conexão numa janela de 10 s (`TEMPO_REAL_EVENTOS_POR_10S`, padrão 40): além disso, a conexão cai. */
const limiteDeEventos = (): number => configuracao().tempoReal.eventosPor10s;

/** De quanto em quanto tempo toda conexão é reautenticada (`TEMPO_REAL_REAUTENTICAR_MS`, padrão 60 s). */
const intervaloReautenticacao = (): number => configuracao().tempoReal.reautenticarMs;

/** A sessão da conexão ainda vale (logout, desativação ou papel sem `ver-painel` derrubam)? */
const reautenticar = async (strapi: Core.Strapi, socket: Socket): Promise<boolean> => {
  try {
    await autenticarAdmin(strapi, socket.data.token);
    return true;
  } catch (erro) {
    socket.emit(EVENTOS_SERVIDOR.SESSAO_ENCERRADA, {
      motivo: (erro as Error).message,
    } satisfies SessaoEncerrada);
    socket.disconnect(true);
    return false;
  }
};

/**
 * `assinar`: entra na sala e devolve o histórico (entra primeiro: nenhuma linha cai no intervalo).
 * `historico`: só o histórico, sem entrar (o painel atualiza o status e o log final depois de uma transição).
 * Cada pedido reautentica a sessão, e cada conexão tem um teto de eventos por janela.
 */
const aoConectar = (strapi: Core.Strapi) => (socket: Socket) => {
  const eventos: number[] = [];
  socket.use((_pacote, seguir) => {
    const agora = Date.now();
    while (eventos.length && agora - eventos[0]! > 10_000) eventos.shift();
    eventos.push(agora);
    if (eventos.length > limiteDeEventos()) {
      socket.emit(EVENTOS_SERVIDOR.SESSAO_ENCERRADA, {
        motivo: `Eventos demais: no máximo ${limiteDeEventos()} a cada 10 s.`,
      } satisfies SessaoEncerrada);
      socket.disconnect(true);
      return;
    }
    seguir();
  });
  const responderHistorico = (entrar: boolean) => async (nome: unknown, responder?: Resposta) => {
    const resposta: Resposta = typeof responder === 'function' ? responder : () => undefined;
    try {
      if (!(await reautenticar(strapi, socket))) return;
      const sala = lerSala(nome);
      if (entrar) await socket.join(sala.nome);
      resposta({ ok: true, historico: await historicoDaSala(strapi, sala) });
    } catch (erro) {
      resposta({ ok: false, erro: (erro as Error).message });
    }
  };
  socket.on(EVENTOS_PAINEL.ASSINAR, responderHistorico(true));
  socket.on(EVENTOS_PAINEL.HISTORICO, responderHistorico(false));
  socket.on(EVENTOS_PAINEL.SAIR, async (nome: unknown) => {
    try {
      await socket.leave(lerSala(nome).nome);
    } catch {
      // sala inválida: nada a sair
    }
  });
};

/**
 * Logs ao vivo do painel: Socket.IO no servidor HTTP do Strapi, autenticado pelo token do admin.
 * Cada Strapi assina o canal Redis em que os workers publicam as linhas e entrega às suas conexões
 * (`io.local`: com vários Strapi atrás de um balanceador, cada um entrega uma vez às suas). As
 * transições do workflow saem pelo adaptador Redis e chegam às conexões de todos os Strapi.
 */
export const iniciarTempoReal = (strapi: Core.Strapi): Server => {
  if (atual) return atual.io;
  const { urlRedis: url, prefixo } = configuracao().filas;
  const [publicador, assinanteAdaptador, assinanteLogs] = [
    'adaptador-pub',
    'adaptador-sub',
    'logs-robos',
  ].map((n) => conectar(url, `strapi-${n}`, strapi)) as [IORedis, IORedis, IORedis];
  const io = new Server(strapi.server.httpServer, {
    path: CAMINHO_SOCKET,
    serveClient: false,
    adapter: createAdapter(publicador, assinanteAdaptador, { key: `${prefixo}:socket.io` }),
  });
  io.use((socket, seguir) => {
    autenticarAdmin(strapi, (socket.handshake.auth as { token?: unknown }).token).then(
      (usuario: UsuarioSocket) => {
        socket.data.usuario = usuario;
        socket.data.token = (socket.handshake.auth as { token?: unknown }).token;
        seguir();
      },
      (erro: Error) => seguir(erro)
    );
  });
  io.on('connection', aoConectar(strapi));

  const buscarCliente = criarBuscaCliente(strapi);
  void assinanteLogs.subscribe(canalLogs(prefixo)).catch(() => undefined);
  assinanteLogs.on('message', (_canal: string, mensagem: string) => {
    let linha: LinhaLogRobo;
    try {
      linha = JSON.parse(mensagem) as LinhaLogRobo;
    } catch {
      return;
    }
    buscarCliente(linha.id_processo)
      .catch(() => null)
      .then((cliente) => io.local.to(salasDaLinha(linha, cliente)).emit(EVENTOS_SERVIDOR.LINHA_LOG, linha));
  });
  const desassinar = eventosWorkflow.assinar('processo.transicao', (evento) => {
    const transicao: TransicaoAoVivo = {
      processo: evento.processo,
      acao: evento.acao,
      de: evento.de,
      para: evento.para,
      motivo: evento.motivo,
      data_hora: evento.data_hora,
    };
    io.to([SALA_TODAS, nomeSala('processo', evento.processo)]).emit(
      EVENTOS_SERVIDOR.PROCESSO_TRANSICAO,
      transicao
    );
  });
  // Logout, usuário desativado ou papel trocado derrubam a conexão sem esperar o próximo pedido.
  const relogio = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) void reautenticar(strapi, socket);
  }, intervaloReautenticacao());
  relogio.unref();
  atual = { io, conexoes: [publicador, assinanteAdaptador, assinanteLogs], desassinar, relogio };
  return io;
};

/** Fecha as conexões (navegadores e Redis) no desligamento do Strapi. */
export const pararTempoReal = async (): Promise<void> => {
  if (!atual) return;
  const { io, conexoes, desassinar, relogio } = atual;
  atual = null;
  clearInterval(relogio);
  desassinar();
  // Sem `io.close()`: ele fecharia o servidor HTTP, que é do Strapi (ele o fecha no próprio destroy).
  io.disconnectSockets(true);
  io.engine.close();
  await Promise.resolve(io.of('/').adapter.close()).catch(() => undefined);
  // `quit` espera as respostas pendentes (ex.: a assinatura do adaptador feita na subida): um
  // `disconnect` seco as rejeitaria sem dono e derrubaria o processo num desligamento logo após subir.
  await Promise.all(conexoes.map((c) => encerrarConexao(c)));
};

const encerrarConexao = async (conexao: IORedis): Promise<void> => {
  let relogio: NodeJS.Timeout | undefined;
  await Promise.race([
    conexao.quit().catch(() => undefined),
    new Promise((r) => (relogio = setTimeout(r, 2_000))),
  ]);
  clearTimeout(relogio);
  conexao.disconnect();
};
