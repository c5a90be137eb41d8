/**
 * Para onde um robô pode ir. Vale no cadastro (Strapi) e de novo no worker, antes de navegar,
 * antes de digitar uma senha e antes de capturar a tela: só `https:` em hosts permitidos da
 * operadora; nunca `file:`, `data:`, `javascript:`, `chrome:`, credenciais na URL nem IP
 * privado, de loopback ou link-local. `permitirLocal` (só para os portais simulados: variável
 * `PORTAIS_LOCAIS_PERMITIDOS=true`) libera `http:` e o loopback — a lista de domínios continua
 * valendo.
 */
export interface PoliticaPortal {
  permitirLocal: boolean;
}

export const lerPoliticaPortal = (ambiente: Record<string, string | undefined>): PoliticaPortal => ({
  permitirLocal: /^(1|true|sim)$/i.test(ambiente.PORTAIS_LOCAIS_PERMITIDOS ?? ''),
});

/** 4 ou 6 para um IP literal, 0 para nome (sem `net` do Node: o pacote também roda no navegador). */
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export const versaoIp = (host: string): 0 | 4 | 6 => {
  if (IPV4.test(host)) return 4;
  return /^[0-9a-f:.]+$/i.test(host) && (host.match(/:/g) ?? []).length >= 2 ? 6 : 0;
};

const HOST = /^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Host ou padrão `*.dominio` em minúsculas; `null` se não for um nome de host. */
export const normalizarDominio = (valor: string): string | null => {
  const dominio = valor.trim().toLowerCase().replace(/\.$/, '');
  if (versaoIp(dominio)) return dominio;
  return HOST.test(dominio) ? dominio : null;
};

/** Lista de domínios de um texto (um por linha, vírgula ou espaço). */
export const lerDominios = (texto: string | null | undefined): string[] => [
  ...new Set(
    (texto ?? '')
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map((d) => normalizarDominio(d) ?? `inválido:${d}`)
  ),
];

const semColchetes = (host: string): string => host.replace(/^\[|\]$/g, '');

/** Os 8 grupos de 16 bits de um IPv6 literal (com `::`, zeros à esquerda ou IPv4 no fim); `null` se malformado. */
const gruposIpv6 = (ip: string): number[] | null => {
  let texto = ip;
  const fim: number[] = [];
  const v4 = /(?:^|:)([\d.]*\.[\d.]*)$/.exec(texto)?.[1];
  if (v4) {
    if (!IPV4.test(v4)) return null;
    const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
    fim.push((a << 8) | b, (c << 8) | d);
    texto = texto.slice(0, -v4.length);
    if (!texto.endsWith('::')) texto = texto.slice(0, -1);
  }
  const partes = texto.split('::');
  if (partes.length > 2) return null;
  const [cabeca, cauda] = partes.map((p) => (p ? p.split(':') : []));
  const hexas = [...cabeca!, ...(cauda ?? [])];
  if (!hexas.every((x) => /^[0-9a-f]{1,4}$/i.test(x))) return null;
  const faltam = 8 - hexas.length - fim.length;
  if (cauda ? faltam < 1 : faltam !== 0) return null;
  return [...cabeca!, ...Array<string>(cauda ? faltam : 0).fill('0'), ...(cauda ?? [])]
    .map((x) => parseInt(x, 16))
    .concat(fim);
};

const ipv4De = (alto: number, baixo: number): string =>
  [alto >> 8, alto & 255, baixo >> 8, baixo & 255].join('.');

/**
 * IPv4 que um IPv6 carrega e pelo qual o pacote chega: compatível (`::a.b.c.d`), mapeado
 * (`::ffff:a.b.c.d`), traduzido (`::ffff:0:a.b.c.d`), NAT64 (`64:ff9b::/96`), 6to4 (`2002::/16`)
 * e Teredo (`2001:0::/32`: servidor e cliente, este com os bits invertidos). `null`: não carrega.
 */
const ipv4sEmbutidos = (g: readonly number[]): string[] | null => {
  const zeros = (de: number, ate: number) => g.slice(de, ate).every((x) => x === 0);
  if (
    (zeros(0, 5) && (g[5] === 0 || g[5] === 0xffff)) ||
    (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) ||
    (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6))
  )
    return [ipv4De(g[6]!, g[7]!)];
  if (g[0] === 0x2002) return [ipv4De(g[1]!, g[2]!)];
  if (g[0] === 0x2001 && g[1] === 0) return [ipv4De(g[2]!, g[3]!), ipv4De(~g[6]! & 0xffff, ~g[7]! & 0xffff)];
  return null;
};

