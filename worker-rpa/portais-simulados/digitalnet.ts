import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import { cifrarPdf } from './pdf-cifrado';
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
 * Portal Digitalnet simulado com o DOM e o fluxo que o robô legado (`digitalnet.py`) percorre:
 * login em duas etapas (`#cpfcnpj`; o botão "Fazer login" aparece depois do documento; então
 * `#cpfcnpj`, `#passwd` e `#loginButton`), o seletor de contratos com as classes Tailwind do legado
 * (`span.ml-3…` e a seta antes dele, `button[tabindex=2]`, `div.flex.items-center.gap-1`), o aviso
 * "Não existem faturas pendentes…", "Pagar agora" com o vencimento em `div.card-invoice-text-color
 * font-bold`, `#invoiceFirstElement` que põe o id no título ("Digitalnet | <id> | Fatura"), e a API
 * (`/invoices/{id}/pdf`, `/invoices/fiscal-documents/{id}`) que exige o Bearer emitido no login, com
 * vida de 300 s, guardado pela página no localStorage. A fatura sai cifrada com os 3 primeiros
 * dígitos do CNPJ do contrato; o documento fiscal, aberto.
 */
export interface ContratoDigitalnet {
  id: string;
  nome: string;
  cnpj: string;
  fatura?: { id: string; vencimento: string; valor: string };
}

export interface EstadoDigitalnet {
  /** CPF/CNPJ (só dígitos, como o legado digitava) e senha do acesso. */
  login: string;
  senha: string;
  contratos: ContratoDigitalnet[];
  /** Vida do token emitido no login (o portal real: 300 s). */
  validadeTokenS: number;
  modo: ModoFalha & {
    /** "Fazer login" nunca aparece depois do CPF/CNPJ. */
    semFazerLogin?: boolean;
    /** A fatura sai sem cifra, ou cifrada com outra senha, ou corrompida. */
    faturaSemCifra?: boolean;
    senhaDaCifra?: string;
    faturaCorrompida?: boolean;
  };
  tokensEmitidos: string[];
  /** Pedidos feitos à API, para o teste conferir o token e os cabeçalhos usados. */
  pedidosApi: Array<{ caminho: string; autorizacao: string; origem: string; status: number }>;
}

/** Prefixo da API no simulador (no portal real ela fica em outro host, `DIGITALNET_URL_API`). */
export const CAMINHO_API_DIGITALNET = '/api-portal';

const base64url = (dados: Buffer | string): string => Buffer.from(dados).toString('base64url');

const telaLogin = (modo: EstadoDigitalnet['modo']): string =>
  pagina(
    'Digitalnet',
    `<h1>Digitalnet — Central do Assinante</h1>
    <form id="etapa1" onsubmit="return false">
      <input id="cpfcnpj" type="text" placeholder="CPF ou CNPJ" oninput="documentoDigitado(this.value)">
      <button id="loginButton" type="button" onclick="document.getElementById('erro').textContent='Informe o CPF/CNPJ e faça o login.'">Continuar</button>
      <span id="acoes"></span>
    </form>
    <p id="erro" style="color:#b00"></p>
    <script>
      function documentoDigitado(valor) {
        // O botão só passa a existir depois do documento (o robô procura por presença, como o legado).
        if (${modo.semFazerLogin ? 'false' : 'true'} && valor.replace(/\\D/g, '').length >= 11 && !document.getElementById('geral'))
          document.getElementById('acoes').innerHTML = '<button id="geral" type="button" onclick="segundaEtapa()">Fazer login</button>';
      }
      function segundaEtapa() {
        document.getElementById('etapa1').outerHTML =
          '<form id="etapa2" onsubmit="return false"><input id="cpfcnpj" type="text">' +
          '<input id="passwd" type="password"><button id="loginButton" type="button" onclick="entrar()">Entrar</button></form>';
      }
      function entrar() {
        fetch('/api/entrar', { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ login: document.getElementById('cpfcnpj').value, senha: document.getElementById('passwd').value }) })
          .then((r) => r.ok ? r.json() : Promise.reject(r))
          .then((corpo) => {
            localStorage.setItem('@digitalnet:sessao', JSON.stringify({ usuario: corpo.nome, token: corpo.token }));
            location.href = '/faturas';
          })
          .catch(() => { document.getElementById('erro').textContent = 'CPF/CNPJ ou senha inválidos.'; });
      }
    </script>`
  );

