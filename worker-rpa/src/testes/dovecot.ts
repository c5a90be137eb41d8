import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import { ImapFlow } from 'imapflow';
import { portaAberta, portaLivre } from '../../../tests/ajudantes/portas';

/**
 * Um servidor IMAP de verdade para os testes: o Dovecot do Debian (`dovecot-imapd`, instalado pelo
 * `.ci/run`) com configuração própria numa pasta temporária, uma caixa com senha e uma porta livre
 * no loopback. As mensagens entram por IMAP APPEND, como chegariam de um servidor de e-mail.
 */
export interface MensagemTeste {
  de: string;
  assunto: string;
  html: string;
  messageId?: string;
  data?: Date;
  /** Linhas de cabeçalho no topo, na ordem (como as que o servidor de e-mail acrescenta: `Authentication-Results`...). */
  cabecalhos?: string[];
  /** O `From` inteiro, no lugar de `Azuton <de>`. */
  from?: string;
}

export interface DovecotTeste {
  host: string;
  porta: number;
  usuario: string;
  senha: string;
  /** Ambiente do worker para ler esta caixa. */
  ambiente: (extras?: Record<string, string>) => Record<string, string>;
  entregar: (mensagem: MensagemTeste, pasta?: string) => Promise<void>;
  /** Assuntos das mensagens de uma pasta (vazia se a pasta não existe). */
  assuntos: (pasta: string) => Promise<string[]>;
  esvaziar: () => Promise<void>;
  parar: () => Promise<void>;
}

export const DOVECOT = '/usr/sbin/dovecot';

/** Mensagem MIME com corpo HTML em base64 (o mailparser decodifica como faria com a da Azuton). */
const mime = (m: MensagemTeste, para: string): string =>
  [
    ...(m.cabecalhos ?? []),
    `From: ${m.from ?? `Azuton <${m.de}>`}`,
    `To: ${para}`,
    `Subject: =?UTF-8?B?${Buffer.from(m.assunto).toString('base64')}?=`,
    `Date: ${(m.data ?? new Date()).toUTCString()}`,
    `Message-ID: ${m.messageId ?? `<${randomBytes(8).toString('hex')}@azuton.teste>`}`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(m.html).toString('base64').replace(/.{76}/g, '$&\r\n'),
    '',
  ].join('\r\n');

export const iniciarDovecot = async (): Promise<DovecotTeste> => {
  const pasta = fs.mkdtempSync(path.join(os.tmpdir(), 'dovecot-'));
  const porta = await portaLivre();
  const usuario = 'faturas@empresa.teste';
  const senha = randomBytes(9).toString('hex');
  const root = process.getuid?.() === 0;
  const eu = os.userInfo().username;
  // Os processos do Dovecot (auth, imap) rodam com outro usuário: precisam atravessar a pasta e ler as senhas.
  fs.chmodSync(pasta, 0o755);
  for (const sub of ['run', 'estado', 'correio']) fs.mkdirSync(path.join(pasta, sub));
  fs.writeFileSync(path.join(pasta, 'usuarios'), `${usuario}:{PLAIN}${senha}\n`, { mode: 0o644 });
  // Como root, as caixas ficam com o usuário `dovecot` do pacote; sem root, com o usuário atual.
  const dono = root ? 'dovecot' : eu;
  if (root) fs.chownSync(path.join(pasta, 'correio'), Number(execId('-u', dono)), Number(execId('-g', dono)));
  fs.writeFileSync(
    path.join(pasta, 'dovecot.conf'),
    `base_dir = ${pasta}/run
state_dir = ${pasta}/estado
log_path = ${pasta}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:${pasta}/correio/%u
${root ? '' : `default_internal_user = ${eu}\ndefault_login_user = ${eu}\n`}namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${pasta}/usuarios
}
userdb {
  driver = static
  args = uid=${dono} gid=${root ? 'dovecot' : os.userInfo().gid} home=${pasta}/correio/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${porta}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`
  );
  const processo: ChildProcess = spawn(DOVECOT, ['-F', '-c', path.join(pasta, 'dovecot.conf')], {
    stdio: 'ignore',
  });
  const limite = Date.now() + 15_000;
  while (!(await portaAberta(porta))) {
    if (Date.now() > limite || processo.exitCode !== null) {
      processo.kill('SIGKILL');
      const log = fs.existsSync(path.join(pasta, 'dovecot.log'))
        ? fs.readFileSync(path.join(pasta, 'dovecot.log'), 'utf8')
        : '';
      throw new Error(`Dovecot não subiu na porta ${porta}:\n${log.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const comCliente = async <T>(acao: (cliente: ImapFlow) => Promise<T>): Promise<T> => {
    const cliente = new ImapFlow({
      host: '127.0.0.1',
      port: porta,
      secure: false,
      auth: { user: usuario, pass: senha },
      logger: false,
    });
    await cliente.connect();
    try {
      return await acao(cliente);
    } finally {
      await cliente.logout().catch(() => undefined);
    }
  };

  return {
    host: '127.0.0.1',
    porta,
    usuario,
    senha,
    ambiente: (extras = {}) => ({
      AZUTON_IMAP_HOST: '127.0.0.1',
      AZUTON_IMAP_PORTA: String(porta),
      AZUTON_IMAP_TLS: 'false',
      AZUTON_IMAP_USUARIO: usuario,
      AZUTON_IMAP_SENHA: senha,
      ...extras,
    }),
    entregar: (mensagem, destino = 'INBOX') =>
      comCliente(async (c) => {
        await c.append(destino, mime(mensagem, usuario));
      }),
    assuntos: (alvo) =>
      comCliente(async (c) => {
        if (!(await c.list()).some((p) => p.path === alvo)) return [];
        const trava = await c.getMailboxLock(alvo);
        try {
          const assuntos: string[] = [];
          if (c.mailbox && c.mailbox.exists)
            for await (const m of c.fetch('1:*', { envelope: true }))
              assuntos.push(m.envelope?.subject ?? '');
          return assuntos.sort();
        } finally {
          trava.release();
        }
      }),
    esvaziar: () =>
      comCliente(async (c) => {
        for (const p of await c.list()) {
          if (p.flags.has('\\Noselect')) continue;
          const trava = await c.getMailboxLock(p.path);
          try {
            if (c.mailbox && c.mailbox.exists) await c.messageDelete('1:*');
          } finally {
            trava.release();
          }
        }
      }),
    parar: async () => {
      const saiu = new Promise((r) => processo.once('exit', r));
      processo.kill('SIGTERM');
      await Promise.race([saiu, new Promise((r) => setTimeout(r, 5_000).unref())]);
      if (processo.exitCode === null) processo.kill('SIGKILL');
      fs.rmSync(pasta, { recursive: true, force: true });
    },
  };
};

/** uid/gid de um usuário do sistema (`id -u dovecot`). */
const execId = (opcao: '-u' | '-g', usuario: string): string =>
  execFileSync('id', [opcao, usuario], { encoding: 'utf8' }).trim();
