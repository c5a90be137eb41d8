import type { Core } from '@strapi/strapi';
import { competenciaAtual, SERVICO, somarMeses, type TipoAgendamento } from '@orquestrador-rpa/contrato';
import { yup } from '@strapi/utils';
import { rotinaDiariaDeNotificacoes } from '../notificacoes/agendadas';
import { enfileirarLeituraDaCaixa } from './leitura-email';
import { retentarDownloads } from './retentar-downloads';

/**
 * O que cada tipo de agendamento faz, com os parâmetros validados por esquema (desconhecidos são
 * recusados). Cada tarefa devolve um resumo em português para o histórico.
 */
type Parametros = Record<string, unknown>;

const semExtras = (esquema: yup.AnyObjectSchema): yup.AnyObjectSchema =>
  esquema.noUnknown(true, 'Parâmetro desconhecido: ${unknown}.').strict();

const competencia = yup
  .string()
  .oneOf(['ATUAL', 'PROXIMA'], 'competencia deve ser ATUAL ou PROXIMA.')
  .default('ATUAL');

const operadoras = yup
  .array(yup.string().matches(/^[A-Z0-9_]{2,20}$/, 'Código de operadora inválido: ${value}.'))
  .min(1, 'operadoras: informe ao menos um código, ou omita para todas.');

export const ESQUEMAS_PARAMETROS: Readonly<Record<TipoAgendamento, yup.AnyObjectSchema>> = {
  CRIAR_PROCESSOS_MENSAIS: semExtras(yup.object({ competencia })),
  EXECUTAR_DOWNLOADS: semExtras(
    yup.object({
      operadoras,
    })
  ),
  RETENTAR_DOWNLOADS: semExtras(
    yup.object({
      operadoras,
      limite_tentativas: yup
        .number()
        .integer('limite_tentativas deve ser inteiro.')
        .min(1, 'limite_tentativas deve ser de 1 a 10.')
        .max(10, 'limite_tentativas deve ser de 1 a 10.'),
    })
  ),
  LER_EMAIL_AZUTON: semExtras(yup.object({})),
  ENVIAR_RELATORIOS: semExtras(yup.object({})),
};

/** Tipos que ainda não podem rodar (e por quê); hoje todos podem. */
export const TIPOS_INDISPONIVEIS: Partial<Record<TipoAgendamento, string>> = {};

const mesDe = (parametros: Parametros): string =>
  parametros.competencia === 'PROXIMA' ? somarMeses(competenciaAtual(), 1) : competenciaAtual();

interface GeracaoMensal {
  gerar: (mesAno: string) => Promise<{ criados: number; ja_existiam: number; mes_ano: string }>;
}
interface Downloads {
  executarPendentes: (f: Parametros) => Promise<{ criadas: number; enfileiradas: number; pendentes: number }>;
}

export const executarTarefa = async (
  strapi: Core.Strapi,
  tipo: TipoAgendamento,
  parametros: Parametros
): Promise<string> => {
  if (TIPOS_INDISPONIVEIS[tipo]) throw new Error(TIPOS_INDISPONIVEIS[tipo]);
  if (tipo === 'CRIAR_PROCESSOS_MENSAIS') {
    const r = await (strapi.service(SERVICO.GERACAO_MENSAL) as unknown as GeracaoMensal).gerar(
      mesDe(parametros)
    );
    return `${r.criados} processo(s) criado(s) em ${r.mes_ano} (${r.ja_existiam} já existiam).`;
  }
  if (tipo === 'EXECUTAR_DOWNLOADS') {
    const downloads = strapi.service(SERVICO.DOWNLOADS) as unknown as Downloads;
    const operadoras = (parametros.operadoras as string[] | undefined) ?? [undefined];
    let [criadas, enfileiradas, pendentes] = [0, 0, 0];
    for (const operadora of operadoras) {
      const r = await downloads.executarPendentes({
        mes_ano: competenciaAtual(),
        ...(operadora ? { operadora } : {}),
      });
      criadas += r.criadas;
      enfileiradas += r.enfileiradas;
      pendentes = r.pendentes;
    }
    return `${criadas} download(s) criado(s), ${enfileiradas} enfileirado(s)${pendentes ? `, ${pendentes} aguardando o Redis` : ''}.`;
  }
  if (tipo === 'RETENTAR_DOWNLOADS') return retentarDownloads(strapi, parametros);
  if (tipo === 'LER_EMAIL_AZUTON') return enfileirarLeituraDaCaixa(strapi, 'AZU');
  const { avisos, resumos } = await rotinaDiariaDeNotificacoes(strapi);
  return `${avisos} aviso(s) de vencimento e ${resumos} resumo(s) do dia na caixa de saída.`;
};
