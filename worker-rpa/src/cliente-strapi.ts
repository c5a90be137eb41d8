import fs from 'fs';
import path from 'path';
import {
  type AcaoRoboHttp,
  CABECALHO_TOKEN_EXECUCAO,
  CABECALHO_WORKER,
  caminhoRobo,
  CAMPOS_CONCLUSAO,
  CAMPOS_MENSAGEM_EMAIL,
  caminhoMensagensEmail,
  type ConsultaMensagemEmail,
  type MensagemEmailLida,
  type MensagemEmailRecusada,
  type RespostaMensagemEmail,
  type TrabalhoLeituraEmail,
  type PedidoIniciar,
  type RespostaConcluir,
  type RespostaDados,
  type RespostaIniciar,
  type ResultadoSaidaPadrao,
  sanitizarNomeArquivo,
} from '@orquestrador-rpa/contrato';

/** A execução do job em curso e o token que o Strapi assinou só para ela. */
export interface ExecucaoDoJob {
  id_execucao: string;
  token_execucao: string;
}

/**
 * Cliente HTTP do worker para as rotas `/api/robo/...` do Strapi. Falhas de rede e 5xx são
 * re-tentadas com espera crescente (o resultado de um robô não se perde se o Strapi cair por um
 * instante); 4xx volta como ErroStrapi para o processador decidir.
 */
export class ErroStrapi extends Error {
  constructor(
    readonly status: number,
    mensagem: string,
    readonly detalhes: Record<string, unknown> = {}
  ) {
    super(mensagem);
    this.name = 'ErroStrapi';
  }
}

