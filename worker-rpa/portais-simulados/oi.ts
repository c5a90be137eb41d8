import { PDFDocument, StandardFonts } from 'pdf-lib';
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
 * Portal Oi Soluções simulado com o DOM e o fluxo que o robô legado (`oi.py`) percorre: login num
 * iframe `/api/login/customer` (`input.email`, `input.password`, `#loginButtonApp`) com o
 * carregando `i.sc-hKwDye.fbVeFn.sc-jRQBWg.iZxZFG`; `a[data-context=btn_ver_contas]`; o rótulo
 * `CNPJ` (`label.sc-bdvvtL.fNKGRl`); `/todas-as-contas?cnpj&limit&offset&paymentStatus&refDateStart&refDateEnd`
 * com `button[data-context=btn_filtrar]` e a tabela `tbody.sc-gsDKAQ.sc-dkPtRN.erBbkF.cwekcn`
 * (telefone na 2ª célula); a conta com `p.sc-bdvvtL.dxOhdO` "Vencimento" + irmão e
 * `a.sc-eCImPb.jxJukv[data-context=btn_contestar_conta]`; e `/api/invoices/pdf/{id}`, que só
 * responde com o cookie da sessão do navegador. Os nomes de classe são os hashes do legado.
 */
export interface ContaOi {
  id: string;
  cnpj: string;
  /** Texto da 2ª célula (a linha/telefone como o portal mostra). */
  linha: string;
  /** Competência AAAA-MM da conta (o filtro do período). */
  mes: string;
  /** DD/MM/AAAA */
  vencimento: string;
  valor: string;
  status?: 'em_aberto' | 'sem_status' | 'paga';
}

export interface EstadoOi {
  email: string;
  senha: string;
  /** Outros e-mails aceitos (ex.: os clientes da demonstração). */
  acessos?: Record<string, string>;
  contas: ContaOi[];
  /** `tabelaSumiu`: a lista vem sem o `tbody` da classe do legado (o portal mudou). */
  modo: ModoFalha & { tabelaSumiu?: boolean };
  /** Consultas feitas a `/todas-as-contas` e PDFs entregues, para o teste conferir o caminho do robô. */
  consultas: URLSearchParams[];
  pdfsEntregues: string[];
  /** Cabeçalhos do último pedido à API do PDF (o legado mandava `accept: application/json` e `user-agent: Mozilla/5.0`). */
  cabecalhosPdf: Record<string, string | string[] | undefined>;
}

const ESPINHO = '<i class="sc-hKwDye fbVeFn sc-jRQBWg iZxZFG" id="carregando">carregando…</i>';

const telaLogin = (): string =>
  pagina(
    'Oi Soluções',
    '<h1>Portal Oi Soluções</h1><iframe src="/api/login/customer" style="width:420px;height:260px;border:0"></iframe>'
  );

/** O formulário dentro do iframe: entra por fetch e leva a janela de cima para o início. */
const telaIframe = (modo: ModoFalha): string =>
  pagina(
    'Entrar',
    `<form onsubmit="return false">
    <input class="${modo.seletorMudado ? 'campo-email' : 'email'}" type="text"><input class="password" type="password">
    <button id="loginButtonApp" type="button" onclick="entrar()">Entrar</button>
    <p id="erro" style="color:#b00"></p></form>
    <script>
      function entrar() {
        const espinho = document.createElement('div');
        espinho.innerHTML = '${ESPINHO}';
        document.body.appendChild(espinho);
        fetch('/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: document.querySelector('form input').value, senha: document.querySelector('input.password').value }) })
          .then((r) => setTimeout(() => {
            espinho.remove();
            if (r.ok) window.top.location.href = '/inicio';
            else document.getElementById('erro').textContent = 'E-mail ou senha inválidos.';
          }, 400));
      }
    </script>`
  );

const telaInicio = (): string =>
  pagina('Início', '<h1>Bem-vindo</h1><a data-context="btn_ver_contas" href="/contas">Ver contas</a>');

const telaContas = (): string =>
  pagina(
    'Contas',
    '<h1>Contas</h1><div><label class="sc-bdvvtL fNKGRl">CNPJ</label><div><div><div><div><div><input type="text"></div></div></div></div></div></div>'
  );

/** Contas que casam com os parâmetros da URL (CNPJ, status de pagamento e período), como o portal filtraria. */
const contasDoFiltro = (estado: EstadoOi, consulta: URLSearchParams): ContaOi[] => {
  const status = consulta.getAll('paymentStatus');
  const [inicio, fim] = [consulta.get('refDateStart') ?? '', consulta.get('refDateEnd') ?? ''];
  return estado.contas.filter((c) => {
    const referencia = `${c.mes}-15T04:00:00.000Z`;
    return (
      c.cnpj === consulta.get('cnpj') &&
      status.includes(c.status ?? 'em_aberto') &&
      referencia >= inicio &&
      referencia.slice(0, 7) <= fim.slice(0, 7)
    );
  });
};

