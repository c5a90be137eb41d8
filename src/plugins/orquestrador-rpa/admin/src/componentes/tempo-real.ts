import { useEffect, useReducer, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { useAuth } from '@strapi/strapi/admin';
import {
  CAMINHO_SOCKET,
  EVENTOS_PAINEL,
  EVENTOS_SERVIDOR,
  type LinhaAoVivo,
  nomeSala,
  type RespostaHistorico,
  type TransicaoAoVivo,
} from '@orquestrador-rpa/contrato';
import { juntar } from './juntar-logs';

export type { ExecucaoNoPainel, TransicaoAoVivo } from './juntar-logs';

/** Conexão do painel com os logs ao vivo (Socket.IO do Strapi, autenticado pelo token do admin; contrato no pacote). */

const urlDoServidor = (): string =>
  (window as unknown as { strapi?: { backendURL?: string } }).strapi?.backendURL || window.location.origin;

/**
 * Assina as salas pedidas; a cada (re)conexão assina de novo e recebe o histórico, então uma
 * queda de rede não perde linhas. Devolve as execuções com as linhas em ordem e o estado da conexão.
 */
export const useLogsAoVivo = (salas: string[], aoTransicionar?: (t: TransicaoAoVivo) => void) => {
  const token = useAuth('LogsAoVivo', (auth) => auth.token);
  const tokenAtual = useRef(token);
  tokenAtual.current = token;
  const aoTransicionarAtual = useRef(aoTransicionar);
  aoTransicionarAtual.current = aoTransicionar;
  const [execucoes, despachar] = useReducer(juntar, new Map());
  const execucoesAtuais = useRef(execucoes);
  execucoesAtuais.current = execucoes;
  const [conectado, definirConectado] = useState(false);
  const [erro, definirErro] = useState<string | null>(null);
  const chave = salas.join('|');

  useEffect(() => {
    despachar({ tipo: 'limpar' });
    const socket: Socket = io(urlDoServidor(), {
      path: CAMINHO_SOCKET,
      transports: ['websocket'],
      auth: (responder) => responder({ token: tokenAtual.current }),
    });
    const pedirHistorico = (
      evento: typeof EVENTOS_PAINEL.ASSINAR | typeof EVENTOS_PAINEL.HISTORICO,
      sala: string
    ) =>
      socket.emitWithAck(evento, sala).then((resposta: RespostaHistorico) => {
        if (!resposta.ok) return definirErro(resposta.erro);
        // Na atualização depois de uma transição, só as execuções já em tela (a sala pode ser mais estreita).
        const itens = resposta.historico.filter(
          (i) => evento === EVENTOS_PAINEL.ASSINAR || execucoesAtuais.current.has(i.id_execucao)
        );
        despachar({ tipo: 'historico', itens });
      });
    socket.on('connect', () => {
      definirConectado(true);
      definirErro(null);
      for (const sala of salas) void pedirHistorico(EVENTOS_PAINEL.ASSINAR, sala);
    });
    socket.on('disconnect', () => definirConectado(false));
    socket.on('connect_error', (e: Error) => definirErro(e.message));
    socket.on(EVENTOS_SERVIDOR.LINHA_LOG, (linha: LinhaAoVivo) => despachar({ tipo: 'linha', linha }));
    socket.on(EVENTOS_SERVIDOR.PROCESSO_TRANSICAO, (t: TransicaoAoVivo) => {
      // Status e log final (do banco) só das execuções em tela do processo que mudou.
      if ([...execucoesAtuais.current.values()].some((e) => e.id_processo === t.processo))
        void pedirHistorico(EVENTOS_PAINEL.HISTORICO, nomeSala('processo', t.processo));
      aoTransicionarAtual.current?.(t);
    });
    return () => {
      socket.disconnect();
    };
  }, [chave]);

  return { execucoes: [...execucoes.values()], conectado, erro };
};
