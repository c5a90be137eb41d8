/**
 * Competência (AAAA-MM), datas (AAAA-MM-DD) e valores: um formato, uma faixa e um fuso
 * (`America/Sao_Paulo`, o da operação) para o app, o painel, a exportação e o worker.
 */
export const FUSO_OPERACAO = 'America/Sao_Paulo';
/** Deslocamento fixo do fuso da operação (o Brasil não tem horário de verão desde 2019). */
export const DESLOCAMENTO_OPERACAO = '-03:00';

/** Mês 01 a 12, ano de 2000 a 2099. */
export const REGEX_COMPETENCIA = /^20\d{2}-(0[1-9]|1[0-2])$/;

export const ehCompetencia = (valor: unknown): valor is string =>
  typeof valor === 'string' && REGEX_COMPETENCIA.test(valor);

/** "2025-03-10" ou "10/03/2025" → "2025-03-10" (data de calendário existente: 30/02 não passa); senão `null`. */
export const lerData = (entrada: unknown): string | null => {
  if (typeof entrada !== 'string') return null;
  const texto = entrada.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(texto);
  const br = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(texto);
  const [ano, mes, dia] = iso ? [iso[1], iso[2], iso[3]] : br ? [br[3], br[2], br[1]] : [];
  if (!ano || !mes || !dia) return null;
  const data = new Date(Date.UTC(Number(ano), Number(mes) - 1, Number(dia)));
  if (
    data.getUTCFullYear() !== Number(ano) ||
    data.getUTCMonth() !== Number(mes) - 1 ||
    data.getUTCDate() !== Number(dia)
  )
    return null;
  return `${ano}-${mes}-${dia}`;
};

/** AAAA-MM-DD que existe no calendário. */
export const ehData = (valor: unknown): valor is string =>
  typeof valor === 'string' && lerData(valor) === valor;

/** "1.234,56", "1234,56", "R$ 1.234,56" ou "1234.56" → 1234.56; `null` se não for um valor monetário. */
export const lerValor = (entrada: unknown): number | null => {
  if (typeof entrada === 'number') return Number.isFinite(entrada) ? entrada : null;
  if (typeof entrada !== 'string') return null;
  let texto = entrada.trim().replace(/^R\$\s*/i, '');
  if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+([.,]\d{1,2})?$/.test(texto)) return null;
  if (texto.includes(',')) texto = texto.replace(/\./g, '').replace(',', '.');
  const valor = Number(texto);
  return Number.isFinite(valor) ? valor : null;
};

/** Competência corrente no fuso da operação (à meia-noite de Brasília já é o mês novo). */
export const competenciaAtual = (agora: Date = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: FUSO_OPERACAO, year: 'numeric', month: '2-digit' })
    .format(agora)
    .slice(0, 7);

/** Competência deslocada em `meses` (negativo = anterior). */
export const somarMeses = (competencia: string, meses: number): string => {
  const [ano, mes] = competencia.split('-').map(Number) as [number, number];
  const data = new Date(Date.UTC(ano, mes - 1 + meses, 1));
  return `${data.getUTCFullYear()}-${String(data.getUTCMonth() + 1).padStart(2, '0')}`;
};

/** Início de um dia (AAAA-MM-DD) no fuso da operação, como instante. */
export const inicioDoDia = (data: string): Date => new Date(`${data}T00:00:00.000${DESLOCAMENTO_OPERACAO}`);
/** Fim (inclusivo) de um dia no fuso da operação. */
export const fimDoDia = (data: string): Date => new Date(`${data}T23:59:59.999${DESLOCAMENTO_OPERACAO}`);

/** Dia corrente (AAAA-MM-DD) no fuso da operação. */
export const diaAtual = (agora: Date = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: FUSO_OPERACAO }).format(agora);
