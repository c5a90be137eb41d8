import path from 'path';
import { NavegadorRPA, type OpcoesNavegador } from '../../navegador/navegador-rpa';
import { juntarPdfs } from '../../navegador/pdf';
import { lerEmailAzuton, type CamposEmailAzuton } from './email';
import type { MensagemDaCaixa } from './caixa';
import { PREFIXO_BOLETO, PREFIXO_FATURA, SELETORES_AZUTON as S } from './seletores';
import {
  type ConsultaMensagemEmail,
  ErroRPA,
  FORMATO_CNPJ,
  type MensagemEmailLida,
  normalizarCnpj,
  type MensagemEmailRecusada,
  type PoliticaPortal,
  type RespostaMensagemEmail,
  sanitizarNomeArquivo,
  type SituacaoMensagemEmail,
  TipoErro,
} from '@orquestrador-rpa/contrato';

type Log = (linha: string) => void;

/** Boleto + fatura de um e-mail, juntos num PDF, e o pagador lido na página do boleto. */
export interface DocumentosAzuton {
  pdf: string;
  cnpj: string;
  nomePagador: string | null;
}

export interface OpcoesDownloadAzuton {
  pasta: string;
  politica: PoliticaPortal & { dominios: readonly string[] };
  esperaPadraoMs?: number;
  /** Limite da espera de cada download (o legado esperava até 90 s). */
  limiteDownloadMs?: number;
  log: Log;
}

/** CNPJ do pagador: o texto do `li.dadosPagador` depois de "CNPJ: ", sem pontuação (pode ser alfanumérico). */
export const cnpjDoPagador = (texto: string): string | null => {
  const depois = texto.split('CNPJ:')[1];
  const cnpj = normalizarCnpj((depois ?? '').trim().split(/\s+/)[0] ?? '');
  return FORMATO_CNPJ.test(cnpj) ? cnpj : null;
};

const abrir = (opcoes: OpcoesDownloadAzuton, subpasta: string, extras: OpcoesNavegador = {}) =>
  NavegadorRPA.abrir({
    pastaTrabalho: path.join(opcoes.pasta, subpasta),
    esperaPadraoMs: opcoes.esperaPadraoMs,
    registrar: opcoes.log,
    politica: opcoes.politica,
    ...extras,
  });

/**
 * Os downloads do legado: o boleto numa página com o botão `download` (arquivo "Boleto…") e o
 * pagador lido nela; a fatura por link direto num navegador `eager` (arquivo "Fatura…"); os dois
 * juntos, boleto primeiro, em `Boleto_<nome da fatura>`. As esperas fixas do legado (10 s e 8 s)
 * viram esperas explícitas pelo botão e pelo arquivo.
 */
export const baixarDocumentosAzuton = async (
  campos: CamposEmailAzuton,
  opcoes: OpcoesDownloadAzuton
): Promise<DocumentosAzuton> => {
  const { log } = opcoes;
  const limiteMs = opcoes.limiteDownloadMs ?? 90_000;
  let boleto: string;
  let cnpj: string | null;
  let nomePagador: string | null;
  const nav = await abrir(opcoes, 'boleto');
  try {
    await nav.ir(campos.link_boleto);
    if (!(await nav.existe(S.BOTAO_DOWNLOAD_BOLETO, nav.esperaPadraoMs))) {
      log('Página do boleto sem o botão de download: recarregando uma vez, como o legado.');
      await nav.driver.navigate().refresh();
    }
    nomePagador = (await nav.existe(S.NOME_PAGADOR)) ? (await nav.texto(S.NOME_PAGADOR)).trim() : null;
    cnpj = (await nav.existe(S.DADOS_PAGADOR)) ? cnpjDoPagador(await nav.texto(S.DADOS_PAGADOR)) : null;
    if (!cnpj)
      throw new ErroRPA(
        TipoErro.SELETOR,
        'A página do boleto não mostra o CNPJ do pagador ("CNPJ: " em li.dadosPagador).'
      );
    const antes = Date.now();
    await nav.clicar(S.BOTAO_DOWNLOAD_BOLETO);
    boleto = (await nav.esperarDownload({ prefixo: PREFIXO_BOLETO, desde: antes - 1_000, limiteMs })).caminho;
    log(`Boleto baixado (${path.basename(boleto)}); pagador ${nomePagador ?? 'sem nome'}.`);
  } finally {
    await nav.fechar();
  }

  const navFatura = await abrir(opcoes, 'fatura', { carregamento: 'eager' });
  let fatura: string;
  try {
    const antes = Date.now();
    // O link baixa direto: o Chromium interrompe a navegação (ERR_ABORTED) e o arquivo chega na pasta.
    await navFatura.ir(campos.link_fatura).catch((erro: Error) => {
      if (erro instanceof ErroRPA || !/ERR_ABORTED|net::/i.test(erro.message)) throw erro;
    });
    fatura = (await navFatura.esperarDownload({ prefixo: PREFIXO_FATURA, desde: antes - 1_000, limiteMs }))
      .caminho;
    log(`Fatura baixada (${path.basename(fatura)}).`);
  } finally {
    await navFatura.fechar();
  }
  const destino = path.join(opcoes.pasta, sanitizarNomeArquivo(`Boleto_${path.basename(fatura)}`));
  const { paginas } = await juntarPdfs([boleto, fatura], destino);
  log(`Boleto e fatura juntos em ${path.basename(destino)} (${paginas} página(s)).`);
  return { pdf: destino, cnpj, nomePagador };
};

