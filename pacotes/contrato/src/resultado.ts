import { congelarProfundo, type Imutavel } from './congelar.js';
import { StatusResultadoRobo, TipoErro } from './robo.js';

/** Saída de todo robô: os campos da especificação mais `tipo_erro`. Criada congelada. */
export interface DadosResultado {
  sucesso: boolean;
  status: StatusResultadoRobo;
  mensagem: string;
  tipo_erro: TipoErro | null;
  arquivo_baixado: string | null;
  url_s3: string | null;
  dados_extraidos: Record<string, unknown>;
  tempo_execucao_segundos: number;
  tentativa_numero: number;
  timestamp_inicio: string | null;
  timestamp_fim: string | null;
  logs_execucao: string[];
  screenshots_debug: string[];
  dados_especificos: Record<string, unknown>;
}

export type ResultadoSaidaPadrao = Imutavel<DadosResultado>;

const PADRAO: Omit<DadosResultado, 'sucesso' | 'status' | 'mensagem'> = {
  tipo_erro: null,
  arquivo_baixado: null,
  url_s3: null,
  dados_extraidos: {},
  tempo_execucao_segundos: 0,
  tentativa_numero: 1,
  timestamp_inicio: null,
  timestamp_fim: null,
  logs_execucao: [],
  screenshots_debug: [],
  dados_especificos: {},
};

export const criarResultado = (
  dados: Pick<DadosResultado, 'sucesso' | 'status' | 'mensagem'> & Partial<DadosResultado>
): ResultadoSaidaPadrao =>
  congelarProfundo({
    ...PADRAO,
    ...dados,
    dados_extraidos: { ...dados.dados_extraidos },
    dados_especificos: { ...dados.dados_especificos },
  });

export const resultadoDeErro = (
  mensagem: string,
  tipo: TipoErro,
  extras: Partial<DadosResultado> = {}
): ResultadoSaidaPadrao =>
  criarResultado({
    ...extras,
    sucesso: false,
    status: tipo === TipoErro.TIMEOUT ? StatusResultadoRobo.TIMEOUT : StatusResultadoRobo.ERRO,
    mensagem,
    tipo_erro: tipo,
  });
