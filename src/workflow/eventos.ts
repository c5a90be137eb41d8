import { EventEmitter } from 'events';
import type { Autor } from '../regras/autor';
import { type AcaoWorkflow, type EstadoProcesso } from '@orquestrador-rpa/contrato';

/**
 * Eventos internos do workflow, emitidos só depois do commit. Quem assina (notificações, painel ao
 * vivo) não conhece quem emite.
 */
export interface EventosWorkflow {
  'processo.transicao': {
    processo: string;
    acao: AcaoWorkflow;
    de: EstadoProcesso;
    para: EstadoProcesso;
    motivo: string | null;
    autor: Autor;
    data_hora: string;
  };
  'processos.gerados': { mes_ano: string; criados: number; ja_existiam: number };
  'execucao.criada': { execucao: string; processo: string; tipo: string };
}

type NomeEvento = keyof EventosWorkflow;

class EmissorWorkflow {
  private readonly emissor = new EventEmitter();

  emitir<N extends NomeEvento>(nome: N, dados: EventosWorkflow[N]): void {
    this.emissor.emit(nome, Object.freeze({ ...dados }));
  }

  assinar<N extends NomeEvento>(nome: N, ouvinte: (dados: EventosWorkflow[N]) => void): () => void {
    this.emissor.on(nome, ouvinte);
    return () => this.emissor.off(nome, ouvinte);
  }
}

export const eventosWorkflow = new EmissorWorkflow();