const ipv4Interno = (ip: string): boolean => {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) ||
    a >= 224
  );
};

/**
 * Loopback (127.0.0.0/8, ::1, localhost) escrito como os portais simulados o usam: o IPv4 de loopback
 * embutido num IPv6 não conta, para que `permitirLocal` não libere formas que só servem para enganar.
 */
export const ehLoopback = (host: string): boolean => {
  const h = semColchetes(host).toLowerCase();
  return h === 'localhost' || h === '::1' || (versaoIp(h) === 4 && h.startsWith('127.'));
};

/**
 * Endereço que um robô nunca visita: privado, loopback, link-local, "este host" ou multicast — em
 * IPv6 também o IPv4 interno embutido em qualquer das formas de transição, o bloco reservado `::/8`
 * (`::`, `::1`, NAT64 de uso local), ULA, link/site-local e multicast. IPv6 malformado conta como interno.
 */
export const ehEnderecoInterno = (host: string): boolean => {
  const h = semColchetes(host).toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal'))
    return true;
  if (versaoIp(h) === 4) return ipv4Interno(h);
  if (versaoIp(h) !== 6) return false;
  const g = gruposIpv6(h);
  if (!g) return true;
  const embutidos = ipv4sEmbutidos(g);
  if (embutidos) return embutidos.some(ipv4Interno);
  const [primeiro] = g as [number];
  return (
    primeiro < 0x100 ||
    (primeiro & 0xfe00) === 0xfc00 ||
    (primeiro & 0xff80) === 0xfe80 ||
    (primeiro & 0xff00) === 0xff00
  );
};

/** O host está na lista (igual, ou subdomínio de um `*.dominio`)? */
export const hostNaLista = (host: string, dominios: readonly string[]): boolean => {
  const h = semColchetes(host).toLowerCase();
  return dominios.some((d) => (d.startsWith('*.') ? h.endsWith(d.slice(1)) : h === d));
};

/**
 * Motivo, em português, de a URL não servir a um robô; `null` quando serve. Sem `dominios`, só
 * a forma é conferida (ex.: a própria URL de portal da operadora, que define a lista).
 */
export const motivoUrlRecusada = (
  url: string,
  politica: PoliticaPortal,
  dominios?: readonly string[]
): string | null => {
  let endereco: URL;
  try {
    endereco = new URL(url.trim());
  } catch {
    return `"${url}" não é uma URL (use https://…).`;
  }
  if (endereco.protocol !== 'https:' && !(endereco.protocol === 'http:' && politica.permitirLocal))
    return `Só endereços https:// são aceitos (recebido ${endereco.protocol}).`;
  if (endereco.username || endereco.password)
    return 'A URL não pode trazer usuário ou senha: use os campos de login do cadastro.';
  if (ehEnderecoInterno(endereco.hostname) && !(politica.permitirLocal && ehLoopback(endereco.hostname))) {
    return `O host ${endereco.hostname} é um endereço interno (privado, loopback ou link-local).`;
  }
  if (dominios && !hostNaLista(endereco.hostname, dominios)) {
    return dominios.length
      ? `O host ${endereco.hostname} não está entre os domínios permitidos da operadora (${dominios.join(', ')}).`
      : 'A operadora não tem domínios permitidos: cadastre a URL do portal ou os domínios permitidos nela.';
  }
  return null;
};

/** Domínios efetivos de uma operadora: os cadastrados mais o host da URL do portal dela. */
export const dominiosDaOperadora = (
  dominiosPermitidos: string | null | undefined,
  urlPortal: string | null | undefined
): string[] => {
  const lista = lerDominios(dominiosPermitidos).filter((d) => !d.startsWith('inválido:'));
  if (urlPortal) {
    try {
      lista.push(semColchetes(new URL(urlPortal).hostname.toLowerCase()));
    } catch {
      // URL inválida não acrescenta domínio (o cadastro já a recusa)
    }
  }
  return [...new Set(lista)];
};
