import { lerData, lerValor } from '../competencia.js';
import { cnpjValido, normalizarCnpj } from './cnpj.js';
import { lerCodigoDePagamento } from './codigo-pagamento.js';
import { FORMATO_CHAVE_NFCOM, lerChaveNfcom } from './nfcom.js';
import { lerPix } from './pix.js';

/**
 * Conferência fiscal da fatura: o que o documento diz (texto do PDF) contra o que o processo diz
 * (valor, vencimento, competência, cliente e operadora). Cada achado tem um código estável, a
 * severidade e a mensagem em português; o mesmo cálculo serve à leitura e à reconferência.
 */
export const CodigoAchado = {
  BOLETO_DV_INVALIDO: 'BOLETO_DV_INVALIDO',
  ARRECADACAO_DV_INVALIDO: 'ARRECADACAO_DV_INVALIDO',
  PIX_CRC_INVALIDO: 'PIX_CRC_INVALIDO',
  CHAVE_NFCOM_INVALIDA: 'CHAVE_NFCOM_INVALIDA',
  VALOR_DIVERGENTE: 'VALOR_DIVERGENTE',
  VENCIMENTO_DIVERGENTE: 'VENCIMENTO_DIVERGENTE',
  EMITENTE_DIVERGENTE: 'EMITENTE_DIVERGENTE',
  DESTINATARIO_DIVERGENTE: 'DESTINATARIO_DIVERGENTE',
  COMPETENCIA_DIVERGENTE: 'COMPETENCIA_DIVERGENTE',
  SEM_CODIGO_DE_PAGAMENTO: 'SEM_CODIGO_DE_PAGAMENTO',
  XML_INCONSISTENTE: 'XML_INCONSISTENTE',
} as const;
export type CodigoAchado = (typeof CodigoAchado)[keyof typeof CodigoAchado];

export type SeveridadeAchado = 'bloqueante' | 'aviso';

/** Bloqueante: aprovar exige justificativa escrita. Aviso: aparece para quem aprova. */
export const SEVERIDADE_DO_ACHADO: Readonly<Record<CodigoAchado, SeveridadeAchado>> = {
  BOLETO_DV_INVALIDO: 'bloqueante',
  ARRECADACAO_DV_INVALIDO: 'bloqueante',
  PIX_CRC_INVALIDO: 'bloqueante',
  CHAVE_NFCOM_INVALIDA: 'bloqueante',
  VALOR_DIVERGENTE: 'bloqueante',
  VENCIMENTO_DIVERGENTE: 'bloqueante',
  EMITENTE_DIVERGENTE: 'bloqueante',
  DESTINATARIO_DIVERGENTE: 'bloqueante',
  XML_INCONSISTENTE: 'bloqueante',
  COMPETENCIA_DIVERGENTE: 'aviso',
  SEM_CODIGO_DE_PAGAMENTO: 'aviso',
};

export const SITUACOES_CONFERENCIA = ['SEM_ACHADOS', 'COM_ACHADOS', 'NAO_LIDA', 'PENDENTE'] as const;
export type SituacaoConferencia = (typeof SITUACOES_CONFERENCIA)[number];
export type FonteConferencia = 'PDF' | 'XML' | 'IMAGEM';

export interface AchadoFiscal {
  codigo: CodigoAchado;
  severidade: SeveridadeAchado;
  mensagem: string;
  esperado: string | null;
  encontrado: string | null;
}

export interface ExtraidoDaFatura {
  linha_digitavel: string | null;
  codigo_barras: string | null;
  pix: string | null;
  chave_nfcom: string | null;
  cnpj_emitente: string | null;
  cnpj_destinatario: string | null;
  valor: number | null;
  /** AAAA-MM-DD. */
  vencimento: string | null;
  /** AAAA-MM. */
  competencia: string | null;
}

export interface ConferenciaFiscal {
  situacao: SituacaoConferencia;
  lida_em: string;
  fonte: FonteConferencia | null;
  /** A conferência vale para esta fatura (o mesmo sha256 que a aprovação exige). */
  sha256: string | null;
  motivo: string | null;
  extraido: ExtraidoDaFatura;
  achados: AchadoFiscal[];
}

/** O que o processo diz da fatura. */
export interface EsperadoDaFatura {
  valor: number | null;
  vencimento: string | null;
  /** AAAA-MM. */
  competencia: string;
  cnpj_cliente: string;
  /** CNPJs que emitem as faturas da operadora (vazio: a regra do emitente não se aplica). */
  cnpjs_operadora: readonly string[];
}

// ——— leitura do texto ———

