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
 * Portal Embratel simulado (Embratel Online), com o fluxo e o DOM que o robô legado
 * (`embratel.py`) percorre: login (`login`, `MainContent_password`), link "Fatura On Line",
 * `<option value=AAAAMM>`, botão `submit`, tabela `txtCinzaHand` (conta na 2ª célula, data na 5ª),
 * linhas com `onclick="return chamaFatura('…')"` que abrem nova aba, boleto com "Data de
 * Vencimento" e o próximo `div.txtPretoBold12` do documento (ao lado ou em outra célula), e a
 * página de notas fiscais com células `td[align=left]` ICMS/ISS que, clicadas, abrem a nota.
 * Não vêm do legado (e estão marcados como tal): a mensagem de período sem faturas, a tela de
 * senha recusada e o "Valor do Documento" do boleto.
 */
export interface FaturaEmbratel {
  conta: string;
  /** Competência AAAAMM em que a fatura aparece. */
  mes: string;
  /** DD/MM/AAAA */
  vencimento: string;
  valor: string;
  icms?: boolean;
  iss?: boolean;
  /** Onde fica o vencimento no boleto: div irmã do rótulo (padrão) ou outra célula da tabela. */
  layoutBoleto?: 'irmaos' | 'tabela';
}

export interface EstadoEmbratel {
  usuario: string;
  senha: string;
  /** Outros logins aceitos (usuário → senha), para demonstrações com vários clientes. */
  acessos?: Record<string, string>;
  faturas: FaturaEmbratel[];
  /** `tabelaSumiu`: a lista de faturas vem sem a tabela e sem a mensagem de período vazio (o portal mudou). */
  modo: ModoFalha & { tabelaSumiu?: boolean };
  /** Documentos abertos, para o teste conferir o caminho do robô. */
  documentosAbertos: string[];
}

export const CAMINHO_LOGIN_EMBRATEL = '/embratelonline/index.asp';

const mesesDisponiveis = (estado: EstadoEmbratel): string[] =>
  [...new Set(estado.faturas.map((f) => f.mes))].sort().reverse();

const telaLogin = (estado: EstadoEmbratel, erro = ''): string => {
  const idLogin = estado.modo.seletorMudado ? 'usuario_portal' : 'login';
  return pagina(
    'Embratel Online',
    `
    <h1>Embratel Online</h1>
    ${erro ? `<p class="erro" style="color:#b00">${escapar(erro)}</p>` : ''}
    <form method="post" action="${CAMINHO_LOGIN_EMBRATEL}">
      <label>Usuário <input type="text" id="${idLogin}" name="login"></label>
      <label>Senha <input type="password" id="MainContent_password" name="password"></label>
      <input type="submit" value="Entrar">
    </form>`
  );
};

const telaFaturaOnLine = (estado: EstadoEmbratel, mes: string | null): string => {
  const opcoes = mesesDisponiveis(estado)
    .map((m) => `<option value="${m}"${m === mes ? ' selected' : ''}>${m.slice(4)}/${m.slice(0, 4)}</option>`)
    .join('');
  const faturas = mes ? estado.faturas.filter((f) => f.mes === mes) : [];
  const linhas = faturas
    .map(
      (f) =>
        `<tr onclick="location.href='detalhe.asp?conta=${encodeURIComponent(f.conta)}&amp;mes=${f.mes}&amp;venc=${encodeURIComponent(f.vencimento)}'">` +
        `<td><input type="radio" name="sel"></td><td>${escapar(f.conta)}</td><td>${f.mes.slice(4)}/${f.mes.slice(0, 4)}</td><td>R$ ${escapar(f.valor)}</td><td>${escapar(f.vencimento)}</td></tr>`
    )
    .join('');
  // A mensagem de período vazio não vem do legado: é o marcador positivo de "sem fatura" do robô novo.
  const tabela =
    mes && estado.modo.tabelaSumiu
      ? '<div class="lista-nova">Carregando faturas…</div>'
      : mes && faturas.length
        ? `<table class="tabela txtCinzaHand"><tbody><tr><th></th><th>Conta</th><th>Referência</th><th>Valor</th><th>Vencimento</th></tr>${linhas}</tbody></table>`
        : mes
          ? '<p>Não há faturas para o período selecionado.</p>'
          : '';
  return pagina(
    'Fatura On Line',
    `
    <h1>Fatura On Line</h1>
    <form method="get" action="fatura_online.asp">
      <select name="mes">${opcoes}</select>
      <input type="submit" id="submit" value="Ok">
    </form>${tabela}`
  );
};

