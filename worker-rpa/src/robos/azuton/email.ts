import { DomUtils, parseDocument } from 'htmlparser2';
import { erroNegocio } from '@orquestrador-rpa/contrato';

/**
 * Leitura do corpo HTML do e-mail da Azuton, como o BeautifulSoup do legado (`azuton.py`):
 * o `<b>` que vem depois do texto "Olá", "Data de vencimento:", "Valor devido:" e "Fatura:", e o
 * primeiro `<a href>` cujo texto tem "BAIXAR BOLETO" / "BAIXAR FATURA".
 */
export interface CamposEmailAzuton {
  cliente: string | null;
  /** AAAA-MM-DD. */
  data_vencimento: string | null;
  valor_fatura: number | null;
  numero_fatura: string | null;
  link_boleto: string;
  link_fatura: string;
}

type No = ReturnType<typeof parseDocument>['children'][number];
const { getAttributeValue, hasChildren, isTag, isText, textContent } = DomUtils;

/** Todos os nós na ordem do documento (o `find_next` do BeautifulSoup anda nessa ordem). */
const emOrdem = (nos: readonly No[], saida: No[] = []): No[] => {
  for (const no of nos) {
    saida.push(no);
    if (hasChildren(no)) emOrdem(no.children, saida);
  }
  return saida;
};

const ehElemento = (no: No, nome: string): boolean => isTag(no) && no.name.toLowerCase() === nome;

const normalizar = (texto: string): string => texto.replace(/\s+/g, ' ').trim();

/** Texto do primeiro `<b>` depois do primeiro nó de texto que contém `rotulo`. */
const negritoDepois = (nos: readonly No[], rotulo: string): string | null => {
  const inicio = nos.findIndex((no) => isText(no) && no.data.includes(rotulo));
  if (inicio < 0) return null;
  const negrito = nos.slice(inicio + 1).find((no) => ehElemento(no, 'b'));
  return negrito ? normalizar(textContent(negrito)) || null : null;
};

const linkCom = (nos: readonly No[], texto: string): string | null => {
  for (const no of nos)
    if (
      isTag(no) &&
      ehElemento(no, 'a') &&
      getAttributeValue(no, 'href') &&
      textContent(no).toUpperCase().includes(texto)
    )
      return (getAttributeValue(no, 'href') ?? '').trim();
  return null;
};

/** "15/05/2025" → "2025-05-15" (null se não for uma data de verdade). */
export const dataDoEmail = (texto: string | null): string | null => {
  const partes = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(texto ?? '');
  if (!partes) return null;
  const iso = `${partes[3]}-${partes[2]}-${partes[1]}`;
  const data = new Date(`${iso}T00:00:00Z`);
  return data.toISOString().slice(0, 10) === iso ? iso : null;
};

/** "R$ 1.234,56" → 1234.56 (null se não for um valor). */
export const valorDoEmail = (texto: string | null): number | null => {
  const limpo = (texto ?? '').replace(/R\$|\s/g, '');
  if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$/.test(limpo)) return null;
  return Number(limpo.replace(/\./g, '').replace(',', '.'));
};

export const lerEmailAzuton = (html: string): CamposEmailAzuton => {
  const nos = emOrdem(parseDocument(html).children);
  const link_boleto = linkCom(nos, 'BAIXAR BOLETO');
  const link_fatura = linkCom(nos, 'BAIXAR FATURA');
  if (!link_boleto || !link_fatura)
    throw erroNegocio(
      `O e-mail não tem os links "BAIXAR BOLETO" e "BAIXAR FATURA" (faltou ${[!link_boleto && 'o do boleto', !link_fatura && 'o da fatura'].filter(Boolean).join(' e ')}): não é um e-mail de fatura da Azuton.`
    );
  return {
    cliente: negritoDepois(nos, 'Olá'),
    data_vencimento: dataDoEmail(negritoDepois(nos, 'Data de vencimento:')),
    valor_fatura: valorDoEmail(negritoDepois(nos, 'Valor devido:')),
    numero_fatura: negritoDepois(nos, 'Fatura:'),
    link_boleto,
    link_fatura,
  };
};
