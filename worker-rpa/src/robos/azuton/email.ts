import { DomUtils, parseDocument } from 'htmlparser2';
import { erroNegocio, lerData, lerValor } from '@orquestrador-rpa/contrato';

/**
 * Leitura do corpo HTML do e-mail da Azuton, como o BeautifulSoup do legado (`azuton.py`):
 * o `<b>` que vem depois do texto "Olá", "Data de vencimento:", "Valor devido:" e "Fatura:", e o
 * primeiro `<a href>` cujo texto tem "BAIXAR BOLETO" / "BAIXAR FATURA". Data e valor pelos mesmos
 * leitores do upload manual (`lerData`, `lerValor`).
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
    data_vencimento: lerData(negritoDepois(nos, 'Data de vencimento:')),
    valor_fatura: lerValor(negritoDepois(nos, 'Valor devido:')),
    numero_fatura: negritoDepois(nos, 'Fatura:'),
    link_boleto,
    link_fatura,
  };
};
