// O Content Manager traduz o nome de cada tipo de conteúdo usando o próprio `displayName` como
// chave; sem a chave no pt-BR o react-intl avisa MISSING_TRANSLATION a cada desenho do menu. Os
// nomes já são pt-BR no schema: a tradução é o próprio nome, lido de lá (uma definição só).
import agendamento from '../api/agendamento/content-types/agendamento/schema.json';
import disparo from '../api/agendamento/content-types/disparo/schema.json';
import arquivo from '../api/arquivo/content-types/arquivo/schema.json';
import auditoria from '../api/auditoria/content-types/auditoria/schema.json';
import cliente from '../api/cliente/content-types/cliente/schema.json';
import execucao from '../api/execucao/content-types/execucao/schema.json';
import mensagemEmail from '../api/execucao/content-types/mensagem-email/schema.json';
import notificacao from '../api/notificacao/content-types/notificacao/schema.json';
import operadora from '../api/operadora/content-types/operadora/schema.json';
import processo from '../api/processo/content-types/processo/schema.json';
import usuario from '../api/usuario/content-types/usuario/schema.json';

export const SCHEMAS_DO_APP: ReadonlyArray<{ info: { displayName: string } }> = [
  agendamento,
  disparo,
  arquivo,
  auditoria,
  cliente,
  execucao,
  mensagemEmail,
  notificacao,
  operadora,
  processo,
  usuario,
];

/** Os tipos dos plugins do Strapi que aparecem no Content Manager, com o nome em inglês do schema. */
const DOS_PLUGINS: Record<string, string> = { User: 'Login da API' };

export const nomesDosTiposDeConteudo: Record<string, string> = {
  ...Object.fromEntries(SCHEMAS_DO_APP.map(({ info }) => [info.displayName, info.displayName])),
  ...DOS_PLUGINS,
};
