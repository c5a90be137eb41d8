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
 * Portal Vivo Empresas simulado só até onde o legado (`vivo.py`) vai: login em 3 passos no mesmo
 * formulário (`#login-input`, `#input-document-id` e a senha habilitada só no 3º passo, cada um com
 * `button[data-test-access-button]`), o cliente do cabeçalho (`div[data-e2e-header-customer-box]
 * p[data-e2e-header-customer-name]`), a busca `input[data-customer-search-input]` com os resultados
 * em `div[data-customer-select-slider-list] h1.title` (o CNPJ formatado no começo do texto) e os
 * serviços (`li#service-select-desktop`, `li[data-service-id=ADVANCED_FIXA|WIR|MOV]`). A lista de
 * faturas não existe: não há fatos do legado sobre ela.
 */
export interface ClienteVivo {
  id: string;
  cnpj: string;
  nome: string;
}

export interface EstadoVivo {
  email: string;
  cpf: string;
  senha: string;
  clientes: ClienteVivo[];
  modo: ModoFalha;
  /** Cliente e serviço escolhidos a cada navegação do painel, para o teste conferir o caminho do robô. */
  selecoes: Array<{ cliente: string | null; servico: string | null }>;
}

const formatarCnpj = (cnpj: string): string =>
  cnpj.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, '$1.$2.$3/$4-$5');

const telaLogin = (): string =>
  pagina(
    'Vivo Empresas',
    `<h1>Meu Vivo Empresas</h1>
    <form onsubmit="return false">
      <div id="passo"><input id="login-input" type="email" placeholder="E-mail"></div>
      <input name="password" type="password" disabled>
      <button data-test-access-button type="button" onclick="avancar()">Acessar</button>
    </form>
    <p id="erro" style="color:#b00"></p>
    <script>
      let etapa = 1;
      const dados = {};
      function avancar() {
        if (etapa === 1) {
          dados.email = document.getElementById('login-input').value;
          document.getElementById('passo').innerHTML = '<input id="input-document-id" type="text" placeholder="CPF">';
        } else if (etapa === 2) {
          dados.cpf = document.getElementById('input-document-id').value;
          document.getElementById('passo').innerHTML = '';
          document.querySelector('input[name=password]').disabled = false;
        } else {
          dados.senha = document.querySelector('input[name=password]').value;
          fetch('/api/entrar', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(dados) })
            .then((r) => {
              if (r.ok) location.href = '/painel';
              else document.getElementById('erro').textContent = 'Dados de acesso inválidos.';
            });
        }
        etapa += 1;
      }
    </script>`
  );

const telaPainel = (estado: EstadoVivo, cliente: ClienteVivo, servico: string | null): string =>
  pagina(
    'Vivo Empresas — Painel',
    `<div data-e2e-header-customer-box><p data-e2e-header-customer-name onclick="document.getElementById('busca').style.display='block'">${escapar(cliente.nome)}</p></div>
    <div id="busca" style="display:none">
      <input data-customer-search-input type="text" oninput="filtrar(this.value)">
      <div data-customer-select-slider-list id="resultados"></div>
    </div>
    <ul><li id="service-select-desktop" onclick="document.getElementById('servicos').style.display='block'">${escapar(servico ?? 'Escolha o serviço')}</li></ul>
    <ul id="servicos" style="display:none">${['ADVANCED_FIXA', 'WIR', 'MOV']
      .map(
        (s) =>
          `<li data-service-id="${s}" onclick="location.href='/painel?cliente=${encodeURIComponent(cliente.id)}&servico=${s}'">${s}</li>`
      )
      .join('')}</ul>
    <script>
      const clientes = ${JSON.stringify(estado.clientes.map((c) => ({ id: c.id, cnpj: c.cnpj, texto: `${formatarCnpj(c.cnpj)} ${c.nome}` })))};
      function filtrar(valor) {
        const digitos = valor.replace(/\\D/g, '');
        // Os resultados chegam depois de um instante, como uma busca no servidor.
        setTimeout(() => {
          document.getElementById('resultados').innerHTML = clientes
            .filter((c) => digitos && c.cnpj.startsWith(digitos.slice(0, 3)))
            .map((c) => '<div><h1 class="title" onclick="location.href=\\'/painel?cliente=' + encodeURIComponent(c.id) + '\\'">' + c.texto + '</h1></div>')
            .join('');
        }, 300);
      }
    </script>`
  );

export const iniciarPortalVivo = async (
  dados: Partial<EstadoVivo> & Pick<EstadoVivo, 'email' | 'cpf' | 'senha' | 'clientes'>,
  porta = 0
): Promise<PortalSimulado & { estado: EstadoVivo; urlLogin: string }> => {
  const estado: EstadoVivo = { modo: {}, selecoes: [], ...dados };
  const rotear = async (pedido: Pedido): Promise<Resposta> => {
    if (pedido.caminho === '/login' || pedido.caminho === '/') return { html: telaLogin() };
    if (pedido.caminho === '/api/entrar' && pedido.metodo === 'POST') {
      const corpo = JSON.parse(await pedido.texto()) as { email?: string; cpf?: string; senha?: string };
      if (corpo.email !== estado.email || corpo.cpf !== estado.cpf || corpo.senha !== estado.senha)
        return { status: 401, tipo: 'application/json', html: '{"message":"acesso"}' };
      return { novaSessao: true, tipo: 'application/json', html: '{"ok":true}' };
    }
    if (!pedido.sessao) return { redirecionar: '/login' };
    if (pedido.caminho === '/painel') {
      const cliente =
        estado.clientes.find((c) => c.id === pedido.consulta.get('cliente')) ?? estado.clientes[0]!;
      const servico = pedido.consulta.get('servico');
      estado.selecoes.push({ cliente: pedido.consulta.get('cliente'), servico });
      return { html: telaPainel(estado, cliente, servico) };
    }
    return { status: 404, html: pagina('404', '<h1>Página não encontrada</h1>') };
  };
  const portal = await iniciarServidor('VIVOSESSION', () => estado.modo, rotear, porta);
  return { ...portal, estado, urlLogin: `${portal.url}/login` };
};
