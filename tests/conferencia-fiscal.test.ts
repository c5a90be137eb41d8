import type { Core } from '@strapi/strapi';
import { formatarCnpj, montarBoleto } from '@orquestrador-rpa/contrato';
import { encerrarStrapi, iniciarStrapi } from './ajudantes/strapi';
import { criarIntegrador, criarPessoaNoPainel } from './ajudantes/autenticacao';
import { api, CNPJS_VALIDOS, criarOperadora, dadosCliente } from './ajudantes/dados';
import { gerarPdfComTexto, gerarPdfSemTexto } from './ajudantes/pdf';
import { comCabecalho, enviarFatura, PAINEL, type Pessoa } from './ajudantes/painel';

/**
 * Conferência fiscal da fatura recebida: o PDF é lido (pdftotext real) e conferido contra o processo
 * antes de entrar na fila; o achado bloqueante exige justificativa em toda porta de aprovação, a
 * conferência não se escreve por fora e se refaz depois de corrigir o cadastro.
 */

type Registro = Record<string, any>;

let strapi: Core.Strapi;
let operador: Pessoa;
let aprovador: Pessoa;
let administrador: Pessoa;
let integrador: ReturnType<typeof api>;
let operadora: string;

const CLIENTE = CNPJS_VALIDOS[0]!;
const EMITENTE = CNPJS_VALIDOS[4]!;
const OUTRO = CNPJS_VALIDOS[3]!;

const processoDe = (documentId: string): Promise<Registro> =>
  strapi.db.query('api::processo.processo').findOne({ where: { documentId } });

let sequencia = 0;
/** Um processo novo, de um cliente novo (mesmo CNPJ, filtro próprio), na competência 2025-04. */
const novoProcesso = async (): Promise<string> => {
  sequencia += 1;
  const cliente = await strapi.documents('api::cliente.cliente').create({
    data: dadosCliente(operadora, {
      cnpj: CLIENTE,
      nome_sat: `CLIENTE FISCAL ${sequencia}`,
      filtro: `fiscal-${sequencia}`,
      unidade: `UNIDADE FISCAL ${sequencia}`,
    }) as never,
  });
  const criado = await strapi
    .documents('api::processo.processo')
    .create({ data: { cliente: cliente.documentId, mes_ano: '2025-04' } as never });
  return criado.documentId;
};

/** Texto de uma fatura de telecom: emitente, destinatário, referência, total e a linha do boleto. */
const fatura = ({
  valor = 1234.56,
  emitente = EMITENTE,
  destinatario = CLIENTE,
  trocarDigito = false,
} = {}) => {
  const { linha_digitavel } = montarBoleto({
    banco: '341',
    valor,
    vencimento: '2025-03-10',
    campoLivre: '1790010104351004791020150',
  });
  const linha = trocarDigito
    ? linha_digitavel.slice(0, 12) +
      String((Number(linha_digitavel[12]) + 1) % 10) +
      linha_digitavel.slice(13)
    : linha_digitavel;
  const impressa = `${linha.slice(0, 5)}.${linha.slice(5, 10)} ${linha.slice(10, 15)}.${linha.slice(15, 21)} ${linha.slice(21, 26)}.${linha.slice(26, 32)} ${linha[32]} ${linha.slice(33)}`;
  return [
    'TELECOM FISCAL S.A. - FATURA DE SERVIÇOS',
    `Emitente: CNPJ ${formatarCnpj(emitente)}`,
    `Cliente: Empresa Teste Ltda - CNPJ ${formatarCnpj(destinatario)}`,
    'Mês de referência: 04/2025',
    `Vencimento: 10/03/2025   Total a pagar: R$ ${valor.toLocaleString('pt-BR', { minimumFractionDigits: 2 })}`,
    `Linha digitável: ${impressa}`,
  ];
};

const subir = async (linhas: readonly string[] | null): Promise<{ processo: string; resposta: Registro }> => {
  const processo = await novoProcesso();
  const pdf = linhas ? await gerarPdfComTexto(linhas) : await gerarPdfSemTexto();
  const resposta = await enviarFatura(operador, processo, pdf);
  expect(resposta.status).toBe(201);
  return { processo, resposta: resposta.body.data };
};

const aprovar = async (quem: Pessoa, processo: string, extras: Registro = {}) =>
  quem.post(`${PAINEL}/${processo}/aprovar`, {
    sha256_fatura: (await processoDe(processo)).hash_fatura,
    ...extras,
  });

beforeAll(async () => {
  strapi = await iniciarStrapi();
  operador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'OPERADOR'));
  aprovador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'APROVADOR'));
  administrador = comCabecalho(strapi, await criarPessoaNoPainel(strapi, 'ADMINISTRADOR'));
  integrador = api(strapi, await criarIntegrador(strapi, 'ADMINISTRADOR'));
  operadora = (
    await criarOperadora(strapi, {
      nome: 'TELECOM FISCAL',
      codigo: 'FIS',
      cnpjs_emitentes: `${formatarCnpj(EMITENTE)}; ${EMITENTE}`,
    })
  ).documentId;
});