const CNPJ_NO_TEXTO = /\b[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}\/[0-9A-Z]{4}-\d{2}\b/g;
const LINHA_BOLETO = /\b\d{5}\.?\d{5}\s+\d{5}\.?\d{6}\s+\d{5}\.?\d{6}\s+\d\s+\d{14}\b/g;
const LINHA_ARRECADACAO = /\b8\d{10}[-\s]?\d\s+\d{11}[-\s]?\d\s+\d{11}[-\s]?\d\s+\d{11}[-\s]?\d\b/g;
const SEQUENCIA = /\b\d{44}(?:\d{3,4})?\b/g;
const CHAVE_EM_GRUPOS = /\b(?:[0-9A-Z]{4} ){10}[0-9A-Z]{4}\b/g;
const CHAVE_ROTULADA = /chave\s+de\s+acesso[^0-9A-Z]{0,20}([0-9A-Z][0-9A-Z\s.]{42,70})/gi;
const MESES = ['JAN', 'FEV', 'MAR', 'ABR', 'MAI', 'JUN', 'JUL', 'AGO', 'SET', 'OUT', 'NOV', 'DEZ'];

const unicos = (lista: string[]): string[] => [...new Set(lista)];
const achar = (texto: string, padrao: RegExp, grupo = 0): string[] =>
  unicos([...texto.matchAll(padrao)].map((m) => (m[grupo] ?? '').trim()));

/** Pix copia-e-cola: de cada "000201" até o primeiro "6304" + CRC (sem regex que retrocede). */
const pixNoTexto = (texto: string): string[] => {
  const achados: string[] = [];
  for (let inicio = texto.indexOf('000201'); inicio >= 0; inicio = texto.indexOf('000201', inicio + 6)) {
    const fim = texto.indexOf('6304', inicio);
    if (fim < 0 || fim - inicio > 512) continue;
    const payload = texto.slice(inicio, fim + 8);
    if (/^[0-9A-Fa-f]{4}$/.test(payload.slice(-4))) achados.push(payload);
  }
  return unicos(achados);
};

/** Valor logo depois de um rótulo ("Total a pagar", "Valor do documento"…). */
const valorRotulado = (texto: string): number | null => {
  const m =
    /(?:total\s+a\s+pagar|valor\s+a\s+pagar|valor\s+total|valor\s+do\s+documento|total\s+da\s+fatura)[^0-9]{0,30}(\d{1,3}(?:\.\d{3})*,\d{2})/i.exec(
      texto
    );
  return m ? lerValor(m[1]) : null;
};

const vencimentoRotulado = (texto: string): string | null => {
  const m = /vencimento[^0-9]{0,30}(\d{2}\/\d{2}\/\d{4})/i.exec(texto);
  return m ? lerData(m[1]) : null;
};

const competenciaRotulada = (texto: string): string | null => {
  const m =
    /(?:m[eê]s\s+de\s+refer[eê]ncia|refer[eê]ncia|compet[eê]ncia)[^0-9A-Z]{0,20}(?:(\d{2})\/(\d{4})|([A-Z]{3})[A-Z]*\/(\d{4}))/i.exec(
      texto
    );
  if (!m) return null;
  const mes = m[1] ? Number(m[1]) : MESES.indexOf((m[3] ?? '').toUpperCase()) + 1;
  return mes >= 1 && mes <= 12 ? `${m[2] ?? m[4]}-${String(mes).padStart(2, '0')}` : null;
};

/** Candidatos achados no texto do PDF, ainda sem conferir. */
export interface CandidatosDoTexto {
  codigos: string[];
  pix: string[];
  chaves: string[];
  cnpjs: string[];
  valor: number | null;
  vencimento: string | null;
  competencia: string | null;
}

export const candidatosDoTexto = (texto: string): CandidatosDoTexto => {
  const corrido = texto.replace(/\r?\n/g, ' ');
  const rotuladas = achar(corrido, CHAVE_ROTULADA, 1).map((c) =>
    c.replace(/[\s.]/g, '').slice(0, 44).toUpperCase()
  );
  const chaves = unicos([
    ...achar(corrido, CHAVE_EM_GRUPOS).map((c) => c.replace(/\s/g, '')),
    ...rotuladas,
  ]).filter((c) => FORMATO_CHAVE_NFCOM.test(c));
  const sequencias = achar(corrido, SEQUENCIA);
  // 44 dígitos soltos: chave de acesso quando tem a forma dela e o DV fecha; senão, código de barras.
  const chavesSoltas = sequencias.filter((c) => c.length === 44 && lerChaveNfcom(c).valido);
  chaves.push(...chavesSoltas.filter((c) => !chaves.includes(c)));
  const codigos = unicos(
    [...achar(corrido, LINHA_BOLETO), ...achar(corrido, LINHA_ARRECADACAO), ...sequencias]
      .map((c) => c.replace(/[\s.-]/g, ''))
      .filter((c) => !chaves.includes(c))
  );
  return {
    codigos,
    pix: pixNoTexto(corrido),
    chaves,
    cnpjs: achar(corrido, CNPJ_NO_TEXTO)
      .map(normalizarCnpj)
      .filter((c) => cnpjValido(c)),
    valor: valorRotulado(corrido),
    vencimento: vencimentoRotulado(corrido),
    competencia: competenciaRotulada(corrido),
  };
};

