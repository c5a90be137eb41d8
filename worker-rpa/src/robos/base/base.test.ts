import { ConcentradorRPA } from './concentrador';
import { RPABase } from './rpa-base';
import { parametrosDeTeste } from '../../testes/parametros-teste';
import { maisParecida, similaridade } from '../../navegador/similaridade';
import {
  CAMPOS_PARAMETROS,
  criarParametros,
  criarResultado,
  ErroParametros,
  erroRetentavel,
  type ParametrosEntradaPadrao,
  parametrosSemSenha,
  resultadoDeErro,
  type ResultadoSaidaPadrao,
  StatusResultadoRobo,
  TipoErro,
  TipoExecucao,
  type TipoExecucaoRobo,
} from '@orquestrador-rpa/contrato';

describe('ParametrosEntradaPadrao', () => {
  test('tem exatamente os campos da especificação mais os do legado, e nasce congelado', () => {
    const p = parametrosDeTeste({ cpf: '', filtro: '  123_05  ' });
    expect(Object.keys(p).sort()).toEqual([...CAMPOS_PARAMETROS].sort());
    expect(p.filtro).toBe('123_05');
    expect(p.cpf).toBeNull();
    expect(Object.isFrozen(p)).toBe(true);
    expect(() => {
      (p as { senha: string }).senha = 'outra';
    }).toThrow(TypeError);
    expect(p.senha).toBe('Senha#Teste1');
  });

  test('campo obrigatório ausente, campo fora do contrato e formatos errados: erro listando tudo', () => {
    let erro: ErroParametros | undefined;
    try {
      criarParametros({
        id_processo: 'p',
        operadora_codigo: 'EMB',
        url_portal: 'http://x',
        usuario: 'u',
        senha: 's',
        mes_ano: '2025-13',
        data_vencimento: '10/05/2025',
        extra: 1,
      });
    } catch (e) {
      erro = e as ErroParametros;
    }
    expect(erro).toBeInstanceOf(ErroParametros);
    expect(erro!.problemas).toEqual([
      'campos fora do contrato: extra',
      'id_cliente é obrigatório',
      'mes_ano "2025-13" fora do formato AAAA-MM',
      'data_vencimento "10/05/2025" fora do formato AAAA-MM-DD',
    ]);
  });

  test('parametrosSemSenha tira só a senha', () => {
    const semSenha = parametrosSemSenha(parametrosDeTeste());
    expect(semSenha).not.toHaveProperty('senha');
    expect(Object.keys(semSenha)).toHaveLength(CAMPOS_PARAMETROS.length - 1);
  });
});

describe('ResultadoSaidaPadrao', () => {
  test('congelado em profundidade, com padrões da especificação', () => {
    const r = criarResultado({
      sucesso: true,
      status: StatusResultadoRobo.SUCESSO,
      mensagem: 'ok',
      logs_execucao: ['a'],
      dados_extraidos: { x: { y: 1 } },
    });
    expect(r).toMatchObject({
      tipo_erro: null,
      arquivo_baixado: null,
      tentativa_numero: 1,
      screenshots_debug: [],
    });
    expect(Object.isFrozen(r.logs_execucao)).toBe(true);
    expect(Object.isFrozen(r.dados_extraidos.x)).toBe(true);
  });

  test('erro de TIMEOUT tem status TIMEOUT; os demais, ERRO', () => {
    expect(resultadoDeErro('lento', TipoErro.TIMEOUT)).toMatchObject({
      sucesso: false,
      status: 'TIMEOUT',
      tipo_erro: 'TIMEOUT',
    });
    expect(resultadoDeErro('senha', TipoErro.LOGIN)).toMatchObject({
      sucesso: false,
      status: 'ERRO',
      tipo_erro: 'LOGIN',
    });
  });

  test('só erros técnicos são re-tentáveis', () => {
    const retentaveis = Object.values(TipoErro).filter(erroRetentavel).sort();
    expect(retentaveis).toEqual(['DESCONHECIDO', 'PORTAL_FORA', 'REDE', 'TIMEOUT']);
  });
});

/** Robô de mentira só para provar o roteamento (não abre navegador: sobrescreve as operações). */
class RoboRoteamento extends RPABase {
  readonly chamadas: string[] = [];
  constructor(readonly codigo: string) {
    super();
  }
  override async executarDownload(p: ParametrosEntradaPadrao): Promise<ResultadoSaidaPadrao> {
    this.chamadas.push(`download:${p.id_processo}`);
    return criarResultado({
      sucesso: true,
      status: StatusResultadoRobo.SUCESSO,
      mensagem: `download por ${this.codigo}`,
    });
  }
  override async executarUploadSat(p: ParametrosEntradaPadrao): Promise<ResultadoSaidaPadrao> {
    this.chamadas.push(`sat:${p.id_processo}`);
    return criarResultado({
      sucesso: true,
      status: StatusResultadoRobo.SUCESSO,
      mensagem: `sat por ${this.codigo}`,
    });
  }
}

