import { erroValidacao } from '../../../regras/erros';
import { TipoErro } from '@orquestrador-rpa/contrato';

/** ResultadoSaidaPadrao recebido do worker, conferido campo a campo (entrada de rede não é confiável). */
export interface ResultadoRecebido {
  sucesso: boolean;
  mensagem: string;
  tipo_erro: TipoErro | null;
  dados_extraidos: Record<string, unknown>;
  dados_especificos: Record<string, unknown>;
  logs_execucao: string[];
  [campo: string]: unknown;
}

const objeto = (valor: unknown): Record<string, unknown> =>
  valor && typeof valor === 'object' && !Array.isArray(valor) ? (valor as Record<string, unknown>) : {};

export const lerResultado = (bruto: unknown): ResultadoRecebido => {
  let valor: unknown = bruto;
  if (typeof bruto === 'string') {
    try {
      valor = JSON.parse(bruto);
    } catch {
      throw erroValidacao('O campo "resultado" não é um JSON válido.');
    }
  }
  const r = objeto(valor);
  const tipos = Object.values(TipoErro) as string[];
  if (typeof r.sucesso !== 'boolean' || typeof r.mensagem !== 'string')
    throw erroValidacao('O resultado precisa de "sucesso" (booleano) e "mensagem" (texto).');
  if (r.tipo_erro !== null && r.tipo_erro !== undefined && !tipos.includes(r.tipo_erro as string))
    throw erroValidacao(`tipo_erro "${String(r.tipo_erro)}" desconhecido.`);
  if (!r.sucesso && !r.tipo_erro) throw erroValidacao('Resultado de falha sem tipo_erro.');
  return {
    ...r,
    sucesso: r.sucesso,
    mensagem: r.mensagem,
    tipo_erro: (r.tipo_erro as TipoErro | undefined) ?? null,
    dados_extraidos: objeto(r.dados_extraidos),
    dados_especificos: objeto(r.dados_especificos),
    logs_execucao: Array.isArray(r.logs_execucao) ? r.logs_execucao.map(String) : [],
  };
};
