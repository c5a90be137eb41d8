import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { erroLogin, ErroRPA, lerDominios, TipoErro } from '@orquestrador-rpa/contrato';

/**
 * A caixa de e-mail da Azuton por IMAP (o legado usava a API do Gmail; o Gmail aceita IMAP com
 * senha de app ou OAuth2). Só as mensagens do remetente configurado; as tratadas vão para a pasta
 * configurada (o "fetch_and_move" do legado). Credenciais só do ambiente, nunca em log.
 */
export interface ConfiguracaoCaixa {
  host: string;
  porta: number;
  tls: boolean;
  usuario: string;
  /** Senha (de app) ou, no lugar dela, um token OAuth2 (`AZUTON_IMAP_TOKEN_OAUTH`). */
  senha: string | null;
  tokenOAuth: string | null;
  pasta: string;
  pastaTratadas: string;
  remetente: string;
  /** Hosts dos links de boleto e fatura que o robô aceita abrir. */
  dominios: string[];
  /** Mensagens por leitura (as demais ficam para a próxima). */
  limite: number;
}

const obrigatoria = (ambiente: NodeJS.ProcessEnv, nome: string): string => {
  const valor = ambiente[nome]?.trim();
  if (!valor)
    throw new ErroRPA(TipoErro.NEGOCIO, `Defina ${nome} no ambiente do worker para ler a caixa da Azuton.`);
  return valor;
};

export const lerConfiguracaoCaixa = (ambiente: NodeJS.ProcessEnv = process.env): ConfiguracaoCaixa => {
  const tls = !/^(0|false|nao|não)$/i.test(ambiente.AZUTON_IMAP_TLS ?? '');
  const porta = Number(ambiente.AZUTON_IMAP_PORTA || (tls ? 993 : 143));
  const limite = Number(ambiente.AZUTON_LIMITE_MENSAGENS || 50);
  const senha = ambiente.AZUTON_IMAP_SENHA || null;
  const tokenOAuth = ambiente.AZUTON_IMAP_TOKEN_OAUTH || null;
  if (!senha && !tokenOAuth)
    throw new ErroRPA(
      TipoErro.NEGOCIO,
      'Defina AZUTON_IMAP_SENHA (senha de app) ou AZUTON_IMAP_TOKEN_OAUTH no ambiente do worker para ler a caixa da Azuton.'
    );
  const dominios = lerDominios(obrigatoria(ambiente, 'AZUTON_DOMINIOS'));
  const invalidos = dominios.filter((d) => d.startsWith('inválido:'));
  if (invalidos.length)
    throw new ErroRPA(TipoErro.NEGOCIO, `AZUTON_DOMINIOS tem domínio inválido: ${invalidos.join(', ')}.`);
  if (!Number.isInteger(porta) || porta < 1 || porta > 65535)
    throw new ErroRPA(TipoErro.NEGOCIO, `AZUTON_IMAP_PORTA inválida: "${ambiente.AZUTON_IMAP_PORTA}".`);
  return {
    host: obrigatoria(ambiente, 'AZUTON_IMAP_HOST'),
    porta,
    tls,
    usuario: obrigatoria(ambiente, 'AZUTON_IMAP_USUARIO'),
    senha,
    tokenOAuth,
    pasta: ambiente.AZUTON_IMAP_PASTA?.trim() || 'INBOX',
    pastaTratadas: ambiente.AZUTON_IMAP_PASTA_TRATADAS?.trim() || 'Azuton/Processadas',
    remetente: obrigatoria(ambiente, 'AZUTON_REMETENTE').toLowerCase(),
    dominios,
    limite: Number.isInteger(limite) && limite > 0 ? limite : 50,
  };
};

export interface MensagemDaCaixa {
  uid: number;
  /** Message-ID do cabeçalho; sem ele, pasta + UIDVALIDITY + UID (estáveis na mesma caixa). */
  id: string;
  remetente: string;
  assunto: string;
  recebidaEm: string | null;
  html: string;
}