afterAll(encerrarStrapi);

describe('CNPJs emitentes da operadora', () => {
  test('normalizados e sem repetição; um inválido recusa tudo com a mensagem em português', async () => {
    const gravada = (await strapi.db
      .query('api::operadora.operadora')
      .findOne({ where: { documentId: operadora } })) as Registro;
    expect(gravada.cnpjs_emitentes).toBe(formatarCnpj(EMITENTE));
    const recusa = await administrador.put(
      `/content-manager/collection-types/api::operadora.operadora/${operadora}`,
      { cnpjs_emitentes: `${EMITENTE}\n11.222.333/0001-82` }
    );
    expect(recusa.status).toBe(400);
    expect(JSON.stringify(recusa.body)).toContain('CNPJs inválidos: 11.222.333/0001-82');
  });
});

describe('fatura coerente', () => {
  test('entra na fila conferida, sem achados, com o que foi lido do documento', async () => {
    const { processo, resposta } = await subir(fatura());
    expect(resposta.conferencia_fiscal).toMatchObject({ situacao: 'SEM_ACHADOS', fonte: 'PDF', achados: [] });
    const gravado = await processoDe(processo);
    expect(gravado.situacao_conferencia).toBe('SEM_ACHADOS');
    expect(gravado.conferencia_fiscal).toMatchObject({
      sha256: gravado.hash_fatura,
      extraido: {
        valor: 1234.56,
        vencimento: '2025-03-10',
        competencia: '2025-04',
        cnpj_emitente: EMITENTE,
        cnpj_destinatario: CLIENTE,
      },
    });
    expect(gravado.conferencia_fiscal.extraido.linha_digitavel).toMatch(/^341\d{44}$/);

    const fila = await aprovador.get(`/orquestrador-rpa/aprovacoes?conferencia=SEM_ACHADOS&por_pagina=100`);
    expect(fila.status).toBe(200);
    const item = fila.body.data.itens.find((i: Registro) => i.processo === processo);
    expect(item?.conferencia_fiscal?.situacao).toBe('SEM_ACHADOS');
    const comAchados = await aprovador.get(
      `/orquestrador-rpa/aprovacoes?conferencia=com_achados&por_pagina=100`
    );
    expect(comAchados.body.data.itens.map((i: Registro) => i.processo)).not.toContain(processo);
    const ruim = await aprovador.get(`/orquestrador-rpa/aprovacoes?conferencia=talvez`);
    expect(ruim.status).toBe(400);
    expect(ruim.body.error.message).toContain('conferencia "TALVEZ" inválido');

    expect((await aprovar(aprovador, processo)).status).toBe(200);
  });
});

describe('achado bloqueante', () => {
  test('valor do boleto diferente e DV trocado: aprovar sem justificativa é recusado e nada muda', async () => {
    const { processo, resposta } = await subir(fatura({ valor: 1334.56, trocarDigito: true }));
    const codigos = (resposta.conferencia_fiscal.achados as Registro[]).map((a) => a.codigo).sort();
    expect(codigos).toEqual(['BOLETO_DV_INVALIDO']);

    const outro = await subir(fatura({ valor: 1334.56 }));
    expect(outro.resposta.conferencia_fiscal.achados).toEqual([
      expect.objectContaining({
        codigo: 'VALOR_DIVERGENTE',
        severidade: 'bloqueante',
        esperado: '1234.56',
        encontrado: '1334.56',
      }),
    ]);
    for (const id of [processo, outro.processo]) {
      const recusa = await aprovar(aprovador, id, { justificativa: '   ' });
      expect(recusa.status).toBe(400);
      expect(recusa.body.error.message).toContain('escreva em justificativa');
      expect((await processoDe(id)).status_processo).toBe('AGUARDANDO_APROVACAO');
    }
    // Pela API REST (integrador), a mesma regra.
    const pelaApi = await integrador.post(`/api/processos/${outro.processo}/aprovar`, {
      sha256_fatura: (await processoDe(outro.processo)).hash_fatura,
    });
    expect(pelaApi.status).toBe(400);
    expect(pelaApi.body.error.message).toContain('VALOR_DIVERGENTE');
  });

  test('com justificativa, aprova; a justificativa e os achados ficam na auditoria da aprovação', async () => {
    const { processo } = await subir(fatura({ valor: 99.9 }));
    const feita = await aprovar(aprovador, processo, {
      justificativa: 'Reajuste contratual combinado por telefone com a operadora.',
    });
    expect(feita.status).toBe(200);
    const auditoria = (await strapi.db.query('api::auditoria.auditoria').findMany({
      where: { id_entidade: processo },
    })) as Registro[];
    const aprovacao = auditoria.find((a) => JSON.stringify(a.depois ?? {}).includes('achados_bloqueantes'));
    expect(JSON.stringify(aprovacao?.depois)).toContain('Reajuste contratual combinado');
    expect(JSON.stringify(aprovacao?.depois)).toContain('VALOR_DIVERGENTE');
  });
});