/** O lado do Strapi: saber se a mensagem já foi entregue, entregar uma nova e registrar uma recusada. */
export interface EntregaMensagens {
  consultar(idMensagem: string): Promise<ConsultaMensagemEmail>;
  entregar(lida: MensagemEmailLida, pdf: string): Promise<RespostaMensagemEmail>;
  recusar(recusada: MensagemEmailRecusada): Promise<RespostaMensagemEmail>;
}

export interface CaixaDeEntrada {
  mensagens(): Promise<MensagemDaCaixa[]>;
  moverParaTratadas(uid: number): Promise<void>;
  moverParaRecusadas(uid: number): Promise<void>;
}

export interface ResumoLeitura {
  lidas: number;
  /** Quantas entregues agora, por situação. */
  entregues: Partial<Record<SituacaoMensagemEmail, number>>;
  /** Já entregues numa leitura anterior (só faltava mover). */
  ja_tratadas: number;
  /** Registradas como recusadas e movidas para a pasta delas (remetente, autenticação, não é fatura). */
  recusadas: number;
  /** Ficaram na caixa para a próxima leitura (erro técnico). */
  com_erro: number;
}

export interface LeituraAzuton {
  caixa: CaixaDeEntrada;
  entrega: EntregaMensagens;
  baixar: (campos: CamposEmailAzuton, mensagem: MensagemDaCaixa) => Promise<DocumentosAzuton>;
  log: Log;
  sinal?: AbortSignal;
}

/**
 * Uma leitura da caixa: para cada mensagem do remetente, pergunta ao Strapi se já foi entregue
 * (então só move), lê o e-mail, baixa boleto e fatura, entrega e move para as tratadas. A recusada
 * (pelo cabeçalho ou por erro de negócio: não é e-mail de fatura, link fora de `AZUTON_DOMINIOS`)
 * é registrada e vai para a pasta das recusadas, sem travar as de trás; a que falha por erro
 * técnico fica na caixa e a próxima leitura tenta de novo. Tudo idempotente pelo id.
 */
export const lerCaixaAzuton = async ({
  caixa,
  entrega,
  baixar,
  log,
  sinal,
}: LeituraAzuton): Promise<ResumoLeitura> => {
  const mensagens = await caixa.mensagens();
  const resumo: ResumoLeitura = {
    lidas: mensagens.length,
    entregues: {},
    ja_tratadas: 0,
    recusadas: 0,
    com_erro: 0,
  };
  log(`${mensagens.length} mensagem(ns) do remetente na caixa.`);
  /** O id é o local na caixa, não o Message-ID: quem forja escolheria o de uma fatura que ainda vai chegar. */
  const recusar = async (mensagem: MensagemDaCaixa, rotulo: string, motivo: string) => {
    await entrega.recusar({
      id_mensagem: `recusada:${mensagem.local}`,
      remetente: mensagem.remetente,
      assunto: mensagem.assunto,
      recebida_em: mensagem.recebidaEm,
      recusa: motivo.slice(0, 500),
    });
    await caixa.moverParaRecusadas(mensagem.uid);
    resumo.recusadas += 1;
    log(`${rotulo}: recusada e movida para as recusadas — ${motivo}`);
  };
  for (const mensagem of mensagens) {
    if (sinal?.aborted) {
      log('Leitura interrompida: as mensagens restantes ficam para a próxima.');
      break;
    }
    const rotulo = `Mensagem "${mensagem.assunto}" (${mensagem.id})`;
    try {
      if (mensagem.recusa) {
        await recusar(mensagem, rotulo, mensagem.recusa);
        continue;
      }
      if (await entrega.consultar(mensagem.id)) {
        await caixa.moverParaTratadas(mensagem.uid);
        resumo.ja_tratadas += 1;
        log(`${rotulo}: já entregue antes; movida para as tratadas.`);
        continue;
      }
      let campos: CamposEmailAzuton;
      let documentos: DocumentosAzuton;
      try {
        campos = lerEmailAzuton(mensagem.html);
        documentos = await baixar(campos, mensagem);
      } catch (erro) {
        // Erro de negócio é da mensagem (tentar de novo não muda nada); o técnico fica para a próxima.
        if (!(erro instanceof ErroRPA && erro.tipo === TipoErro.NEGOCIO)) throw erro;
        await recusar(mensagem, rotulo, erro.message);
        continue;
      }
      const resposta = await entrega.entregar(
        {
          id_mensagem: mensagem.id,
          remetente: mensagem.remetente,
          assunto: mensagem.assunto,
          recebida_em: mensagem.recebidaEm,
          cliente: campos.cliente ?? documentos.nomePagador,
          cnpj: documentos.cnpj,
          numero_fatura: campos.numero_fatura,
          data_vencimento: campos.data_vencimento,
          valor_fatura: campos.valor_fatura,
        },
        documentos.pdf
      );
      await caixa.moverParaTratadas(mensagem.uid);
      resumo.entregues[resposta.situacao] = (resumo.entregues[resposta.situacao] ?? 0) + 1;
      log(`${rotulo}: ${resposta.situacao} — ${resposta.motivo}`);
    } catch (erro) {
      resumo.com_erro += 1;
      log(`${rotulo}: fica na caixa para a próxima leitura — ${(erro as Error).message}`);
    }
  }
  return resumo;
};
