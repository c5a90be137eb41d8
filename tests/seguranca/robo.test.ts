import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import {
  encerrarStrapi,
  iniciarStrapi,
  PASTA_ARMAZENAMENTO,
  PREFIXO_FILAS,
  TOKEN_ROBO_TESTE,
} from '../ajudantes/strapi';
import { criarIntegrador, criarPessoaNoPainel } from '../ajudantes/autenticacao';
import { api, CNPJS_VALIDOS, criarOperadora, dadosCliente } from '../ajudantes/dados';
import { gerarPdfFatura } from '../ajudantes/pdf';
import { comCabecalho, PAINEL, type Pessoa } from '../ajudantes/painel';
import { falhaDoRobo, roboApi, sucessoDoDownload } from '../ajudantes/robo';
import { abrirFila, URL_REDIS_TESTE } from '../ajudantes/filas';
import { esperar, WorkerFilho } from '../ajudantes/worker';
import { assinarTokenDoJob } from '../../src/seguranca/token-job';
import { iniciarPortalSat } from '../../worker-rpa/portais-simulados/sat';
import { EmbratelRPA } from '../../worker-rpa/src/robos/embratel/embratel';
import { parametrosDeTeste } from '../../worker-rpa/src/testes/parametros-teste';
import { processosCom } from '../../worker-rpa/src/navegador/processos-chromium';

/**
 * O robô não vira ferramenta de ataque nem repete o que não se repete: token por job, uma
 * execução aberta por processo, corrida do `concluir` sem arquivo órfão, reconciliador que não
 * entra em laço, envio ao SAT que não duplica com `kill -9` depois do clique, e o navegador que
 * não vai nem digita a senha fora do portal permitido (Chromium real).
 */
type Registro = Record<string, any>;

let strapi: Core.Strapi;
let url: string;
let operador: ReturnType<typeof api>;
let aprovador: Pessoa;
let comRobo: Registro;
let sequencia = 0;
const dist = (...partes: string[]) => require(path.join(__dirname, '..', '..', 'dist', 'src', ...partes));

const processoDe = (id: string): Promise<Registro> =>
  strapi.db.query('api::processo.processo').findOne({ where: { documentId: id } });
const execucoesDe = (id: string): Promise<Registro[]> =>
  strapi.db
    .query('api::execucao.execucao')
    .findMany({ where: { processo: { documentId: id } }, orderBy: { id: 'asc' } });
const novoProcesso = async (): Promise<string> => {
  sequencia += 1;
  const cliente = await strapi.documents('api::cliente.cliente').create({
    data: dadosCliente(comRobo.documentId, {
      cnpj: CNPJS_VALIDOS[sequencia % CNPJS_VALIDOS.length],
      nome_sat: `CLIENTE ROBO ${sequencia}`,
      unidade: `UNIDADE ${sequencia}`,
      filtro: `f-${sequencia}`,
    }) as never,
  });
  return (
    await strapi
      .documents('api::processo.processo')
      .create({ data: { cliente: cliente.documentId, mes_ano: '2025-09' } as never })
  ).documentId;
};
const disparar = async (processo: string): Promise<string> =>
  (await operador.post(`/api/processos/${processo}/executar-download`).expect(201)).body.data.execucao;

