import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'net';

/**
 * Servidor SMTP real (smtp-server) na máquina do teste: recebe, interpreta com o mailparser e
 * guarda cada mensagem. Destinatário com "recusa" no endereço recebe 550 (caixa inexistente).
 */
export class SmtpLocal {
  readonly mensagens: ParsedMail[] = [];
  private servidor: SMTPServer | null = null;
  porta = 0;

  async ligar(): Promise<void> {
    this.servidor = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (endereco, _sessao, responder) => {
        if (endereco.address.includes('recusa'))
          return responder(Object.assign(new Error('Caixa postal inexistente'), { responseCode: 550 }));
        responder();
      },
      onData: (fluxo, _sessao, responder) => {
        simpleParser(fluxo)
          .then((mensagem) => {
            this.mensagens.push(mensagem);
            responder();
          })
          .catch(responder);
      },
    });
    await new Promise<void>((resolver) => this.servidor!.listen(0, '127.0.0.1', resolver));
    this.porta = (this.servidor.server.address() as AddressInfo).port;
  }

  para(endereco: string): ParsedMail[] {
    return this.mensagens.filter((m) => JSON.stringify(m.to ?? '').includes(endereco));
  }

  async desligar(): Promise<void> {
    await new Promise<void>((resolver) => (this.servidor ? this.servidor.close(resolver) : resolver()));
  }
}