const telaDetalhe = (consulta: URLSearchParams): string => {
  const parametros = `conta=${encodeURIComponent(consulta.get('conta') ?? '')}&mes=${consulta.get('mes') ?? ''}&venc=${encodeURIComponent(consulta.get('venc') ?? '')}`;
  return pagina(
    'Documentos da conta',
    `
    <h1>Documentos da conta ${escapar(consulta.get('conta') ?? '')}</h1>
    <script>function chamaFatura(tipo) { window.open('documento.asp?tipo=' + tipo + '&${parametros}', '_blank'); return false; }</script>
    <table><tbody>
      <tr onclick="return chamaFatura('imprimirFatura')"><td>Fatura</td></tr>
      <tr onclick="return chamaFatura('imprimirBoleto')"><td>Boleto</td></tr>
      <tr onclick="return chamaFatura('notaFiscal')"><td>Notas Fiscais</td></tr>
    </tbody></table>`
  );
};

const boleto = (fatura: FaturaEmbratel): string =>
  fatura.layoutBoleto === 'tabela'
    ? `<h1>Boleto bancário</h1><table><tbody>
        <tr><td><div>Data de Vencimento</div></td><td><div class="txtPretoBold12">${escapar(fatura.vencimento)}</div></td></tr>
        <tr><td><div>Valor do Documento</div></td><td><div class="txtPretoBold12">R$ ${escapar(fatura.valor)}</div></td></tr>
      </tbody></table>`
    : `<h1>Boleto bancário</h1>
      <div>Data de Vencimento</div><div class="txtPretoBold12">${escapar(fatura.vencimento)}</div>
      <div>Valor do Documento</div><div class="txtPretoBold12">R$ ${escapar(fatura.valor)}</div>`;

/** Página das notas: cada célula ICMS/ISS abre a sua nota numa aba nova (o robô clica nela). */
const notasFiscais = (fatura: FaturaEmbratel, parametros: string): string => {
  const celula = (tipo: 'ICMS' | 'ISS', texto: string) =>
    `<tr><td align="left" onclick="window.open('documento.asp?tipo=nf${tipo === 'ICMS' ? 'Icms' : 'Iss'}&${parametros}', '_blank')">${texto}</td><td>${tipo === 'ICMS' ? 'Modelo 22' : 'Serviços'}</td></tr>`;
  const notas = [
    fatura.icms ? celula('ICMS', `NF ICMS modelo 22 — conta ${escapar(fatura.conta)}`) : '',
    fatura.iss ? celula('ISS', `NF ISS de serviços — conta ${escapar(fatura.conta)}`) : '',
  ].join('');
  return pagina(
    'Notas Fiscais',
    `<h1>Notas Fiscais</h1><table><tbody>${notas || '<tr><td>Nenhuma nota para esta conta.</td></tr>'}</tbody></table>`
  );
};

