import { lerConfiguracaoOrquestrador } from '../src/configuracao';

/** Configuração do orquestrador (filas, robôs, limites, SAT): validada aqui, na subida. Ver `src/configuracao.ts`. */
export default () => lerConfiguracaoOrquestrador(process.env);