export class CaixaImap {
  /** A pasta das tratadas já existe (conferida uma vez por leitura, não a cada mensagem). */
  private tratadasProntas = false;

  private constructor(
    private readonly cliente: ImapFlow,
    private readonly configuracao: ConfiguracaoCaixa
  ) {}

  static async abrir(configuracao: ConfiguracaoCaixa): Promise<CaixaImap> {
    const cliente = new ImapFlow({
      host: configuracao.host,
      port: configuracao.porta,
      secure: configuracao.tls,
      auth: configuracao.tokenOAuth
        ? { user: configuracao.usuario, accessToken: configuracao.tokenOAuth }
        : { user: configuracao.usuario, pass: configuracao.senha ?? '' },
      logger: false,
      disableAutoIdle: true,
    });
    cliente.on('error', () => undefined);
    try {
      await cliente.connect();
    } catch (erro) {
      const e = erro as { authenticationFailed?: boolean; message?: string; code?: string };
      if (e.authenticationFailed)
        throw erroLogin(
          `A caixa ${configuracao.usuario} recusou o login IMAP: confira a senha de app ou o token.`
        );
      throw new ErroRPA(
        TipoErro.REDE,
        `Servidor IMAP ${configuracao.host}:${configuracao.porta} inalcançável (${e.code ?? e.message ?? 'erro'}).`
      );
    }
    return new CaixaImap(cliente, configuracao);
  }

  /** As mensagens do remetente na pasta, das mais antigas às mais novas, até o limite. */
  async mensagens(): Promise<MensagemDaCaixa[]> {
    const { pasta, remetente, limite } = this.configuracao;
    const trava = await this.cliente.getMailboxLock(pasta);
    try {
      const uids = ((await this.cliente.search({ from: remetente }, { uid: true })) || []).slice(0, limite);
      const validade = this.cliente.mailbox ? String(this.cliente.mailbox.uidValidity) : '0';
      const brutas: Array<{ uid: number; fonte: Buffer }> = [];
      // Ler tudo antes de processar: o imapflow não aceita outros comandos durante um fetch.
      if (uids.length)
        for await (const m of this.cliente.fetch(uids, { uid: true, source: true }, { uid: true }))
          if (m.source) brutas.push({ uid: m.uid, fonte: m.source });
      const lidas: MensagemDaCaixa[] = [];
      for (const { uid, fonte } of brutas) {
        const email = await simpleParser(fonte);
        const de = email.from?.value[0]?.address?.toLowerCase() ?? '';
        // O SEARCH FROM do IMAP casa por trecho: aqui só o remetente exato.
        if (de !== remetente) continue;
        lidas.push({
          uid,
          id: email.messageId?.trim() || `${pasta}:${validade}:${uid}`,
          remetente: de,
          assunto: email.subject ?? '',
          recebidaEm: email.date ? email.date.toISOString() : null,
          html: typeof email.html === 'string' ? email.html : (email.textAsHtml ?? ''),
        });
      }
      return lidas;
    } finally {
      trava.release();
    }
  }

  /** Move a mensagem tratada para a pasta das tratadas (criada se faltar). */
  async moverParaTratadas(uid: number): Promise<void> {
    const { pasta, pastaTratadas } = this.configuracao;
    if (!this.tratadasProntas) {
      const existentes = await this.cliente.list();
      if (!existentes.some((p) => p.path === pastaTratadas)) await this.cliente.mailboxCreate(pastaTratadas);
      this.tratadasProntas = true;
    }
    const trava = await this.cliente.getMailboxLock(pasta);
    try {
      await this.cliente.messageMove(String(uid), pastaTratadas, { uid: true });
    } finally {
      trava.release();
    }
  }

  async fechar(): Promise<void> {
    await this.cliente.logout().catch(() => this.cliente.close());
  }
}