describe('ConcentradorRPA', () => {
  const emb = new RoboRoteamento('EMB');
  const sat = new RoboRoteamento('SAT');
  const concentrador = new ConcentradorRPA([emb, sat]);

  test('download vai para o robô da operadora; envio vai sempre para o SAT', async () => {
    expect(
      (
        await concentrador.executarOperacao(
          TipoExecucao.DOWNLOAD_FATURA,
          parametrosDeTeste({ operadora_codigo: 'emb' })
        )
      ).mensagem
    ).toBe('download por EMB');
    expect((await concentrador.executarOperacao(TipoExecucao.UPLOAD_SAT, parametrosDeTeste())).mensagem).toBe(
      'sat por SAT'
    );
    expect(emb.chamadas).toEqual(['download:proc-teste-1']);
    expect(sat.chamadas).toEqual(['sat:proc-teste-1']);
    expect(concentrador.codigos()).toEqual(['EMB', 'SAT']);
  });

  test('código desconhecido: resultado de erro "RPA não encontrado: X", sem exceção', async () => {
    const r = await concentrador.executarOperacao(
      TipoExecucao.DOWNLOAD_FATURA,
      parametrosDeTeste({ operadora_codigo: 'OI' }),
      { tentativa: 2 }
    );
    expect(r).toMatchObject({
      sucesso: false,
      status: 'ERRO',
      mensagem: 'RPA não encontrado: OI',
      tipo_erro: 'NEGOCIO',
      tentativa_numero: 2,
    });
  });

  test('operação fora do contrato e código repetido', async () => {
    const r = await concentrador.executarOperacao('OUTRA' as TipoExecucaoRobo, parametrosDeTeste());
    expect(r.mensagem).toBe('Operação não suportada: OUTRA');
    expect(() => concentrador.registrar(new RoboRoteamento('emb'))).toThrow(
      'Já existe um robô registrado com o código EMB.'
    );
  });
});

describe('similaridade (mesma medida do difflib do legado)', () => {
  test.each([
    ['CAMPO GRANDE-MS', 'CAMPO GRANDE - MS', 0.9375],
    ['DOURADOS-MS', 'CAMPO GRANDE - MS', 0.5],
    ['abcd', 'bcde', 0.75],
    ['CUIABA-MT', 'CUIABÁ - MT', 0.8],
    ['', '', 1],
  ])('%s × %s = %d (valor do Python)', (a, b, esperado) => {
    expect(similaridade(a, b)).toBeCloseTo(esperado, 10);
  });

  test('maisParecida respeita o corte de 0,6 e ignora maiúsculas', () => {
    expect(maisParecida('campo grande-ms', ['DOURADOS - MS', 'CAMPO GRANDE - MS'])).toEqual({
      opcao: 'CAMPO GRANDE - MS',
      nota: 0.9375,
    });
    expect(maisParecida('PONTA PORA-MS', ['CUIABÁ - MT'])).toBeNull();
  });
});

describe('programas do Debian ausentes', () => {
  class RoboQueAbreNavegador extends RPABase {
    readonly codigo = 'EMB';
    protected override async baixarFatura(): Promise<never> {
      throw new Error('não deveria chegar aqui sem navegador');
    }
  }
  const original = { ...process.env };
  afterEach(() => {
    process.env.CHROMIUM_BINARIO = original.CHROMIUM_BINARIO;
    process.env.CHROMEDRIVER_BINARIO = original.CHROMEDRIVER_BINARIO;
    if (original.CHROMIUM_BINARIO === undefined) delete process.env.CHROMIUM_BINARIO;
    if (original.CHROMEDRIVER_BINARIO === undefined) delete process.env.CHROMEDRIVER_BINARIO;
  });

  test.each([
    ['CHROMIUM_BINARIO', 'Chromium', 'chromium'],
    ['CHROMEDRIVER_BINARIO', 'ChromeDriver', 'chromium-driver'],
  ])(
    'sem o programa de %s o robô diz o que falta e como instalar, não um spawn ENOENT',
    async (variavel, nome, pacote) => {
      process.env.CHROMIUM_BINARIO = process.execPath; // existe: só o da vez falta
      process.env.CHROMEDRIVER_BINARIO = process.execPath;
      process.env[variavel] = '/nao/existe/programa';
      const r = await new RoboQueAbreNavegador().executarDownload(parametrosDeTeste());
      expect(r).toMatchObject({ sucesso: false, tipo_erro: 'DESCONHECIDO' });
      expect(r.mensagem).toBe(
        `O ${nome} não está instalado nesta máquina (/nao/existe/programa não existe). ` +
          `Instale com: sudo apt-get install -y ${pacote}, ou aponte ${variavel} para onde ele está. ` +
          'Como root, `node scripts/preparar-sistema.js` instala tudo o que os robôs usam.'
      );
      expect(r.dados_especificos).toEqual({ programa: pacote });
    }
  );
});
