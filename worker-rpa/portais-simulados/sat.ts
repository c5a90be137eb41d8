import { createHash } from 'crypto';
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
 * SAT simulado (sistema interno), com o DOM que o robô legado (`sat.py`) percorre: login (`login`,
 * `senha`, botão "Entrar"), menu "Clientes", busca com placeholder "Buscando algo ?", ícone
 * `ref.png` no link de faturas, "Adicionar" (e "Adicionar via Excel"), campos `input[operadora]`,
 * `input[telefone]`, `input.file`, `file[]`, `input[data_competencia]`, os dois `select#categorias`
 * (categoria e `input[id_filial]`) e o botão `cadastar`. Como no legado, nada na tela confirma o
 * cadastro: ele grava o que chega (inclusive sem filial) e volta à lista de faturas. Só o modo
 * `recusarCadastro` (não vem do legado) mostra uma mensagem de erro do formulário.
 */
export interface ClienteSat {
  id: number;
  nome: string;
}

export interface RegistroSat {
  cliente: string;
  operadora: string;
  telefone: string;
  data_competencia: string;
  categoria: string;
  filial: string;
  arquivo_nome: string;
  arquivo_sha256: string;
  arquivo_bytes: number;
}

export interface EstadoSat {
  usuario: string;
  senha: string;
  clientes: ClienteSat[];
  filiais: string[];
  registros: RegistroSat[];
  /**
   * `atrasoCadastroMs`: o cadastro é gravado e a resposta demora (para derrubar o robô depois do
   * clique); `recusarCadastro`: nada é gravado e a tela mostra essa mensagem de erro do formulário.
   */
  modo: ModoFalha & { atrasoCadastroMs?: number; recusarCadastro?: string };
}

const telaLogin = (estado: EstadoSat, erro = ''): string =>
  pagina(
    'SAT',
    `<h1>SAT</h1>${erro ? `<p class="erro">${escapar(erro)}</p>` : ''}
    <form method="post" action="/login">
      <input type="text" name="${estado.modo.seletorMudado ? 'usuario' : 'login'}" placeholder="Login">
      <input type="password" name="senha" placeholder="Senha">
      <input type="submit" value="Entrar">
    </form>`
  );

const menu =
  '<nav><a href="/inicio">Início</a> | <a href="/clientes"> Clientes </a> | <a href="/sair">Sair</a></nav>';

const telaClientes = (estado: EstadoSat, busca: string | null): string => {
  const termo = (busca ?? '').trim().toUpperCase();
  const achados = estado.clientes.filter((c) => termo && c.nome.toUpperCase().includes(termo));
  const linhas = !termo
    ? ''
    : achados.length
      ? achados
          .map(
            (c) =>
              `<tr><td>${escapar(c.nome)}</td><td><a href="/clientes/${c.id}/fatura" title="Faturas"><img src="/img/ref.png" alt="faturas"></a></td></tr>`
          )
          .join('')
      : '<tr><td colspan="2"> Sua busca não trouxe nenhum resultado </td></tr>';
  return pagina(
    'Clientes',
    `${menu}<h1>Clientes</h1>
    <form method="get" action="/clientes"><input type="text" name="busca" placeholder="Buscando algo ?" value="${escapar(busca ?? '')}"></form>
    <table><tbody>${linhas}</tbody></table>`
  );
};

const telaFaturas = (estado: EstadoSat, cliente: ClienteSat, aviso = ''): string => {
  const registros = estado.registros.filter((r) => r.cliente === cliente.nome);
  return pagina(
    'Faturas',
    `${menu}<h1>Faturas de ${escapar(cliente.nome)}</h1>${aviso}
    <p><a href="/clientes/${cliente.id}/fatura/adicionar">Adicionar</a> | <a href="/clientes/${cliente.id}/fatura/excel">Adicionar via Excel</a></p>
    <table><tbody>${registros.map((r) => `<tr><td>${escapar(r.operadora)}</td><td>${escapar(r.telefone)}</td><td>${escapar(r.data_competencia)}</td></tr>`).join('')}</tbody></table>`
  );
};

