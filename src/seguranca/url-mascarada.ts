import { MASCARA_SENHA } from '../regras/cliente';

/**
 * URL para o log de acesso sem credenciais: o token do link de decisão (no caminho) e os
 * parâmetros de consulta que carregam tokens ou códigos saem mascarados, como as senhas.
 */
const PARAMETRO_SECRETO =
  /^(token|registrationtoken|resetpasswordtoken|code|access_token|confirmation|senha|password)$/i;

export const urlMascarada = (url: string): string => {
  const [caminho = '', consulta] = url.split('?', 2) as [string, string | undefined];
  const semToken = caminho.replace(/^(\/api\/decisoes\/)[^/]+/i, `$1${MASCARA_SENHA}`);
  if (consulta === undefined) return semToken;
  const parametros = consulta
    .split('&')
    .map((par) => {
      const [nome = '', ...resto] = par.split('=');
      let decodificado = nome;
      try {
        decodificado = decodeURIComponent(nome);
      } catch {
        // nome malformado: fica como veio (não é segredo conhecido)
      }
      return resto.length && PARAMETRO_SECRETO.test(decodificado) ? `${nome}=${MASCARA_SENHA}` : par;
    })
    .join('&');
  return `${semToken}?${parametros}`;
};