beforeAll(async () => {
  strapi = await iniciarStrapi({ RECONCILIADOR_CARENCIA_MS: '0', RECONCILIADOR_LIMITE_RECRIACOES: '2' });
  await new Promise<void>((r) => strapi.server.httpServer.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(strapi.server.httpServer.address() as AddressInfo).port}`;
  operador = api(strapi, await criarIntegrador(strapi, 'OPERADOR'));
  aprovador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'APROVADOR'));
  comRobo = await criarOperadora(strapi, {
    nome: 'EMBRATEL',
    codigo: 'EMB',
    possui_rpa: true,
    url_portal: 'http://127.0.0.1:9/embratelonline/index.asp',
  });
});
afterAll(encerrarStrapi);

describe('token por job', () => {
  test('ROBO_TOKEN sozinho, token de outra execução ou ROBO_TOKEN curto no servidor: recusados', async () => {
    const [a, b] = [await disparar(await novoProcesso()), await disparar(await novoProcesso())];
    const pedir = (id: string, cabecalhos: Record<string, string>) => {
      let pedido = api(strapi, '').bruto().post(`/api/robo/execucoes/${id}/iniciar`).send({ tentativa: 1 });
      for (const [nome, valor] of Object.entries(cabecalhos)) pedido = pedido.set(nome, valor);
      return pedido;
    };
    await pedir(a, { Authorization: 'Bearer errado', 'X-Token-Execucao': assinarTokenDoJob(a) }).expect(401);
    expect(
      (await pedir(a, { Authorization: `Bearer ${TOKEN_ROBO_TESTE}` }).expect(403)).body.error.message
    ).toContain('Token do job ausente ou de outra execução');
    await pedir(a, {
      Authorization: `Bearer ${TOKEN_ROBO_TESTE}`,
      'X-Token-Execucao': assinarTokenDoJob(b),
    }).expect(403);
    strapi.config.set('orquestrador.robo.token', 'curto-demais');
    try {
      expect(
        (
          await pedir(a, {
            Authorization: 'Bearer curto-demais',
            'X-Token-Execucao': assinarTokenDoJob(a),
          }).expect(503)
        ).body.error.message
      ).toContain('ROBO_TOKEN curto demais');
    } finally {
      strapi.config.set('orquestrador.robo.token', TOKEN_ROBO_TESTE);
    }
    await roboApi(strapi).iniciar(a).expect(200);
  });

  test('expira com a execução: terminada, o token não tira a senha nem a fatura; re-tentativa e execução nova do reconciliador seguem', async () => {
    const processo = await novoProcesso();
    const velha = await disparar(processo);
    const robo = roboApi(strapi);
    expect((await robo.iniciar(velha).expect(200)).body.data.parametros.senha).toBe('Segredo#Portal1');
    // Re-tentativa do BullMQ: a mesma execução, aberta, com o mesmo token.
    await robo.concluir(velha, falhaDoRobo('REDE'), true).expect(200);
    expect((await robo.iniciar(velha, 2).expect(200)).body.data.numero_tentativa).toBe(2);
    // O job some (Redis apagado): o reconciliador encerra a execução e cria outra, com outro token.
    const fila = abrirFila('download-faturas', PREFIXO_FILAS);
    try {
      await (await fila.getJob(velha))?.remove();
    } finally {
      await fila.close();
    }
    await dist('filas', 'reconciliador.js').reconciliar(strapi);
    const nova = (await execucoesDe(processo)).find((e) => e.status_execucao === 'PENDENTE')!.documentId;
    expect(assinarTokenDoJob(nova)).not.toBe(assinarTokenDoJob(velha));

    const recusada = await robo.iniciar(velha).expect(403);
    expect(recusada.body.error).toMatchObject({
      message: `A execução ${velha} já terminou (INTERROMPIDA): o token do job não vale mais.`,
      details: { finalizada: true },
    });
    expect(JSON.stringify(recusada.body)).not.toContain('Segredo#Portal1');
    await robo.pontoSemRetorno(velha).expect(403);
    // `concluir` repetido só ouve "já processada".
    expect((await robo.concluir(velha, sucessoDoDownload()).expect(200)).body.data).toMatchObject({
      status_execucao: 'INTERROMPIDA',
      ja_processada: true,
    });

    expect((await robo.iniciar(nova).expect(200)).body.data.parametros.senha).toBe('Segredo#Portal1');
    await robo.concluir(nova, sucessoDoDownload(), false, [
      ['fatura', await gerarPdfFatura('31,00'), 'f.pdf'],
    ]);
    expect((await processoDe(processo)).status_processo).toBe('AGUARDANDO_APROVACAO');
    // A fatura guardada não sai pelo token da execução que já terminou.
    const fatura = await robo.fatura(nova).expect(403);
    expect(fatura.headers['content-type']).not.toContain('pdf');
    expect(fatura.body.error.message).toContain('já terminou (CONCLUIDO)');
  });
});

describe('nada duplicado', () => {
  test('dez pedidos simultâneos de download criam uma execução só', async () => {
    const processo = await novoProcesso();
    const respostas = await Promise.all(
      Array.from({ length: 10 }, () => operador.post(`/api/processos/${processo}/executar-download`))
    );
    expect(respostas.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect((await execucoesDe(processo)).filter((e) => e.tipo_execucao === 'DOWNLOAD_FATURA')).toHaveLength(
      1
    );
  });

  test('dois `concluir` simultâneos com PDFs: um vence e o PDF do outro não fica órfão no armazenamento', async () => {
    const processo = await novoProcesso();
    const execucao = await disparar(processo);
    await roboApi(strapi).iniciar(execucao).expect(200);
    const antes = await strapi.db.query('api::arquivo.arquivo').count({});
    const [r1, r2] = await Promise.all(
      [1, 2].map(async () =>
        roboApi(strapi).concluir(execucao, sucessoDoDownload(), false, [
          ['fatura', await gerarPdfFatura(), 'fatura.pdf'],
        ])
      )
    );
    expect([r1!.status, r2!.status]).toEqual([200, 200]);
    expect([r1!.body.data.ja_processada, r2!.body.data.ja_processada].filter(Boolean)).toHaveLength(1);
    expect(await strapi.db.query('api::arquivo.arquivo').count({})).toBe(antes + 1);
    const noDisco = (
      fs.readdirSync(path.join(PASTA_ARMAZENAMENTO, 'faturas'), { recursive: true }) as string[]
    ).filter((n) => n.endsWith('.pdf'));
    expect(noDisco).toHaveLength(
      await strapi.db.query('api::arquivo.arquivo').count({ where: { tipo: 'FATURA' } })
    );
    expect((await processoDe(processo)).status_processo).toBe('AGUARDANDO_APROVACAO');
  });

  test('reconciliador com limite: o mesmo download interrompido de novo e de novo vai a FALHA_DOWNLOAD, sem laço', async () => {
    const processo = await novoProcesso();
    const reconciliar = () => dist('filas', 'reconciliador.js').reconciliar(strapi);
    const fila = abrirFila('download-faturas', PREFIXO_FILAS);
    try {
      for (let volta = 1; volta <= 2; volta += 1) {
        const aberta = (await execucoesDe(processo)).find((e) => e.status_execucao === 'PENDENTE') ?? {
          documentId: await disparar(processo),
        };
        await roboApi(strapi).iniciar(aberta.documentId).expect(200);
        await (await fila.getJob(aberta.documentId))?.remove();
        await reconciliar();
      }
    } finally {
      await fila.close();
    }
    const execucoes = await execucoesDe(processo);
    expect(execucoes.map((e) => e.status_execucao)).toEqual(['INTERROMPIDA', 'INTERROMPIDA']);
    const atual = await processoDe(processo);
    expect(atual.status_processo).toBe('FALHA_DOWNLOAD');
    const auditoria = await strapi.db
      .query('api::auditoria.auditoria')
      .findOne({ where: { id_entidade: processo, acao: 'processo.falhar_download' } });
    expect(auditoria.depois.motivo).toContain('nenhuma nova tentativa automática');
  });
});

describe('envio ao SAT nunca duplicado', () => {
  let sat: Awaited<ReturnType<typeof iniciarPortalSat>>;
  let worker: WorkerFilho | null = null;
  afterAll(async () => {
    worker?.matar();
    await sat?.fechar();
  });

  test('`kill -9` do worker depois do clique final: o SAT tem a fatura uma vez, o processo vai a CONFERIR_SAT e só uma pessoa decide', async () => {
    sat = await iniciarPortalSat({
      usuario: 'robo.sat',
      senha: 'Sat#Senha1',
      clientes: [{ id: 1, nome: 'CLIENTE SAT' }],
      filiais: ['CAMPO GRANDE - MS'],
    });
    strapi.config.set('orquestrador.sat', { url: `${sat.url}/`, usuario: 'robo.sat', senha: 'Sat#Senha1' });
    const semRobo = await criarOperadora(strapi, { nome: 'OPERADORA MANUAL', codigo: 'MAN' });
    const cliente = await strapi.documents('api::cliente.cliente').create({
      data: dadosCliente(semRobo.documentId, {
        cnpj: CNPJS_VALIDOS[4],
        nome_sat: 'CLIENTE SAT',
        unidade: 'CAMPO GRANDE-MS',
      }) as never,
    });
    const processo = (
      await strapi
        .documents('api::processo.processo')
        .create({ data: { cliente: cliente.documentId, mes_ano: '2025-09' } as never })
    ).documentId;
    const operadorPainel = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'OPERADOR'));
    await require('../ajudantes/painel')
      .enviarFatura(operadorPainel, processo, await gerarPdfFatura())
      .expect(201);
    sat.estado.modo = { atrasoCadastroMs: 60_000 };
    const ambiente = {
      STRAPI_URL: url,
      ROBO_TOKEN: TOKEN_ROBO_TESTE,
      REDIS_URL: URL_REDIS_TESTE,
      FILAS_PREFIXO: PREFIXO_FILAS,
      NAVEGADOR_ESPERA_MS: '5000',
      WORKER_TRAVA_MS: '3000',
      WORKER_INTERVALO_TRAVADOS_MS: '1500',
    };
    worker = new WorkerFilho(ambiente);
    await worker.ligar();
    await aprovador
      .post(`${PAINEL}/${processo}/aprovar`, { sha256_fatura: (await processoDe(processo)).hash_fatura })
      .expect(200);
    const diagnostico = async () =>
      `${worker!.saida.slice(-15).join('\n')}\n${(await execucoesDe(processo)).map((e) => e.mensagem_log).join('\n---\n')}`;
    let explicacao = '';
    await esperar(
      async () => {
        explicacao = await diagnostico();
        return (
          sat.estado.registros.length === 1 && (await execucoesDe(processo)).some((e) => e.ponto_sem_retorno)
        );
      },
      90_000,
      () => explicacao
    );
    worker.matar();
    // Um worker novo recebe o job de volta (travado) e não roda o robô de novo: a execução passou do ponto sem retorno.
    worker = new WorkerFilho(ambiente);
    await worker.ligar();
    await esperar(
      async () => (await processoDe(processo)).status_processo === 'CONFERIR_SAT',
      60_000,
      () => worker!.saida.slice(-15).join('\n')
    );
    await new Promise((r) => setTimeout(r, 3_000));
    expect(sat.estado.registros).toHaveLength(1);
    const envios = (await execucoesDe(processo)).filter((e) => e.tipo_execucao === 'UPLOAD_SAT');
    expect(envios.map((e) => e.status_execucao)).toEqual(['INTERROMPIDA']);
    expect(envios[0]!.detalhes_erro.motivo).toContain('depois do clique final no SAT');
    expect(await dist('filas', 'reconciliador.js').reconciliar(strapi)).toMatchObject({ interrompidas: 0 });
    // A pessoa confere no SAT e confirma (ou reenvia dizendo o que conferiu).
    const pessoa = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'OPERADOR'));
    await pessoa.post(`${PAINEL}/${processo}/reenviar-sat`, {}).expect(400);
    await pessoa
      .post(`${PAINEL}/${processo}/confirmar-envio-sat`, {
        observacoes: 'Fatura conferida no SAT, cadastrada às 10h.',
      })
      .expect(200);
    expect(await processoDe(processo)).toMatchObject({
      status_processo: 'ENVIADO_SAT',
      enviado_para_sat: true,
    });
  });
});

describe('o navegador só vai ao portal permitido (Chromium real)', () => {
  let servidor: http.Server;
  let porta: number;
  const senhasRecebidas: string[] = [];
  const pastas: string[] = [];
  /** Dois "hosts" no mesmo servidor local: o portal permitido redireciona para uma página de um atacante. */
  const RESOLVER = ['--host-resolver-rules=MAP *.exemplo.test 127.0.0.1'];

  beforeAll(async () => {
    servidor = http.createServer((req, res) => {
      const host = (req.headers.host ?? '').split(':')[0];
      if (host === 'portal.exemplo.test') {
        res.writeHead(302, { Location: `http://malicioso.exemplo.test:${porta}/login` }).end();
        return;
      }
      let corpo = '';
      req.on('data', (p) => (corpo += p));
      req.on('end', () => {
        if (req.method === 'POST') senhasRecebidas.push(corpo);
        res
          .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
          .end(
            '<!DOCTYPE html><form method="post"><input id="login" name="login"><input id="MainContent_password" name="password" type="password"><input type="submit"></form>'
          );
      });
    });
    await new Promise<void>((r) => servidor.listen(0, '127.0.0.1', r));
    porta = (servidor.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => servidor.close(r));
    for (const pasta of pastas) fs.rmSync(pasta, { recursive: true, force: true });
  });
  const contexto = () => {
    const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'teste-politica-'));
    pastas.push(pasta);
    return { navegador: { pastaTrabalho: pasta, esperaPadraoMs: 5_000, argumentosExtras: RESOLVER }, pasta };
  };

  test('redirecionado para outro host, o robô não digita a senha, não tira captura e não envia nada', async () => {
    const ctx = contexto();
    const r = await new EmbratelRPA().executarDownload(
      parametrosDeTeste({
        url_portal: `http://portal.exemplo.test:${porta}/embratelonline/index.asp`,
        dominios_permitidos: ['portal.exemplo.test'],
      }),
      ctx
    );
    expect(r).toMatchObject({ sucesso: false, tipo_erro: 'NEGOCIO' });
    expect(r.mensagem).toContain(
      'Bloqueado antes de digitar a senha: a página atual não é do portal permitido'
    );
    expect(r.mensagem).toContain('malicioso.exemplo.test');
    expect(r.screenshots_debug).toEqual([]);
    expect(r.logs_execucao.join('\n')).toContain('Captura de tela omitida');
    expect(r.logs_execucao.join('\n')).not.toContain('Senha#Teste1');
    expect(senhasRecebidas).toEqual([]);
    expect(processosCom(ctx.pasta)).toEqual([]);
  });

  test('URL fora da lista, file: ou IP interno: o navegador nem navega', async () => {
    for (const alvo of [
      `http://malicioso.exemplo.test:${porta}/login`,
      'file:///etc/passwd',
      'https://169.254.169.254/latest/meta-data/',
    ]) {
      const r = await new EmbratelRPA().executarDownload(
        parametrosDeTeste({ url_portal: alvo, dominios_permitidos: ['portal.exemplo.test'] }),
        contexto()
      );
      expect(r).toMatchObject({ sucesso: false, tipo_erro: 'NEGOCIO' });
      expect(r.mensagem).toMatch(/^Navegação bloqueada: /);
      expect(r.logs_execucao.join('\n')).not.toContain('Abrindo');
    }
    expect(senhasRecebidas).toEqual([]);
  });
});