const telaAdicionar = (estado: EstadoSat, cliente: ClienteSat): string =>
  pagina(
    'Adicionar fatura',
    `${menu}<h1>Adicionar fatura — ${escapar(cliente.nome)}</h1>
    <form method="post" action="/clientes/${cliente.id}/fatura/adicionar" enctype="multipart/form-data">
      <p>Operadora <input type="text" name="input[operadora]"></p>
      <p>Linha/telefone <input type="text" name="input[telefone]"></p>
      <p>Arquivo <input type="text" class="file" style="display: inline; width: 250px;" name="arquivo_nome">
         <input type="file" name="file[]" accept="application/pdf"></p>
      <p>Competência <input type="text" name="input[data_competencia]" value="01/01/2000"></p>
      <p>Categoria <select id="categorias" name="input[categoria]"><option value="">Selecione</option><option value="1">RECEBER</option><option value="2">PAGAR</option></select></p>
      <p>Filial <select id="categorias" name="input[id_filial]"><option value="">Selecione</option>${estado.filiais.map((f, i) => `<option value="${i + 1}">${escapar(f)}</option>`).join('')}</select></p>
      <input type="submit" class="envia" name="cadastar" value="Cadastrar">
    </form>`
  );

const CATEGORIAS: Record<string, string> = { '1': 'RECEBER', '2': 'PAGAR' };

const registrar = async (estado: EstadoSat, cliente: ClienteSat, pedido: Pedido): Promise<Resposta> => {
  const formulario = await pedido.formulario();
  if (estado.modo.recusarCadastro) {
    return {
      html: telaFaturas(
        estado,
        cliente,
        `<div class="alert alert-danger">${escapar(estado.modo.recusarCadastro)}</div>`
      ),
    };
  }
  const arquivo = formulario.get('file[]');
  const conteudo = arquivo instanceof Blob ? Buffer.from(await arquivo.arrayBuffer()) : Buffer.alloc(0);
  const campo = (nome: string) => String(formulario.get(nome) ?? '').trim();
  estado.registros.push({
    cliente: cliente.nome,
    operadora: campo('input[operadora]'),
    telefone: campo('input[telefone]'),
    data_competencia: campo('input[data_competencia]'),
    categoria: CATEGORIAS[campo('input[categoria]')] ?? '',
    filial: estado.filiais[Number(campo('input[id_filial]')) - 1] ?? '',
    arquivo_nome: arquivo instanceof File ? arquivo.name : '',
    arquivo_sha256: createHash('sha256').update(conteudo).digest('hex'),
    arquivo_bytes: conteudo.length,
  });
  if (estado.modo.atrasoCadastroMs)
    await new Promise((r) => setTimeout(r, estado.modo.atrasoCadastroMs).unref());
  return { html: telaFaturas(estado, cliente) };
};

export const iniciarPortalSat = async (
  dados: Partial<EstadoSat> & Pick<EstadoSat, 'usuario' | 'senha' | 'clientes' | 'filiais'>,
  porta = 0
): Promise<PortalSimulado & { estado: EstadoSat }> => {
  const estado: EstadoSat = { modo: {}, registros: [], ...dados };
  const rotear = async (pedido: Pedido): Promise<Resposta> => {
    if (pedido.caminho === '/' || pedido.caminho === '/login') {
      if (pedido.metodo !== 'POST') return { html: telaLogin(estado) };
      const formulario = await pedido.formulario();
      if (formulario.get('login') !== estado.usuario || formulario.get('senha') !== estado.senha)
        return { html: telaLogin(estado, 'Login ou senha incorretos.') };
      return { novaSessao: true, redirecionar: '/inicio' };
    }
    if (pedido.caminho === '/img/ref.png') return { html: '' };
    if (!pedido.sessao) return { redirecionar: '/' };
    if (pedido.caminho === '/inicio') return { html: pagina('Início', `${menu}<h1>Bem-vindo ao SAT</h1>`) };
    if (pedido.caminho === '/clientes') return { html: telaClientes(estado, pedido.consulta.get('busca')) };
    const rota = /^\/clientes\/(\d+)\/fatura(\/adicionar)?$/.exec(pedido.caminho);
    const cliente = rota ? estado.clientes.find((c) => c.id === Number(rota[1])) : undefined;
    if (!rota || !cliente) return { status: 404, html: pagina('404', '<h1>Página não encontrada</h1>') };
    if (!rota[2]) return { html: telaFaturas(estado, cliente) };
    return pedido.metodo === 'POST'
      ? registrar(estado, cliente, pedido)
      : { html: telaAdicionar(estado, cliente) };
  };
  const portal = await iniciarServidor('PHPSESSID', () => estado.modo, rotear, porta);
  return { ...portal, estado };
};