const telaTodasAsContas = (estado: EstadoOi, consulta: URLSearchParams): string => {
  const linhas = contasDoFiltro(estado, consulta)
    .map(
      (c) =>
        `<tr onclick="location.href='/conta/${encodeURIComponent(c.id)}'"><td>${escapar(c.mes)}</td><td>${escapar(c.linha)}</td><td>R$ ${escapar(c.valor)}</td></tr>`
    )
    .join('');
  // A tabela só aparece depois do "Filtrar", como no portal (o legado clica antes de ler).
  return pagina(
    'Todas as contas',
    `<h1>Todas as contas</h1>
    <button data-context="btn_filtrar" type="button" onclick="document.getElementById('resultado').style.display='table'">Filtrar</button>
    <table id="resultado" style="display:none"><tbody class="${estado.modo.tabelaSumiu ? 'sc-novo' : 'sc-gsDKAQ sc-dkPtRN erBbkF cwekcn'}">${linhas}</tbody></table>`
  );
};

const telaConta = (conta: ContaOi): string =>
  pagina(
    'Conta',
    `<h1>Conta ${escapar(conta.linha)}</h1>
    <div><p class="sc-bdvvtL dxOhdO">Vencimento</p><span>${escapar(conta.vencimento)}</span></div>
    <div><p class="sc-bdvvtL dxOhdO">Valor</p><span>R$ ${escapar(conta.valor)}</span></div>
    <a class="sc-eCImPb jxJukv" data-context="btn_contestar_conta" href="/contestar/${encodeURIComponent(conta.id)}">Contestar conta</a>`
  );

const pdfDaConta = async (conta: ContaOi): Promise<Buffer> => {
  const documento = await PDFDocument.create();
  const fonte = await documento.embedFont(StandardFonts.Helvetica);
  const paginaPdf = documento.addPage([595, 842]);
  paginaPdf.drawText(`FATURA OI SOLUCOES - conta ${conta.id}`, { x: 50, y: 780, size: 14, font: fonte });
  paginaPdf.drawText(`Linha ${conta.linha} - vencimento ${conta.vencimento} - R$ ${conta.valor}`, {
    x: 50,
    y: 750,
    size: 12,
    font: fonte,
  });
  return Buffer.from(await documento.save());
};

export const iniciarPortalOi = async (
  dados: Partial<EstadoOi> & Pick<EstadoOi, 'email' | 'senha' | 'contas'>,
  porta = 0
): Promise<PortalSimulado & { estado: EstadoOi; urlLogin: string }> => {
  const estado: EstadoOi = { modo: {}, consultas: [], pdfsEntregues: [], cabecalhosPdf: {}, ...dados };
  const rotear = async (pedido: Pedido): Promise<Resposta> => {
    if (pedido.caminho === '/login' || pedido.caminho === '/') return { html: telaLogin() };
    if (pedido.caminho === '/api/login/customer') return { html: telaIframe(estado.modo) };
    if (pedido.caminho === '/api/login' && pedido.metodo === 'POST') {
      const corpo = JSON.parse(await pedido.texto()) as { email?: string; senha?: string };
      const aceitos: Record<string, string> = { ...estado.acessos, [estado.email]: estado.senha };
      if (!corpo.email || aceitos[corpo.email] === undefined || aceitos[corpo.email] !== corpo.senha)
        return { status: 401, tipo: 'application/json', html: '{"erro":"credenciais"}' };
      return { novaSessao: true, tipo: 'application/json', html: '{"ok":true}' };
    }
    const pdf = /^\/api\/invoices\/pdf\/([^/]+)$/.exec(pedido.caminho);
    if (pdf) {
      estado.cabecalhosPdf = pedido.cabecalhos;
      if (!pedido.sessao)
        return { status: 401, tipo: 'application/json', html: '{"message":"Unauthorized"}' };
      const conta = estado.contas.find((c) => c.id === decodeURIComponent(pdf[1]!));
      if (!conta) return { status: 404, tipo: 'application/json', html: '{"message":"Not Found"}' };
      estado.pdfsEntregues.push(conta.id);
      return { tipo: 'application/pdf', corpo: await pdfDaConta(conta) };
    }
    if (!pedido.sessao) return { redirecionar: '/login' };
    if (pedido.caminho === '/inicio') return { html: telaInicio() };
    if (pedido.caminho === '/contas') return { html: telaContas() };
    if (pedido.caminho === '/todas-as-contas') {
      estado.consultas.push(pedido.consulta);
      return { html: telaTodasAsContas(estado, pedido.consulta) };
    }
    const conta = /^\/conta\/([^/]+)$/.exec(pedido.caminho);
    const achada = conta ? estado.contas.find((c) => c.id === decodeURIComponent(conta[1]!)) : undefined;
    if (achada) return { html: telaConta(achada) };
    return { status: 404, html: pagina('404', '<h1>Página não encontrada</h1>') };
  };
  const portal = await iniciarServidor('OISESSION', () => estado.modo, rotear, porta);
  return { ...portal, estado, urlLogin: `${portal.url}/login` };
};