// ——— regras ———

const MOEDA = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });
const reais = (valor: number): string => MOEDA.format(valor);
const achado = (
  codigo: CodigoAchado,
  mensagem: string,
  esperado: string | null = null,
  encontrado: string | null = null
): AchadoFiscal => ({ codigo, severidade: SEVERIDADE_DO_ACHADO[codigo], mensagem, esperado, encontrado });

/** Referência do fator de vencimento: o dia 15 do mês da fatura. */
const referencia = (competencia: string): Date => new Date(`${competencia}-15T12:00:00Z`);

/**
 * Confere os candidatos do texto contra o processo. Um código de pagamento válido basta (os
 * inválidos ao lado dele são achados também: alguém pode ter trocado um dígito na linha impressa).
 */
export const conferirCandidatos = (
  candidatos: CandidatosDoTexto,
  esperado: EsperadoDaFatura
): { extraido: ExtraidoDaFatura; achados: AchadoFiscal[] } => {
  const achados: AchadoFiscal[] = [];
  /** O primeiro candidato válido; cada inválido que `recusado` reconhece vira achado. */
  const primeiroValido = <L, V>(
    textos: string[],
    ler: (texto: string) => L,
    valido: (leitura: L) => V | null,
    recusado: (leitura: L) => [CodigoAchado, string] | null
  ): V | null => {
    let escolhido: V | null = null;
    for (const texto of textos) {
      const leitura = ler(texto);
      const valor = valido(leitura);
      if (valor) escolhido ??= valor;
      const recusa = valor ? null : recusado(leitura);
      if (recusa) achados.push(achado(recusa[0], recusa[1], null, texto));
    }
    return escolhido;
  };
  const codigo = primeiroValido(
    candidatos.codigos,
    (texto) => lerCodigoDePagamento(texto, referencia(esperado.competencia)),
    (l) => (l.valido ? l.codigo : null),
    (l) =>
      l.valido || !l.tipo
        ? null
        : l.tipo === 'BOLETO'
          ? [CodigoAchado.BOLETO_DV_INVALIDO, `Boleto com dígito verificador errado: ${l.motivo}`]
          : [
              CodigoAchado.ARRECADACAO_DV_INVALIDO,
              `Código de arrecadação com dígito verificador errado: ${l.motivo}`,
            ]
  );
  const pix = primeiroValido(
    candidatos.pix,
    lerPix,
    (l) => (l.valido ? l.pix : null),
    (l) =>
      !l.valido && l.crcInvalido
        ? [CodigoAchado.PIX_CRC_INVALIDO, `Pix copia-e-cola adulterado ou mal impresso: ${l.motivo}`]
        : null
  );
  const nfcom = primeiroValido(
    candidatos.chaves,
    lerChaveNfcom,
    (l) => (l.valido ? l.nfcom : null),
    (l) =>
      l.valido ? null : [CodigoAchado.CHAVE_NFCOM_INVALIDA, `Chave de acesso da NFCom inválida: ${l.motivo}`]
  );
  if (!codigo && !pix && !achados.some((a) => a.codigo !== CodigoAchado.CHAVE_NFCOM_INVALIDA))
    achados.push(
      achado(
        CodigoAchado.SEM_CODIGO_DE_PAGAMENTO,
        'A fatura não traz linha digitável, código de barras nem Pix copia-e-cola legível.'
      )
    );

  const valorDoCodigo = codigo?.valor ?? pix?.valor ?? null;
  if (valorDoCodigo !== null && esperado.valor !== null && Math.abs(valorDoCodigo - esperado.valor) >= 0.005)
    achados.push(
      achado(
        CodigoAchado.VALOR_DIVERGENTE,
        `O ${codigo?.valor != null ? 'código de pagamento' : 'Pix'} cobra ${reais(valorDoCodigo)}, e o processo diz ${reais(esperado.valor)}.`,
        esperado.valor.toFixed(2),
        valorDoCodigo.toFixed(2)
      )
    );
  const vencimento = codigo?.vencimento ?? null;
  if (vencimento && esperado.vencimento && vencimento !== esperado.vencimento)
    achados.push(
      achado(
        CodigoAchado.VENCIMENTO_DIVERGENTE,
        `O boleto vence em ${vencimento.split('-').reverse().join('/')}, e o processo diz ${esperado.vencimento.split('-').reverse().join('/')}.`,
        esperado.vencimento,
        vencimento
      )
    );

  const cliente = normalizarCnpj(esperado.cnpj_cliente);
  const outros = candidatos.cnpjs.filter((c) => c !== cliente);
  const emitente = nfcom?.cnpj_emitente ?? outros[0] ?? null;
  const operadora = esperado.cnpjs_operadora.map(normalizarCnpj);
  if (emitente && operadora.length > 0 && !operadora.includes(emitente))
    achados.push(
      achado(
        CodigoAchado.EMITENTE_DIVERGENTE,
        `Quem emitiu a fatura (CNPJ ${emitente}) não está entre os CNPJs cadastrados da operadora.`,
        operadora.join(', '),
        emitente
      )
    );
  const destinatario = candidatos.cnpjs.includes(cliente)
    ? cliente
    : (outros.find((c) => c !== emitente) ?? null);
  if (destinatario && destinatario !== cliente)
    achados.push(
      achado(
        CodigoAchado.DESTINATARIO_DIVERGENTE,
        `A fatura é de outro CNPJ (${destinatario}), não do cliente (${cliente}).`,
        cliente,
        destinatario
      )
    );
  if (candidatos.competencia && candidatos.competencia !== esperado.competencia)
    achados.push(
      achado(
        CodigoAchado.COMPETENCIA_DIVERGENTE,
        `A fatura é da competência ${candidatos.competencia}, e o processo é de ${esperado.competencia}.`,
        esperado.competencia,
        candidatos.competencia
      )
    );
  return {
    extraido: {
      linha_digitavel: codigo?.linha_digitavel ?? null,
      codigo_barras: codigo?.codigo_barras ?? null,
      pix: pix?.payload ?? null,
      chave_nfcom: nfcom?.chave ?? null,
      cnpj_emitente: emitente,
      cnpj_destinatario: destinatario,
      valor: valorDoCodigo ?? candidatos.valor,
      vencimento: vencimento ?? candidatos.vencimento,
      competencia: candidatos.competencia,
    },
    achados,
  };
};

