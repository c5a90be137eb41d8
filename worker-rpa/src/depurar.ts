import fs from 'fs';
import path from 'path';
import { depurarAzuton } from './depurar-azuton';
import { criarConcentrador } from './robos/registro';
import {
  iniciarDigitalnetDemonstracao,
  iniciarEmbratelDemonstracao,
  iniciarOiDemonstracao,
  iniciarSatDemonstracao,
  iniciarVivoDemonstracao,
} from '../portais-simulados/demonstracao';
import {
  CODIGO_SAT,
  criarParametros,
  dominiosDaOperadora,
  ErroParametros,
  TipoExecucao,
} from '@orquestrador-rpa/contrato';

/**
 * Depuração isolada de um robô, sem Strapi e sem Redis:
 *   npm run robo -- <CODIGO|SAT> <parametros.json> [--simulador] [--com-janela]
 *   npm run robo -- AZU [--simulador] [--com-janela]   (a leitura da caixa de e-mail da Azuton)
 * Lê o ParametrosEntradaPadrao do JSON, roda o robô (contra o portal de `url_portal`; com
 * `--simulador`, sobe antes o portal simulado na porta dessa URL) e imprime o ResultadoSaidaPadrao.
 */
const SIMULADORES: Record<
  string,
  (porta: number) => Promise<{ fechar: () => Promise<void>; urlApi?: string }>
> = {
  EMB: iniciarEmbratelDemonstracao,
  OI: iniciarOiDemonstracao,
  DIG: iniciarDigitalnetDemonstracao,
  VIV: iniciarVivoDemonstracao,
  [CODIGO_SAT]: iniciarSatDemonstracao,
};

const principal = async (): Promise<number> => {
  const [codigo, arquivo] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (process.argv.includes('--com-janela')) process.env.NAVEGADOR_COM_JANELA = 'true';
  if (codigo?.toUpperCase() === 'AZU') return depurarAzuton(process.argv.includes('--simulador'));
  if (!codigo || !arquivo) {
    console.error('Uso: npm run robo -- <CODIGO|SAT> <parametros.json> [--simulador] [--com-janela]');
    return 2;
  }
  const dados = JSON.parse(fs.readFileSync(path.resolve(arquivo), 'utf8')) as Record<string, unknown>;
  // Quem depura escolheu a URL: ela é o domínio permitido, e o simulador local (http://127.0.0.1) é liberado.
  if (!dados.dominios_permitidos && typeof dados.url_portal === 'string')
    dados.dominios_permitidos = dominiosDaOperadora(null, dados.url_portal);
  if (process.argv.includes('--simulador')) process.env.PORTAIS_LOCAIS_PERMITIDOS = 'true';
  const parametros = criarParametros(
    codigo.toUpperCase() === CODIGO_SAT ? dados : { ...dados, operadora_codigo: codigo }
  );
  const simulador = process.argv.includes('--simulador')
    ? await SIMULADORES[codigo.toUpperCase()]?.(Number(new URL(parametros.url_portal).port))
    : undefined;
  // A API de faturas da Digitalnet mora em outro host no portal real; no simulador, nele mesmo.
  if (simulador?.urlApi) process.env.DIGITALNET_URL_API ??= simulador.urlApi;
  try {
    const operacao =
      codigo.toUpperCase() === CODIGO_SAT ? TipoExecucao.UPLOAD_SAT : TipoExecucao.DOWNLOAD_FATURA;
    const resultado = await criarConcentrador().executarOperacao(operacao, parametros, {
      aoRegistrar: (linha) => console.error(linha),
      navegador: { comJanela: process.argv.includes('--com-janela') },
    });
    console.log(JSON.stringify(resultado, null, 2));
    return resultado.sucesso ? 0 : 1;
  } finally {
    await simulador?.fechar();
  }
};

principal()
  .then((codigo) => process.exit(codigo))
  .catch((erro) => {
    console.error(erro instanceof ErroParametros ? erro.message : erro);
    process.exit(2);
  });