const telaFaturas = (estado: EstadoDigitalnet, atual: ContratoDigitalnet): string => {
  const seletor =
    estado.contratos.length > 1
      ? `<div class="flex"><div class="seta" onclick="document.getElementById('menu').style.display='block'">▾</div>` +
        `<span class="ml-3 text-sm font-medium text-gray-900">Contrato ${escapar(atual.nome)}</span></div>` +
        `<div id="menu" style="display:none"><button tabindex="2" type="button" onclick="document.getElementById('lista').style.display='block'">Mudar contrato</button></div>` +
        `<div id="lista" style="display:none">${estado.contratos
          .map(
            (c) =>
              `<div class="flex items-center gap-1" onclick="location.href='/faturas?contrato=${encodeURIComponent(c.id)}'">${escapar(c.nome)}</div>`
          )
          .join('')}</div>`
      : '';
  const fatura = atual.fatura
    ? `<button type="button" class="btn-base-submit w-full" onclick="document.getElementById('detalhe').style.display='block'">Pagar agora</button>
      <div id="detalhe" style="display:none">
        <div class="card-invoice-text-color font-bold">${escapar(atual.fatura.vencimento)}</div>
        <div class="card-invoice-text-color">R$ ${escapar(atual.fatura.valor)}</div>
        <div id="invoiceFirstElement" onclick="document.title='Digitalnet | ${escapar(atual.fatura.id)} | Fatura'">Ver fatura</div>
      </div>`
    : '<p class="text-center text-gray-500">Não existem faturas pendentes para este contrato.</p>';
  return pagina('Digitalnet — Faturas', `<h1>Faturas</h1>${seletor}${fatura}`);
};

