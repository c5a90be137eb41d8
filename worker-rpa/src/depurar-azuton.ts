import fs from 'fs';
import os from 'os';
import path from 'path';
import { baixarDocumentosAzuton, lerCaixaAzuton, type CaixaDeEntrada } from './robos/azuton/azuton';
import { CaixaImap, lerConfiguracaoCaixa, type MensagemDaCaixa } from './robos/azuton/caixa';
import { emailAzuton } from '../portais-simulados/azuton';
import { FATURA_AZUTON_DEMONSTRACAO, iniciarAzutonDemonstracao } from '../portais-simulados/demonstracao';
import type { MensagemEmailLida } from '@orquestrador-rpa/contrato';

/**
 * `npm run robo -- AZU [--simulador] [--com-janela]`: uma leitura da caixa da Azuton sem Strapi.
 * Com `--simulador`, uma caixa de exemplo em memória (um e-mail no formato da Azuton) e as páginas
 * simuladas; sem ele, a caixa real do ambiente (`AZUTON_*`), **sem mover** nenhuma mensagem. Nada é
 * entregue: cada mensagem lida é impressa com o PDF montado, que fica na pasta indicada.
 */
export const depurarAzuton = async (simulador: boolean): Promise<number> => {
  const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'depurar-azuton-'));
  const paginas = simulador ? await iniciarAzutonDemonstracao() : null;
  const lidas: Array<MensagemEmailLida & { pdf: string }> = [];
  let caixa: CaixaDeEntrada & { fechar?: () => Promise<void> };
  let dominios: string[];
  if (paginas) {
    const exemplo: MensagemDaCaixa = {
      uid: 1,
      id: '<exemplo@azuton.demo>',
      remetente: 'faturas@azuton.demo',
      assunto: `Fatura ${FATURA_AZUTON_DEMONSTRACAO.numero}`,
      recebidaEm: new Date().toISOString(),
      html: emailAzuton(FATURA_AZUTON_DEMONSTRACAO, paginas.url),
      local: 'INBOX:1:1',
      recusa: null,
    };
    caixa = {
      mensagens: async () => [exemplo],
      moverParaTratadas: async () => undefined,
      moverParaRecusadas: async () => undefined,
    };
    dominios = ['127.0.0.1'];
  } else {
    const configuracao = lerConfiguracaoCaixa();
    const real = await CaixaImap.abrir(configuracao);
    caixa = {
      mensagens: () => real.mensagens(),
      moverParaTratadas: async () => undefined,
      moverParaRecusadas: async () => undefined,
      fechar: () => real.fechar(),
    };
    dominios = configuracao.dominios;
  }
  try {
    const resumo = await lerCaixaAzuton({
      caixa,
      log: (linha) => console.error(linha),
      entrega: {
        consultar: async () => null,
        entregar: async (lida, pdf) => {
          lidas.push({ ...lida, pdf });
          return {
            id_mensagem: lida.id_mensagem,
            situacao: 'ANEXADA',
            motivo: 'depuração: nada foi entregue',
            processo: null,
            ja_registrada: false,
          };
        },
        recusar: async (recusada) => ({
          id_mensagem: recusada.id_mensagem,
          situacao: 'RECUSADA',
          motivo: `depuração: nada foi registrado (${recusada.recusa})`,
          processo: null,
          ja_registrada: false,
        }),
      },
      baixar: (campos, mensagem) =>
        baixarDocumentosAzuton(campos, {
          pasta: path.join(pasta, String(mensagem.uid)),
          politica: { permitirLocal: simulador, dominios },
          log: (linha) => console.error(linha),
        }),
    });
    console.log(JSON.stringify({ resumo, mensagens: lidas }, null, 2));
    return resumo.com_erro ? 1 : 0;
  } finally {
    await caixa.fechar?.();
    await paginas?.fechar();
  }
};
