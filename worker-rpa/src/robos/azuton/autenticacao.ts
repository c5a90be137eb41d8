/**
 * O remetente conferido pelo veredito do servidor de e-mail (`Authentication-Results`, RFC 8601),
 * não só pelo `From`, que qualquer um escreve. Só conta o cabeçalho do servidor confiável: o de
 * `AZUTON_AUTHSERV_ID` ou, sem ele, o mais de cima — cada servidor põe os seus no topo, então o que
 * o remetente forjou fica abaixo (e um forjado no topo, quando o servidor não carimba, só consegue
 * recusar a própria mensagem). O `DKIM-Signature` sozinho não prova nada (quem envia o escreve):
 * vale o `dkim=` que o servidor gravou depois de conferi-lo. Sem o cabeçalho, fica o de antes (o
 * `From` exato): a regra só recusa, nunca aceita o que antes se recusava.
 */
export interface ResultadoAutenticacao {
  metodo: 'dkim' | 'spf' | 'dmarc';
  resultado: string;
  /** O domínio de que o resultado fala (`header.d`/`header.i`, `smtp.mailfrom`, `header.from`). */
  dominio: string | null;
}

const METODOS = new Set(['dkim', 'spf', 'dmarc']);

/** Só o que tem forma de domínio entra (nem o motivo da recusa carrega texto solto do cabeçalho). */
const dominio = (valor: string | undefined): string | null => {
  const limpo = (valor ?? '').replace(/^.*@/, '').replace(/\.$/, '').toLowerCase();
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(limpo) && limpo.length <= 253 ? limpo : null;
};

/** Separa em `;` fora de aspas e tira os comentários `( … )`, que podem se aninhar. */
const partes = (valor: string): string[] => {
  const saida = [''];
  let aspas = false;
  let comentario = 0;
  for (let i = 0; i < valor.length; i += 1) {
    const c = valor[i]!;
    if (c === '\\') i += 1;
    else if (comentario) comentario += c === '(' ? 1 : c === ')' ? -1 : 0;
    else if (c === '"') aspas = !aspas;
    else if (c === '(' && !aspas) comentario = 1;
    else if (c === ';' && !aspas) saida.push('');
    else saida[saida.length - 1] += c;
  }
  return saida.map((p) => p.replace(/\s+/g, ' ').trim());
};

export const lerAuthenticationResults = (
  valor: string
): { servidor: string; resultados: ResultadoAutenticacao[] } => {
  const [cabeca = '', ...informacoes] = partes(valor);
  const resultados: ResultadoAutenticacao[] = [];
  for (const informacao of informacoes) {
    const [primeiro = '', ...resto] = informacao.split(' ');
    const [, metodo = '', resultado = ''] = /^([a-z]+)(?:\/\d+)?=([a-z]+)$/i.exec(primeiro) ?? [];
    if (!METODOS.has(metodo.toLowerCase())) continue;
    const propriedades = new Map(
      resto.map((p) => [p.slice(0, p.indexOf('=')).toLowerCase(), p.slice(p.indexOf('=') + 1)])
    );
    const m = metodo.toLowerCase() as ResultadoAutenticacao['metodo'];
    resultados.push({
      metodo: m,
      resultado: resultado.toLowerCase(),
      dominio: dominio(
        m === 'dkim'
          ? (propriedades.get('header.d') ?? propriedades.get('header.i'))
          : propriedades.get(m === 'spf' ? 'smtp.mailfrom' : 'header.from')
      ),
    });
  }
  return { servidor: cabeca.split(' ')[0]!.toLowerCase(), resultados };
};

/** Alinhamento relaxado do DMARC: o mesmo domínio ou um dentro do outro (um sufixo público não assina nem tem SPF). */
const alinhados = (a: string, b: string): boolean => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

/**
 * O motivo para recusar a mensagem de `de`, ou null: o servidor confiável disse `fail` (dkim ou spf
 * do domínio do remetente, ou dmarc), ou autenticou só domínios que não se alinham com o `From`.
 * `valores`: os `Authentication-Results` na ordem do cabeçalho (o de cima primeiro).
 */
export const recusaPelaAutenticacao = (
  valores: readonly string[],
  de: string,
  authservId: string | null
): string | null => {
  const dominioDe = de.replace(/^.*@/, '').toLowerCase();
  const lidos = valores.map(lerAuthenticationResults);
  const confiavel = authservId ? lidos.find((l) => l.servidor === authservId.toLowerCase()) : lidos[0];
  if (!confiavel) return null;
  const servidor = dominio(confiavel.servidor);
  const nome = `servidor de e-mail${servidor ? ` (${servidor})` : ''}`;
  const falha = confiavel.resultados.find(
    (r) => r.resultado === 'fail' && (r.metodo === 'dmarc' || !r.dominio || alinhados(r.dominio, dominioDe))
  );
  if (falha)
    return `O ${nome} disse ${falha.metodo}=fail${falha.dominio ? ` para ${falha.dominio}` : ''}: a mensagem não é de ${dominioDe}, mesmo com o From certo.`;
  const aprovados = confiavel.resultados.filter((r) => r.resultado === 'pass' && r.dominio);
  if (aprovados.length && !aprovados.some((r) => alinhados(r.dominio!, dominioDe)))
    return `O From (${dominioDe}) não se alinha com o domínio que o ${nome} autenticou (${aprovados.map((r) => `${r.metodo}=pass ${r.dominio}`).join(', ')}).`;
  return null;
};
