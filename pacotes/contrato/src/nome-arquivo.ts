import { ehData } from './competencia.js';

/**
 * Nomes de arquivo do legado (`utilities.sanitize_filename` e o padrão `{hash}_{DD-MM-AAAA}.pdf`
 * com que as faturas chegavam ao MinIO e ao SAT). Usado pelo robô e pelo Strapi: o mesmo nome no
 * armazenamento e no arquivo entregue ao SAT.
 */
const PROIBIDOS = /[<>:"/\\|?*\s]/g;

/** Troca `<>:"/\|?*` e espaços por `_`, e também os pontos internos; extensão só se tiver até 4 caracteres. */
export const sanitizarNomeArquivo = (nome: string): string => {
  const limpo = nome.trim();
  const ponto = limpo.lastIndexOf('.');
  const extensao =
    ponto > 0 && limpo.length - ponto - 1 <= 4 && limpo.length - ponto - 1 > 0 ? limpo.slice(ponto) : '';
  const base = (extensao ? limpo.slice(0, ponto) : limpo).replace(PROIBIDOS, '_').replace(/\./g, '_');
  return base ? `${base}${extensao.replace(PROIBIDOS, '_')}` : 'arquivo_sanitizado';
};

/** `{hash do cadastro}_{DD-MM-AAAA}.pdf` a partir do vencimento AAAA-MM-DD (sem vencimento: só a hash). */
export const nomeFaturaLegado = (hashCliente: string, vencimento: string | null): string => {
  const data = vencimento && ehData(vencimento) ? `_${vencimento.split('-').reverse().join('-')}` : '';
  return sanitizarNomeArquivo(`${hashCliente || 'fatura'}${data}.pdf`);
};