describe('emitente e destinatário', () => {
  test('emitente fora do cadastro e destinatário de outro CNPJ; depois de corrigir o cadastro, reconferir limpa o emitente', async () => {
    const { processo, resposta } = await subir(fatura({ emitente: OUTRO }));
    expect((resposta.conferencia_fiscal.achados as Registro[]).map((a) => a.codigo)).toEqual([
      'EMITENTE_DIVERGENTE',
    ]);
    const destinatario = await subir(fatura({ destinatario: CNPJS_VALIDOS[2]! }));
    expect((destinatario.resposta.conferencia_fiscal.achados as Registro[]).map((a) => a.codigo)).toEqual([
      'DESTINATARIO_DIVERGENTE',
    ]);

    await strapi.documents('api::operadora.operadora').update({
      documentId: operadora,
      data: { cnpjs_emitentes: `${EMITENTE}, ${OUTRO}` } as never,
    });
    // Operador não decide nem reconfere; aprovador sim.
    expect((await operador.post(`${PAINEL}/${processo}/reconferir`, {})).status).toBe(403);
    const refeita = await aprovador.post(`${PAINEL}/${processo}/reconferir`, {});
    expect(refeita.status).toBe(200);
    expect(refeita.body.data).toMatchObject({ situacao: 'SEM_ACHADOS', achados: [] });
    const gravado = await processoDe(processo);
    expect(gravado.situacao_conferencia).toBe('SEM_ACHADOS');
    const trilha = (await strapi.db.query('api::auditoria.auditoria').findMany({
      where: { id_entidade: processo, acao: 'processo.reconferido' },
    })) as Registro[];
    expect(trilha).toHaveLength(1);
    expect(trilha[0]!.antes).toEqual({ situacao_conferencia: 'COM_ACHADOS' });

    // Fora da análise, não se reconfere.
    expect((await aprovar(aprovador, processo)).status).toBe(200);
    const tarde = await aprovador.post(`${PAINEL}/${processo}/reconferir`, {});
    expect(tarde.status).toBe(409);
    expect(tarde.body.error.message).toContain('Só se reconfere a fatura em análise');
  });
});

describe('fatura sem texto', () => {
  test('NAO_LIDA com o motivo, e a aprovação não exige justificativa (não há achado)', async () => {
    const { processo, resposta } = await subir(null);
    expect(resposta.conferencia_fiscal).toMatchObject({ situacao: 'NAO_LIDA', achados: [] });
    expect(resposta.conferencia_fiscal.motivo).toContain('não tem texto');
    expect((await aprovar(aprovador, processo)).status).toBe(200);
  });
});

describe('a conferência não se escreve por fora', () => {
  test('Content Manager e REST recusam gravar conferência ou situação; nada muda', async () => {
    const { processo } = await subir(fatura({ valor: 10 }));
    const antes = await processoDe(processo);
    expect(antes.situacao_conferencia).toBe('COM_ACHADOS');
    const falsa = { ...antes.conferencia_fiscal, situacao: 'SEM_ACHADOS', achados: [] };
    const pelaTela = await administrador.put(
      `/content-manager/collection-types/api::processo.processo/${processo}`,
      { conferencia_fiscal: falsa }
    );
    expect(pelaTela.status).toBe(400);
    expect(JSON.stringify(pelaTela.body)).toContain('controlado pelo workflow');
    const pelaApi = await integrador.put(`/api/processos/${processo}`, {
      data: { situacao_conferencia: 'SEM_ACHADOS' },
    });
    expect([400, 403]).toContain(pelaApi.status);
    const peloGraphql = await integrador.graphql(
      'mutation ($id: ID!) { updateProcesso(documentId: $id, data: { situacao_conferencia: SEM_ACHADOS }) { documentId } }',
      { id: processo }
    );
    expect(JSON.stringify(peloGraphql.body.errors ?? [])).toMatch(
      /controlado pelo workflow|Forbidden|Proibid/
    );
    // O mesmo objeto reenviado (como o Content Manager faz ao salvar outro campo) não conta como mudança.
    const mesmo = await administrador.put(
      `/content-manager/collection-types/api::processo.processo/${processo}`,
      { conferencia_fiscal: antes.conferencia_fiscal, observacoes: 'nota do operador' }
    );
    expect(mesmo.status).toBe(200);
    const depois = await processoDe(processo);
    expect(depois.situacao_conferencia).toBe('COM_ACHADOS');
    expect(depois.conferencia_fiscal).toEqual(antes.conferencia_fiscal);
  });
});
