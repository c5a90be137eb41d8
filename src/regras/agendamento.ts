import type { Core } from '@strapi/strapi';
import {
  FUSO_PADRAO_AGENDAMENTO,
  POLITICAS_ATRASO,
  TIPOS_AGENDAMENTO,
  type TipoAgendamento,
} from '@orquestrador-rpa/contrato';
import { yup } from '@strapi/utils';
import { problemaDaExpressao, problemaDoFuso, proximasExecucoes } from '../agendamentos/calendario';
import { ESQUEMAS_PARAMETROS, TIPOS_INDISPONIVEIS } from '../agendamentos/tarefas';
import { exigirSemErros, type ErroDeCampo } from './erros';

type Dados = Record<string, unknown>;

/** Campos que só o agendador escreve: "próxima" e "última" execução são sempre as verdadeiras. */
const CALCULADOS = [
  'proxima_execucao',
  'ultima_execucao',
  'ultimo_status',
  'ultimo_resultado',
  'codigo_padrao',
];

/**
 * Agendamento coerente antes de gravar (qualquer porta): expressão cron e fuso válidos, tipo
 * conhecido, parâmetros pelo esquema do tipo, tipo indisponível não é ativado; a próxima execução
 * é calculada aqui. Nada é gravado se algo estiver errado.
 */
export const prepararAgendamento = async (
  _strapi: Core.Strapi,
  entrada: Dados,
  existente: Dados | null
): Promise<Dados> => {
  const dados: Dados = { ...entrada };
  // O padrão do legado traz o próprio código na criação; depois disso, ninguém o muda.
  for (const campo of CALCULADOS) if (existente || campo !== 'codigo_padrao') delete dados[campo];
  const final = { ...existente, ...dados };
  const problemas: ErroDeCampo[] = [];
  const expressao = String(final.cron_expressao ?? '').trim();
  const fuso = String(final.fuso_horario ?? FUSO_PADRAO_AGENDAMENTO).trim();
  const tipo = final.tipo_agendamento as TipoAgendamento;
  const problemaCron = expressao ? problemaDaExpressao(expressao) : 'Informe a expressão cron.';
  if (problemaCron) problemas.push({ campo: 'cron_expressao', mensagem: problemaCron });
  const problemaFuso = problemaDoFuso(fuso);
  if (problemaFuso) problemas.push({ campo: 'fuso_horario', mensagem: problemaFuso });
  if (!TIPOS_AGENDAMENTO.includes(tipo))
    problemas.push({
      campo: 'tipo_agendamento',
      mensagem: `Tipo "${String(tipo ?? '')}" inválido: use ${TIPOS_AGENDAMENTO.join(', ')}.`,
    });
  if (
    final.politica_atraso !== undefined &&
    final.politica_atraso !== null &&
    !POLITICAS_ATRASO.includes(final.politica_atraso as never)
  )
    problemas.push({
      campo: 'politica_atraso',
      mensagem: `Política "${String(final.politica_atraso)}" inválida: use ${POLITICAS_ATRASO.join(', ')}.`,
    });
  if (TIPOS_AGENDAMENTO.includes(tipo)) {
    try {
      dados.parametros_execucao = await ESQUEMAS_PARAMETROS[tipo].validate(final.parametros_execucao ?? {}, {
        abortEarly: false,
      });
    } catch (erro) {
      for (const mensagem of (erro as yup.ValidationError).errors ?? [String(erro)])
        problemas.push({ campo: 'parametros_execucao', mensagem });
    }
    const ativo = final.status_ativo !== false;
    if (ativo && TIPOS_INDISPONIVEIS[tipo])
      problemas.push({ campo: 'status_ativo', mensagem: TIPOS_INDISPONIVEIS[tipo]! });
  }
  exigirSemErros(problemas);
  dados.fuso_horario = fuso;
  dados.cron_expressao = expressao;
  dados.proxima_execucao =
    final.status_ativo !== false ? (proximasExecucoes(expressao, fuso, 1)[0] ?? null) : null;
  return dados;
};
