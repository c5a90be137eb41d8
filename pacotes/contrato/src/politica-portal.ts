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

/** Loopback (127.0.0.0/8, ::1, localhost). */
export const ehLoopback = (host: string): boolean => {
  const h = semColchetes(host).toLowerCase();
  return h === 'localhost' || h === '::1' || (versaoIp(h) === 4 && h.startsWith('127.'));
};

/** Endereço que um robô nunca visita: privado, loopback, link-local, "este host" ou multicast. */
export const ehEnderecoInterno = (host: string): boolean => {
  const h = semColchetes(host).toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal'))
    return true;
  if (versaoIp(h) === 4) {
    const [a, b] = h.split('.').map(Number) as [number, number];
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
  }
  if (versaoIp(h) === 6)
    return (
      h === '::' ||
      h === '::1' ||
      /^f[cd]/.test(h) ||
      /^fe[89ab]/.test(h) ||
      h.startsWith('::ffff:') ||
      h.startsWith('ff')
    );
  return false;
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
      lista.push(new URL(urlPortal).hostname.toLowerCase());
    } catch {
      // URL inválida não acrescenta domínio (o cadastro já a recusa)
    }
  }
  return [...new Set(lista)];
};