const pausa = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ClienteStrapi {
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly worker: string,
    private readonly tentativas = 8,
    private readonly esperaInicialMs = 500
  ) {}

  private pedir(job: ExecucaoDoJob, acao: AcaoRoboHttp, opcoes: RequestInit = {}): Promise<Response> {
    return this.pedirEm(`/api${caminhoRobo(acao, job.id_execucao)}`, job.token_execucao, opcoes);
  }

  private async pedirEm(caminho: string, tokenDoJob: string, opcoes: RequestInit = {}): Promise<Response> {
    let ultimo: unknown;
    for (let tentativa = 1; tentativa <= this.tentativas; tentativa += 1) {
      try {
        const resposta = await fetch(`${this.url}${caminho}`, {
          ...opcoes,
          headers: {
            ...opcoes.headers,
            Authorization: `Bearer ${this.token}`,
            [CABECALHO_TOKEN_EXECUCAO]: tokenDoJob,
            [CABECALHO_WORKER]: this.worker,
            'User-Agent': `worker-rpa/${this.worker}`,
          },
          signal: AbortSignal.timeout(60_000),
        });
        if (resposta.status < 500) {
          if (resposta.ok) return resposta;
          const corpo = (await resposta.json().catch(() => ({}))) as {
            error?: { message?: string; details?: Record<string, unknown> };
          };
          throw new ErroStrapi(
            resposta.status,
            corpo.error?.message ?? `HTTP ${resposta.status}`,
            corpo.error?.details ?? {}
          );
        }
        ultimo = new Error(`Strapi respondeu HTTP ${resposta.status} em ${caminho}.`);
      } catch (erro) {
        if (erro instanceof ErroStrapi) throw erro;
        ultimo = erro;
      }
      if (tentativa < this.tentativas)
        await pausa(Math.min(this.esperaInicialMs * 2 ** (tentativa - 1), 30_000));
    }
    throw new Error(`Strapi inalcançável em ${this.url}${caminho}: ${(ultimo as Error).message}`);
  }

  async iniciar(job: ExecucaoDoJob, tentativa: number): Promise<RespostaIniciar> {
    const resposta = await this.pedir(job, 'iniciar', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tentativa } satisfies PedidoIniciar),
    });
    return ((await resposta.json()) as RespostaDados<RespostaIniciar>).data;
  }

  /**
   * Baixa o PDF aprovado para a pasta `pasta` (robô do SAT), com o nome que o Strapi mandou no
   * `Content-Disposition` (o do legado, `{hash}_{DD-MM-AAAA}.pdf`); devolve o caminho.
   */
  async baixarFatura(job: ExecucaoDoJob, pasta: string): Promise<string> {
    const resposta = await this.pedir(job, 'fatura');
    const nome = /filename="([^"]+)"/.exec(resposta.headers.get('content-disposition') ?? '')?.[1];
    const destino = path.join(pasta, sanitizarNomeArquivo(path.basename(nome ?? 'fatura.pdf')));
    fs.mkdirSync(pasta, { recursive: true });
    fs.writeFileSync(destino, Buffer.from(await resposta.arrayBuffer()));
    return destino;
  }

  /** Marca durável antes do clique final: daqui em diante o robô não roda de novo sozinho. */
  async pontoSemRetorno(job: ExecucaoDoJob): Promise<void> {
    await this.pedir(job, 'ponto-sem-retorno', { method: 'POST' });
  }

  async concluir(
    job: ExecucaoDoJob,
    resultado: ResultadoSaidaPadrao,
    tentaraNovamente: boolean
  ): Promise<RespostaConcluir> {
    const anexos: Array<[string, string, string]> = [];
    if (resultado.sucesso && resultado.arquivo_baixado)
      anexos.push([CAMPOS_CONCLUSAO.FATURA, resultado.arquivo_baixado, 'application/pdf']);
    for (const captura of resultado.screenshots_debug)
      anexos.push([CAMPOS_CONCLUSAO.CAPTURAS, captura, 'image/png']);
    const montar = async () => {
      const formulario = new FormData();
      formulario.append(CAMPOS_CONCLUSAO.RESULTADO, JSON.stringify(resultado));
      formulario.append(CAMPOS_CONCLUSAO.TENTARA_NOVAMENTE, String(tentaraNovamente));
      for (const [campo, arquivo, tipo] of anexos) {
        if (fs.existsSync(arquivo))
          formulario.append(
            campo,
            new Blob([fs.readFileSync(arquivo)], { type: tipo }),
            path.basename(arquivo)
          );
      }
      return formulario;
    };
    const resposta = await this.pedir(job, 'concluir', { method: 'POST', body: await montar() });
    return ((await resposta.json()) as RespostaDados<RespostaConcluir>).data;
  }

  /** A mensagem já foi entregue ao Strapi (numa leitura anterior)? */
  async consultarMensagem(leitura: TrabalhoLeituraEmail, idMensagem: string): Promise<ConsultaMensagemEmail> {
    const resposta = await this.pedirEm(
      `/api${caminhoMensagensEmail(leitura.id_leitura, idMensagem)}`,
      leitura.token_leitura
    );
    return ((await resposta.json()) as RespostaDados<ConsultaMensagemEmail>).data;
  }

  /** Entrega uma mensagem lida, com o PDF de boleto + fatura (idempotente pelo id da mensagem). */
  async entregarMensagem(
    leitura: TrabalhoLeituraEmail,
    lida: MensagemEmailLida,
    pdf: string
  ): Promise<RespostaMensagemEmail> {
    const formulario = new FormData();
    formulario.append(CAMPOS_MENSAGEM_EMAIL.MENSAGEM, JSON.stringify(lida));
    formulario.append(
      CAMPOS_MENSAGEM_EMAIL.FATURA,
      new Blob([fs.readFileSync(pdf)], { type: 'application/pdf' }),
      path.basename(pdf)
    );
    const resposta = await this.pedirEm(
      `/api${caminhoMensagensEmail(leitura.id_leitura)}`,
      leitura.token_leitura,
      {
        method: 'POST',
        body: formulario,
      }
    );
    return ((await resposta.json()) as RespostaDados<RespostaMensagemEmail>).data;
  }

  /** Registra uma mensagem recusada (sem PDF), com o motivo; idempotente pelo id. */
  async recusarMensagem(
    leitura: TrabalhoLeituraEmail,
    recusada: MensagemEmailRecusada
  ): Promise<RespostaMensagemEmail> {
    const formulario = new FormData();
    formulario.append(CAMPOS_MENSAGEM_EMAIL.MENSAGEM, JSON.stringify(recusada));
    const resposta = await this.pedirEm(
      `/api${caminhoMensagensEmail(leitura.id_leitura)}`,
      leitura.token_leitura,
      { method: 'POST', body: formulario }
    );
    return ((await resposta.json()) as RespostaDados<RespostaMensagemEmail>).data;
  }
}
