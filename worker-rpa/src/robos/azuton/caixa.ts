import { ImapFlow } from 'imapflow';
import { type ParsedMail, simpleParser } from 'mailparser';
import { erroLogin, ErroRPA, lerDominios, TipoErro } from '@orquestrador-rpa/contrato';
import { recusaPelaAutenticacao } from './autenticacao';

/**
 * A caixa de e-mail da Azuton por IMAP (o legado usava a API do Gmail; o Gmail aceita IMAP com
 * senha de app ou OAuth2). Só as mensagens do remetente configurado; as tratadas vão para a pasta
 * configurada (o "fetch_and_move" do legado) e as recusadas para outra, para não travarem as de
 * trás. Credenciais só do ambiente, nunca em log.
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
  pastaRecusadas: string;
  remetente: string;
  /** `authserv-id` do servidor cujo `Authentication-Results` vale; null: o mais de cima. */
  authservId: string | null;
  /** Hosts dos links de boleto e fatura que o robô aceita abrir. */
  dominios: string[];
  /** Mensagens a baixar por leitura (as demais ficam para a próxima; as recusadas não contam). */
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
    pastaRecusadas: ambiente.AZUTON_IMAP_PASTA_RECUSADAS?.trim() || 'Azuton/Recusadas',
    remetente: obrigatoria(ambiente, 'AZUTON_REMETENTE').toLowerCase(),
    authservId: ambiente.AZUTON_AUTHSERV_ID?.trim().toLowerCase() || null,
    dominios,
    limite: Number.isInteger(limite) && limite > 0 ? limite : 50,
  };
};

export interface MensagemDaCaixa {
  uid: number;
  /** Message-ID do cabeçalho; sem ele, `local`. */
  id: string;
  /** Pasta + UIDVALIDITY + UID: estáveis na caixa e, ao contrário do Message-ID, impossíveis de forjar. */
  local: string;
  /** Por que o cabeçalho já condena a mensagem (remetente, autenticação), ou null. */
  recusa: string | null;
  remetente: string;
  assunto: string;
  recebidaEm: string | null;
  html: string;
}

export class CaixaImap {
  /** As pastas de destino que já existem (conferidas uma vez por leitura, não a cada mensagem). */
  private readonly prontas = new Set<string>();

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

  /**
   * As mensagens do remetente na pasta, das mais antigas às mais novas, até `limite` a baixar. As
   * que o cabeçalho já condena vêm junto (com `recusa`) e não contam: lidas em lotes, uma fila
   * delas na frente não esconde a fatura boa de trás.
   */
  async mensagens(): Promise<MensagemDaCaixa[]> {
    const { pasta, remetente, limite } = this.configuracao;
    const trava = await this.cliente.getMailboxLock(pasta);
    try {
      const uids = (await this.cliente.search({ from: remetente }, { uid: true })) || [];
      const validade = this.cliente.mailbox ? String(this.cliente.mailbox.uidValidity) : '0';
      const lidas: MensagemDaCaixa[] = [];
      let aBaixar = 0;
      for (let inicio = 0; inicio < uids.length && aBaixar < limite; inicio += limite) {
        const brutas: Array<{ uid: number; fonte: Buffer }> = [];
        // Ler o lote antes de processar: o imapflow não aceita outros comandos durante um fetch.
        const lote = uids.slice(inicio, inicio + limite);
        for await (const m of this.cliente.fetch(lote, { uid: true, source: true }, { uid: true }))
          if (m.source) brutas.push({ uid: m.uid, fonte: m.source });
        for (const { uid, fonte } of brutas.sort((a, b) => a.uid - b.uid)) {
          if (aBaixar >= limite) break;
          const mensagem = this.ler(await simpleParser(fonte), `${pasta}:${validade}:${uid}`, uid);
          if (!mensagem.recusa) aBaixar += 1;
          lidas.push(mensagem);
        }
      }
      return lidas;
    } finally {
      trava.release();
    }
  }

  private ler(email: ParsedMail, local: string, uid: number): MensagemDaCaixa {
    const { remetente, authservId } = this.configuracao;
    const enderecos = email.from?.value ?? [];
    const de = enderecos[0]?.address?.toLowerCase() ?? '';
    // O SEARCH FROM do IMAP casa por trecho (e pelo nome): aqui só o remetente exato, sozinho.
    const recusa =
      enderecos.length > 1
        ? 'O From tem mais de um endereço: só o de AZUTON_REMETENTE, sozinho, é aceito.'
        : de !== remetente
          ? 'O remetente não é o de AZUTON_REMETENTE (a busca do IMAP casou só um trecho do From).'
          : recusaPelaAutenticacao(
              email.headerLines
                .filter((h) => h.key === 'authentication-results')
                .map((h) => h.line.slice(h.line.indexOf(':') + 1)),
              de,
              authservId
            );
    return {
      uid,
      id: email.messageId?.trim() || local,
      local,
      recusa,
      remetente: de,
      assunto: email.subject ?? '',
      recebidaEm: email.date ? email.date.toISOString() : null,
      html: recusa ? '' : typeof email.html === 'string' ? email.html : (email.textAsHtml ?? ''),
    };
  }

  /** Move a mensagem tratada para a pasta das tratadas (criada se faltar). */
  moverParaTratadas(uid: number): Promise<void> {
    return this.mover(uid, this.configuracao.pastaTratadas);
  }

  /** Move a mensagem recusada para a pasta das recusadas (criada se faltar): sai da frente das outras. */
  moverParaRecusadas(uid: number): Promise<void> {
    return this.mover(uid, this.configuracao.pastaRecusadas);
  }

  private async mover(uid: number, destino: string): Promise<void> {
    if (!this.prontas.has(destino)) {
      const existentes = await this.cliente.list();
      if (!existentes.some((p) => p.path === destino)) await this.cliente.mailboxCreate(destino);
      this.prontas.add(destino);
    }
    const trava = await this.cliente.getMailboxLock(this.configuracao.pasta);
    try {
      await this.cliente.messageMove(String(uid), destino, { uid: true });
    } finally {
      trava.release();
    }
  }

  async fechar(): Promise<void> {
    await this.cliente.logout().catch(() => this.cliente.close());
  }
}