export const iniciarPortalDigitalnet = async (
  dados: Partial<EstadoDigitalnet> & Pick<EstadoDigitalnet, 'login' | 'senha' | 'contratos'>,
  porta = 0
): Promise<PortalSimulado & { estado: EstadoDigitalnet; urlLogin: string; urlApi: string }> => {
  const estado: EstadoDigitalnet = {
    validadeTokenS: 300,
    modo: {},
    tokensEmitidos: [],
    pedidosApi: [],
    ...dados,
  };
  const segredo = randomBytes(32);
  const assinar = (conteudo: string) => createHmac('sha256', segredo).update(conteudo).digest();

  /** JWT HS256 com as claims que o token real traz (nomes do legado; valores inventados). */
  const emitirToken = (): string => {
    const iat = Math.floor(Date.now() / 1000);
    const cabecalho = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const corpo = base64url(
      JSON.stringify({
        id: 1,
        companyId: 1,
        erpCustomerId: 42,
        role: 'customer',
        iat,
        nbf: iat,
        exp: iat + estado.validadeTokenS,
      })
    );
    const token = `${cabecalho}.${corpo}.${base64url(assinar(`${cabecalho}.${corpo}`))}`;
    estado.tokensEmitidos.push(token);
    return token;
  };
  const tokenValido = (autorizacao: string): boolean => {
    const [cabecalho, corpo, assinatura] = autorizacao.replace(/^Bearer /, '').split('.');
    if (!cabecalho || !corpo || !assinatura) return false;
    const esperada = assinar(`${cabecalho}.${corpo}`);
    const recebida = Buffer.from(assinatura, 'base64url');
    if (recebida.length !== esperada.length || !timingSafeEqual(recebida, esperada)) return false;
    const { exp } = JSON.parse(Buffer.from(corpo, 'base64url').toString('utf8')) as { exp: number };
    return exp > Date.now() / 1000;
  };

  const api = async (pedido: Pedido): Promise<Resposta> => {
    const autorizacao = String(pedido.cabecalhos.authorization ?? '');
    const registro = {
      caminho: pedido.caminho,
      autorizacao,
      origem: String(pedido.cabecalhos.origin ?? ''),
      status: 200,
    };
    estado.pedidosApi.push(registro);
    if (!tokenValido(autorizacao)) {
      registro.status = 401;
      return { status: 401, tipo: 'application/json', html: '{"message":"Token inválido ou expirado"}' };
    }
    const fatura = /^\/invoices\/([^/]+)\/pdf$/.exec(pedido.caminho.slice(CAMINHO_API_DIGITALNET.length));
    const fiscal = /^\/invoices\/fiscal-documents\/([^/]+)$/.exec(
      pedido.caminho.slice(CAMINHO_API_DIGITALNET.length)
    );
    const id = decodeURIComponent((fatura ?? fiscal)?.[1] ?? '');
    const contrato = estado.contratos.find((c) => c.fatura?.id === id);
    if (!contrato?.fatura) {
      registro.status = 404;
      return { status: 404, tipo: 'application/json', html: '{"message":"Not Found"}' };
    }
    if (fiscal)
      return {
        tipo: 'application/pdf',
        corpo: await pdfDeLinhas([`DOCUMENTO FISCAL DIGITALNET - fatura ${id}`, `Contrato ${contrato.nome}`]),
      };
    if (estado.modo.faturaCorrompida)
      return { tipo: 'application/pdf', corpo: Buffer.from('%PDF-1.7\nquebrado') };
    const aberta = await pdfDeLinhas([
      `FATURA DIGITALNET - ${id}`,
      `Contrato ${contrato.nome} - vencimento ${contrato.fatura.vencimento} - R$ ${contrato.fatura.valor}`,
    ]);
    if (estado.modo.faturaSemCifra) return { tipo: 'application/pdf', corpo: aberta };
    const senha = estado.modo.senhaDaCifra ?? contrato.cnpj.replace(/\D/g, '').slice(0, 3);
    return { tipo: 'application/pdf', corpo: cifrarPdf(aberta, senha) };
  };

  const rotear = async (pedido: Pedido): Promise<Resposta> => {
    if (pedido.caminho === '/login' || pedido.caminho === '/') return { html: telaLogin(estado.modo) };
    if (pedido.caminho === '/api/entrar' && pedido.metodo === 'POST') {
      const corpo = JSON.parse(await pedido.texto()) as { login?: string; senha?: string };
      if (corpo.login !== estado.login || corpo.senha !== estado.senha)
        return { status: 401, tipo: 'application/json', html: '{"message":"credenciais"}' };
      return {
        novaSessao: true,
        tipo: 'application/json',
        html: JSON.stringify({ nome: 'Assinante', token: emitirToken() }),
      };
    }
    if (pedido.caminho.startsWith(`${CAMINHO_API_DIGITALNET}/`)) return api(pedido);
    if (!pedido.sessao) return { redirecionar: '/login' };
    if (pedido.caminho === '/faturas') {
      const escolhido = estado.contratos.find((c) => c.id === pedido.consulta.get('contrato'));
      return { html: telaFaturas(estado, escolhido ?? estado.contratos[0]!) };
    }
    return { status: 404, html: pagina('404', '<h1>Página não encontrada</h1>') };
  };
  const portal = await iniciarServidor('DIGSESSION', () => estado.modo, rotear, porta);
  return {
    ...portal,
    estado,
    urlLogin: `${portal.url}/login`,
    urlApi: `${portal.url}${CAMINHO_API_DIGITALNET}`,
  };
};
