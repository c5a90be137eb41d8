import { pdfDeLinhas } from './pdf-simulado';
import {
  escapar,
  iniciarServidor,
  pagina,
  type ModoFalha,
  type Pedido,
  type PortalSimulado,
  type Resposta,
} from './servidor-simulado';

/**
 * Páginas da Azuton simuladas segundo o legado (`azuton.py`): o e-mail traz "BAIXAR BOLETO" (uma
 * página com `span.value name`, `li.dadosPagador` "CNPJ: …" e o `button#download` que baixa
 * "Boleto_<id>.pdf") e "BAIXAR FATURA" (link direto que baixa "Fatura_<número>.pdf"). O corpo do
 * e-mail segue o formato que o legado lê: "Olá <b>…</b>", "Fatura:", "Data de vencimento:" e
 * "Valor devido:", cada valor no `<b>` seguinte.
 */
export interface FaturaAzuton {
  id: string;
  numero: string;
  cliente: string;
  cnpj: string;
  /** DD/MM/AAAA. */
  vencimento: string;
  /** "1.234,56". */
  valor: string;
}

export interface EstadoAzuton {
  faturas: FaturaAzuton[];
  modo: ModoFalha & {
    /** A página do boleto vem sem o botão na primeira carga desde o último `pedidos = []` (o legado recarrega). */
    boletoSemBotaoNaPrimeira?: boolean;
    /** A página do boleto não mostra o CNPJ do pagador. */
    boletoSemCnpj?: boolean;
  };
  /** Caminhos pedidos, para o teste conferir o que o robô abriu. */
  pedidos: string[];
}

const formatarCnpj = (cnpj: string): string =>
  cnpj.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, '$1.$2.$3/$4-$5');

const telaBoleto = (fatura: FaturaAzuton, comBotao: boolean, comCnpj: boolean): string =>
  pagina(
    `Boleto ${fatura.numero}`,
    `<h1>Boleto bancário</h1>
    <ul class="pagador">
      <li class="nomePagador">Pagador: <span class="value name">${escapar(fatura.cliente)}</span></li>
      ${comCnpj ? `<li class="dadosPagador">CNPJ: ${formatarCnpj(fatura.cnpj)}</li>` : '<li class="dadosPagador">Endereço: Rua Um, 1</li>'}
    </ul>
    <p>Vencimento ${escapar(fatura.vencimento)} — R$ ${escapar(fatura.valor)}</p>
    ${comBotao ? `<button id="download" type="button" onclick="location.href='/boletos/${encodeURIComponent(fatura.id)}/Boleto_${encodeURIComponent(fatura.id)}.pdf'">Baixar boleto</button>` : ''}`
  );

/** Corpo HTML do e-mail da Azuton (o que chega na caixa). */
export const emailAzuton = (fatura: FaturaAzuton, base: string): string =>
  `<!DOCTYPE html><html><body>
  <p>Olá <b>${escapar(fatura.cliente)}</b>,</p>
  <p>Sua fatura Azuton está disponível.</p>
  <table>
    <tr><td>Fatura: <b>${escapar(fatura.numero)}</b></td></tr>
    <tr><td>Data de vencimento: <b>${escapar(fatura.vencimento)}</b></td></tr>
    <tr><td>Valor devido: <b>R$ ${escapar(fatura.valor)}</b></td></tr>
  </table>
  <p><a href="${base}/boletos/${encodeURIComponent(fatura.id)}">BAIXAR BOLETO</a>
  &nbsp;<a href="${base}/faturas/${encodeURIComponent(fatura.id)}/Fatura_${encodeURIComponent(fatura.numero)}.pdf">BAIXAR FATURA</a></p>
  </body></html>`;

export const iniciarPortalAzuton = async (
  dados: Partial<EstadoAzuton> & Pick<EstadoAzuton, 'faturas'>,
  porta = 0
): Promise<PortalSimulado & { estado: EstadoAzuton }> => {
  const estado: EstadoAzuton = { modo: {}, pedidos: [], ...dados };
  const rotear = async (pedido: Pedido): Promise<Resposta> => {
    estado.pedidos.push(pedido.caminho);
    const boleto = /^\/boletos\/([^/]+)$/.exec(pedido.caminho);
    const pdfBoleto = /^\/boletos\/([^/]+)\/Boleto_[^/]+\.pdf$/.exec(pedido.caminho);
    const pdfFatura = /^\/faturas\/([^/]+)\/Fatura_[^/]+\.pdf$/.exec(pedido.caminho);
    const id = decodeURIComponent((boleto ?? pdfBoleto ?? pdfFatura)?.[1] ?? '');
    const fatura = estado.faturas.find((f) => f.id === id);
    if (!fatura) return { status: 404, html: pagina('404', '<h1>Documento não encontrado</h1>') };
    if (boleto) {
      const carga = estado.pedidos.filter((p) => p === pedido.caminho).length;
      const comBotao = !(estado.modo.boletoSemBotaoNaPrimeira && carga === 1);
      return { html: telaBoleto(fatura, comBotao, !estado.modo.boletoSemCnpj) };
    }
    const linhas = pdfBoleto
      ? [`BOLETO AZUTON ${fatura.numero}`, `Pagador ${fatura.cliente}`, `CNPJ ${formatarCnpj(fatura.cnpj)}`]
      : [`FATURA AZUTON ${fatura.numero}`, `Vencimento ${fatura.vencimento}`, `Total R$ ${fatura.valor}`];
    return { tipo: 'application/pdf', corpo: await pdfDeLinhas(linhas) };
  };
  const portal = await iniciarServidor('AZUTONSESSION', () => estado.modo, rotear, porta);
  return { ...portal, estado };
};