const NADA_EXTRAIDO: ExtraidoDaFatura = {
  linha_digitavel: null,
  codigo_barras: null,
  pix: null,
  chave_nfcom: null,
  cnpj_emitente: null,
  cnpj_destinatario: null,
  valor: null,
  vencimento: null,
  competencia: null,
};

/** Fatura que não se leu (PDF sem texto, leitor ausente, tempo esgotado): o motivo vai para quem aprova. */
export const conferenciaNaoLida = (
  motivo: string,
  { sha256 = null, agora = new Date() }: { sha256?: string | null; agora?: Date } = {}
): ConferenciaFiscal => ({
  situacao: 'NAO_LIDA',
  lida_em: agora.toISOString(),
  sha256,
  fonte: null,
  motivo,
  extraido: NADA_EXTRAIDO,
  achados: [],
});

/**
 * Achados que exigem justificativa para aprovar esta fatura: os bloqueantes da conferência feita
 * para o mesmo sha256 (uma conferência de outro PDF não vale para ela).
 */
export const achadosBloqueantes = (
  conferencia: ConferenciaFiscal | null | undefined,
  sha256: string | null | undefined
): AchadoFiscal[] =>
  conferencia && sha256 && conferencia.sha256 === sha256
    ? conferencia.achados.filter((a) => a.severidade === 'bloqueante')
    : [];

/** Conferência completa a partir do texto do PDF; texto vazio é `NAO_LIDA` com o motivo. */
export const conferirTextoDaFatura = (
  texto: string,
  esperado: EsperadoDaFatura,
  { sha256 = null, agora = new Date() }: { sha256?: string | null; agora?: Date } = {}
): ConferenciaFiscal => {
  if (texto.replace(/\s/g, '').length < 20)
    return conferenciaNaoLida(
      'O PDF não tem texto (imagem escaneada?): nada a conferir sem leitura da imagem.',
      { sha256, agora }
    );
  const { extraido, achados } = conferirCandidatos(candidatosDoTexto(texto), esperado);
  return {
    lida_em: agora.toISOString(),
    sha256,
    situacao: achados.length > 0 ? 'COM_ACHADOS' : 'SEM_ACHADOS',
    fonte: 'PDF',
    motivo: null,
    extraido,
    achados,
  };
};
