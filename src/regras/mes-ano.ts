/** Competência no formato AAAA-MM (mês 01 a 12, ano de 2000 a 2099). */
export const mesAnoValido = (valor: unknown): valor is string =>
  typeof valor === 'string' && /^20\d{2}-(0[1-9]|1[0-2])$/.test(valor);

/** Mês corrente em America/Sao_Paulo, no formato AAAA-MM. */
export const mesAnoCorrente = (agora: Date = new Date()): string => {
  const partes = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', year: 'numeric', month: '2-digit' })
    .formatToParts(agora);
  const ano = partes.find((p) => p.type === 'year')?.value;
  const mes = partes.find((p) => p.type === 'month')?.value;
  return `${ano}-${mes}`;
};
