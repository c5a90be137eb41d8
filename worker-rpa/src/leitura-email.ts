import fs from 'fs';
import path from 'path';
import { randomBytes } from 'crypto';
import type { Job } from 'bullmq';
import type { ClienteStrapi } from './cliente-strapi';
import { lerConfiguracaoRobos } from './configuracao';
import { PASTA_BASE, prefixoPastaWorker } from './processador';
import { baixarDocumentosAzuton, lerCaixaAzuton, type ResumoLeitura } from './robos/azuton/azuton';
import { CaixaImap, lerConfiguracaoCaixa } from './robos/azuton/caixa';
import { operadoraRecebePorEmail, type TrabalhoLeituraEmail } from '@orquestrador-rpa/contrato';

export interface DependenciasLeitura {
  strapi: ClienteStrapi;
  sinal: AbortSignal;
  ambiente?: NodeJS.ProcessEnv;
}

/**
 * Um job da fila `leitura-email` = uma leitura da caixa da operadora (hoje só a Azuton): abre o
 * IMAP, processa as mensagens novas e devolve o resumo. Cada linha vai ao log do job. Uma falha
 * da caixa inteira (login, rede) falha o job; a próxima leitura agendada tenta de novo.
 */
export const criarProcessadorLeitura =
  (dep: DependenciasLeitura) =>
  async (job: Job<TrabalhoLeituraEmail>): Promise<ResumoLeitura> => {
    const trabalho = job.data;
    if (!operadoraRecebePorEmail(trabalho.operadora_codigo))
      throw new Error(`A operadora ${trabalho.operadora_codigo} não recebe fatura por e-mail.`);
    const log = (linha: string) => {
      console.log(`[${new Date().toISOString()}] leitura ${trabalho.id_leitura}: ${linha}`);
      void job.log(linha).catch(() => undefined);
    };
    const configuracao = lerConfiguracaoCaixa(dep.ambiente);
    const pasta = path.join(
      PASTA_BASE,
      `${prefixoPastaWorker()}${trabalho.id_leitura}-${randomBytes(3).toString('hex')}`
    );
    const caixa = await CaixaImap.abrir(configuracao);
    try {
      const politica = {
        permitirLocal: lerConfiguracaoRobos(dep.ambiente).portaisLocaisPermitidos,
        dominios: configuracao.dominios,
      };
      const resumo = await lerCaixaAzuton({
        caixa,
        log,
        sinal: dep.sinal,
        entrega: {
          consultar: (id) => dep.strapi.consultarMensagem(trabalho, id),
          entregar: (lida, pdf) => dep.strapi.entregarMensagem(trabalho, lida, pdf),
          recusar: (recusada) => dep.strapi.recusarMensagem(trabalho, recusada),
        },
        baixar: (campos, mensagem) =>
          baixarDocumentosAzuton(campos, { pasta: path.join(pasta, String(mensagem.uid)), politica, log }),
      });
      log(`Resumo: ${JSON.stringify(resumo)}`);
      return resumo;
    } finally {
      await caixa.fechar();
      fs.rmSync(pasta, { recursive: true, force: true });
    }
  };
