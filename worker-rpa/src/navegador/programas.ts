import fs from 'fs';
import { ErroRPA, TipoErro } from '@orquestrador-rpa/contrato';

/**
 * Os programas do Debian que os robôs usam. Faltando um, quem roda o robô (worker ou
 * `npm run robo`) lê o que falta e como instalar, não um `spawn ... ENOENT`.
 */
type Programa = { nome: string; pacote: string; variavel?: string };

const CHROMIUM: Programa = { nome: 'Chromium', pacote: 'chromium', variavel: 'CHROMIUM_BINARIO' };
const CHROMEDRIVER: Programa = {
  nome: 'ChromeDriver',
  pacote: 'chromium-driver',
  variavel: 'CHROMEDRIVER_BINARIO',
};

const mensagemProgramaAusente = (programa: Programa, caminho: string): string =>
  `O ${programa.nome} não está instalado nesta máquina (${caminho} não existe). ` +
  `Instale com: sudo apt-get install -y ${programa.pacote}` +
  (programa.variavel ? `, ou aponte ${programa.variavel} para onde ele está.` : '.') +
  ' Como root, `node scripts/preparar-sistema.js` instala tudo o que os robôs usam.';

/** Lança ErroRPA com a instrução de instalação se o Chromium ou o ChromeDriver não existirem. */
export const conferirNavegadorInstalado = (caminhos: { chromium: string; chromedriver: string }): void => {
  for (const [programa, caminho] of [
    [CHROMIUM, caminhos.chromium],
    [CHROMEDRIVER, caminhos.chromedriver],
  ] as const) {
    if (!fs.existsSync(caminho))
      throw new ErroRPA(TipoErro.DESCONHECIDO, mensagemProgramaAusente(programa, caminho), {
        programa: programa.pacote,
      });
  }
};
