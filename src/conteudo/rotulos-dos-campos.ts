import type { Core } from '@strapi/strapi';
import { UID } from '@orquestrador-rpa/contrato';

/**
 * Rótulos dos campos no Content Manager em português de verdade ("Razão social", "Número da
 * tentativa"), derivados do nome do campo (`razao_social`): as palavras sem acento do nome ganham
 * acento, siglas ficam em maiúsculas. Um só lugar; o que a pessoa mudar na tela nunca é sobrescrito.
 */
const PALAVRAS: Readonly<Record<string, string>> = {
  acao: 'ação',
  api: 'API',
  aprovacao: 'aprovação',
  cnpj: 'CNPJ',
  codigo: 'código',
  conferencia: 'conferência',
  configuracao: 'configuração',
  cpf: 'CPF',
  descricao: 'descrição',
  destinatario: 'destinatário',
  dominios: 'domínios',
  duracao: 'duração',
  email: 'e-mail',
  emissao: 'emissão',
  execucao: 'execução',
  execucoes: 'execuções',
  expressao: 'expressão',
  horario: 'horário',
  id: 'ID',
  idempotencia: 'idempotência',
  inicio: 'início',
  instancia: 'instância',
  instrucoes: 'instruções',
  ip: 'IP',
  mes: 'mês',
  mime: 'MIME',
  ms: '(ms)',
  notificacao: 'notificação',
  numero: 'número',
  observacoes: 'observações',
  padrao: 'padrão',
  parametros: 'parâmetros',
  politica: 'política',
  proxima: 'próxima',
  razao: 'razão',
  referencia: 'referência',
  rpa: 'RPA',
  s3: 'S3',
  saida: 'saída',
  sat: 'SAT',
  servico: 'serviço',
  sha256: 'SHA-256',
  situacao: 'situação',
  slack: 'Slack',
  telegram: 'Telegram',
  ultima: 'última',
  ultimo: 'último',
  unico: 'único',
  url: 'URL',
  usuario: 'usuário',
};

/** `razao_social` → "Razão social"; `url_arquivo_s3` → "URL arquivo S3". */
export const rotuloDoCampo = (campo: string): string => {
  const texto = campo
    .split('_')
    .filter(Boolean)
    .map((palavra) => PALAVRAS[palavra] ?? palavra)
    .join(' ');
  return texto.charAt(0).toUpperCase() + texto.slice(1);
};

interface Metadado {
  edit?: { label?: string };
  list?: { label?: string };
}
interface Configuracao {
  settings: unknown;
  layouts: unknown;
  metadatas: Record<string, Metadado>;
}
interface ServicoTipos {
  findConfiguration: (tipo: { uid: string }) => Promise<Configuracao>;
  updateConfiguration: (tipo: { uid: string }, nova: Omit<Configuracao, never>) => Promise<unknown>;
}

/**
 * Na subida: para cada tipo do orquestrador, troca pelo rótulo em português o rótulo que ainda é o
 * nome cru do campo (o padrão do Strapi). Devolve quantos rótulos mudou.
 */
export const aplicarRotulosDosCampos = async (strapi: Core.Strapi): Promise<number> => {
  const servico = strapi.plugin('content-manager').service('content-types') as unknown as ServicoTipos;
  let trocados = 0;
  for (const uid of Object.values(UID)) {
    const configuracao = await servico.findConfiguration({ uid });
    let mudou = false;
    for (const [campo, metadado] of Object.entries(configuracao.metadatas ?? {})) {
      for (const vista of [metadado.edit, metadado.list]) {
        if (vista && vista.label === campo && rotuloDoCampo(campo) !== campo) {
          vista.label = rotuloDoCampo(campo);
          mudou = true;
          trocados += 1;
        }
      }
    }
    if (mudou)
      await servico.updateConfiguration(
        { uid },
        { settings: configuracao.settings, metadatas: configuracao.metadatas, layouts: configuracao.layouts }
      );
  }
  return trocados;
};
