import { parse } from 'csv-parse/sync';

/** Leitura do CSV de clientes: planilha do legado ou o CSV que o próprio sistema exporta. */

export type CampoCliente =
  | 'hash'
  | 'razao_social'
  | 'nome_sat'
  | 'cnpj'
  | 'operadora'
  | 'filtro'
  | 'servico'
  | 'dados_sat'
  | 'unidade'
  | 'categoria_sat'
  | 'site_emissao'
  | 'login_portal'
  | 'senha_portal'
  | 'cpf'
  | 'status_ativo';

/** Sem acentos, maiúsculas, espaços internos simples e sem espaços nas pontas. */
export const normalizarCabecalho = (texto: string): string =>
  texto
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();

const COLUNAS: Record<string, CampoCliente | null> = {
  HASH: 'hash',
  HASH_UNICO: 'hash',
  'RAZAO SOCIAL': 'razao_social',
  RAZAO_SOCIAL: 'razao_social',
  'NOME SAT': 'nome_sat',
  NOME_SAT: 'nome_sat',
  CNPJ: 'cnpj',
  OPERADORA: 'operadora',
  FILTRO: 'filtro',
  SERVICO: 'servico',
  'DADOS SAT': 'dados_sat',
  DADOS_SAT: 'dados_sat',
  'UNIDADE / FILTRO SAT': 'unidade',
  UNIDADE: 'unidade',
  'CATEGORIAS / FILTRO SAT': 'categoria_sat',
  CATEGORIA_SAT: 'categoria_sat',
  'SITE PARA EMISSAO': 'site_emissao',
  SITE_EMISSAO: 'site_emissao',
  LOGIN: 'login_portal',
  LOGIN_PORTAL: 'login_portal',
  SENHA: 'senha_portal',
  SENHA_PORTAL: 'senha_portal',
  CPF: 'cpf',
  STATUS_ATIVO: 'status_ativo',
  // Colunas do legado que a sincronização original também ignorava.
  OBS: null,
  STATUS: null,
  PATCHDOWNLOAD: null,
  'ATUALIZA/CRIA': null,
};

export const COLUNAS_OBRIGATORIAS: CampoCliente[] = [
  'razao_social',
  'nome_sat',
  'cnpj',
  'operadora',
  'unidade',
];

export interface LinhaCsv {
  numero: number;
  valores: Partial<Record<CampoCliente, string>>;
}

export interface ErroLinha {
  linha: number;
  coluna: string;
  mensagem: string;
}

export interface CsvLido {
  linhas: LinhaCsv[];
  cabecalhoOriginal: Partial<Record<CampoCliente, string>>;
  erros: ErroLinha[];
}

/** UTF-8 (com ou sem BOM) quando válido; senão Latin-1 (Windows-1252, como salva o Excel). */
export const decodificar = (bytes: Buffer): string => {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
};

/** Separador pela primeira linha: o que aparecer mais entre `;` e `,`. */
export const detectarSeparador = (texto: string): ';' | ',' => {
  const primeira = texto.split(/\r?\n/, 1)[0] ?? '';
  return (primeira.match(/;/g)?.length ?? 0) > (primeira.match(/,/g)?.length ?? 0) ? ';' : ',';
};

export const lerCsvClientes = (bytes: Buffer): CsvLido => {
  const texto = decodificar(bytes);
  const erros: ErroLinha[] = [];
  let registros: Array<{ record: string[]; info: { lines: number } }>;
  try {
    registros = parse(texto, {
      delimiter: detectarSeparador(texto),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    });
  } catch (erro) {
    const linha = (erro as { lines?: number }).lines ?? 0;
    return {
      linhas: [],
      cabecalhoOriginal: {},
      erros: [{ linha, coluna: '—', mensagem: `CSV malformado: ${(erro as Error).message}` }],
    };
  }
  if (registros.length === 0)
    return {
      linhas: [],
      cabecalhoOriginal: {},
      erros: [{ linha: 1, coluna: '—', mensagem: 'Arquivo vazio.' }],
    };
  const cabecalho = registros[0].record;
  const campos: Array<CampoCliente | null> = [];
  const cabecalhoOriginal: Partial<Record<CampoCliente, string>> = {};
  cabecalho.forEach((nome) => {
    const campo = COLUNAS[normalizarCabecalho(nome)];
    if (campo === undefined)
      erros.push({ linha: 1, coluna: nome, mensagem: `Coluna desconhecida: "${nome.trim()}".` });
    campos.push(campo ?? null);
    if (campo) cabecalhoOriginal[campo] = nome.trim();
  });
  for (const obrigatoria of COLUNAS_OBRIGATORIAS) {
    if (!cabecalhoOriginal[obrigatoria])
      erros.push({ linha: 1, coluna: obrigatoria, mensagem: `Coluna obrigatória ausente: ${obrigatoria}.` });
  }
  const linhas: LinhaCsv[] = [];
  for (const { record, info } of registros.slice(1)) {
    if (record.every((v) => v.trim() === '')) continue;
    if (record.length !== cabecalho.length) {
      erros.push({
        linha: info.lines,
        coluna: '—',
        mensagem: `Linha com ${record.length} colunas; o cabeçalho tem ${cabecalho.length}.`,
      });
      continue;
    }
    const valores: Partial<Record<CampoCliente, string>> = {};
    record.forEach((valor, i) => {
      const campo = campos[i];
      if (campo) valores[campo] = valor.trim();
    });
    linhas.push({ numero: info.lines, valores });
  }
  return { linhas, cabecalhoOriginal, erros };
};