const telaDocumento = (estado: EstadoEmbratel, consulta: URLSearchParams): string => {
  const fatura = estado.faturas.find(
    (f) =>
      f.conta === consulta.get('conta') &&
      f.mes === consulta.get('mes') &&
      f.vencimento === consulta.get('venc')
  );
  if (!fatura) return pagina('Documento', '<p>Documento não encontrado.</p>');
  const tipo = consulta.get('tipo') ?? '';
  estado.documentosAbertos.push(tipo);
  const referencia = `${fatura.mes.slice(4)}/${fatura.mes.slice(0, 4)}`;
  const parametros = `conta=${encodeURIComponent(fatura.conta)}&amp;mes=${fatura.mes}&amp;venc=${encodeURIComponent(fatura.vencimento)}`;
  switch (tipo) {
    case 'imprimirFatura':
      return pagina(
        'Fatura',
        `<h1>FATURA DE SERVIÇOS DE TELECOMUNICAÇÕES</h1>
        <p>Conta: ${escapar(fatura.conta)} — Referência ${referencia}</p>
        <p>Valor total: R$ ${escapar(fatura.valor)}</p><p>Vencimento: ${escapar(fatura.vencimento)}</p>`
      );
    case 'imprimirBoleto':
      return pagina('Boleto', boleto(fatura));
    case 'notaFiscal':
      return notasFiscais(fatura, parametros);
    case 'nfIcms':
      return pagina(
        'NF ICMS',
        `<h1>NOTA FISCAL DE SERVIÇOS DE TELECOMUNICAÇÃO — MODELO 22 (ICMS)</h1><p>Conta ${escapar(fatura.conta)} — Referência ${referencia}</p>`
      );
    case 'nfIss':
      return pagina(
        'NF ISS',
        `<h1>NOTA FISCAL DE SERVIÇOS ELETRÔNICA (ISS)</h1><p>Conta ${escapar(fatura.conta)} — Referência ${referencia}</p>`
      );
    default:
      return pagina('Documento', '<p>Tipo de documento desconhecido.</p>');
  }
};

export const iniciarPortalEmbratel = async (
  dados: Partial<EstadoEmbratel> & Pick<EstadoEmbratel, 'usuario' | 'senha' | 'faturas'>,
  porta = 0
): Promise<PortalSimulado & { estado: EstadoEmbratel; urlLogin: string }> => {
  const estado: EstadoEmbratel = { modo: {}, documentosAbertos: [], ...dados };
  const rotear = async (pedido: Pedido): Promise<Resposta> => {
    const rota = pedido.caminho.replace(/^\/embratelonline\//, '');
    if (rota === 'index.asp' || pedido.caminho === '/') {
      if (pedido.metodo !== 'POST') return { html: telaLogin(estado) };
      const formulario = await pedido.formulario();
      const [login, senha] = [
        String(formulario.get('login') ?? ''),
        String(formulario.get('password') ?? ''),
      ];
      const aceito =
        (login === estado.usuario && senha === estado.senha) ||
        (estado.acessos?.[login] !== undefined && estado.acessos[login] === senha);
      if (!aceito) {
        return { status: 200, html: telaLogin(estado, 'Usuário ou senha inválidos.') };
      }
      return { novaSessao: true, redirecionar: '/embratelonline/principal.asp' };
    }
    if (!pedido.sessao) return { redirecionar: CAMINHO_LOGIN_EMBRATEL };
    if (rota === 'principal.asp') {
      return {
        html: pagina(
          'Principal',
          '<h1>Bem-vindo</h1><ul><li><a href="fatura_online.asp"> Fatura On Line </a></li><li><a href="#">Segunda via</a></li></ul>'
        ),
      };
    }
    if (rota === 'fatura_online.asp') return { html: telaFaturaOnLine(estado, pedido.consulta.get('mes')) };
    if (rota === 'detalhe.asp') return { html: telaDetalhe(pedido.consulta) };
    if (rota === 'documento.asp') return { html: telaDocumento(estado, pedido.consulta) };
    return { status: 404, html: pagina('404', '<h1>Página não encontrada</h1>') };
  };
  const portal = await iniciarServidor('ASPSESSIONID', () => estado.modo, rotear, porta);
  return { ...portal, estado, urlLogin: `${portal.url}${CAMINHO_LOGIN_EMBRATEL}` };
};
