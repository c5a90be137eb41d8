import { AsyncLocalStorage } from 'async_hooks';
import type { Core } from '@strapi/strapi';
import {
  ACAO_ALTERACAO_SENSIVEL,
  ROTULOS_ALTERACAO_SENSIVEL,
  ROTULOS_EVENTO,
  UID,
  type CanalNotificacao,
  type TipoAlteracaoSensivel,
} from '@orquestrador-rpa/contrato';
import { AUTOR_SISTEMA, autorAtual, type Autor } from '../regras/autor';
import { registrarAuditoria } from '../regras/auditoria';
import { configuracao } from '../configuracao';
import { identidadeDe } from './requisitante';
import { loginsDoUsuario, perfilPorCodigos, PERFIS_QUE_DECIDEM } from '../workflow/perfil-atual';
import { usuarioDoLogin } from '../workflow/pessoa';
import {
  destinosDaPessoa,
  endereco,
  pessoasComPerfilAtual,
  type Destinatario,
  type UsuarioNotificavel,
} from '../notificacoes/destinatarios';
import { registrarNotificacoes } from '../notificacoes/registro';
import { despacharNotificacoes } from '../notificacoes/fila';

/**
 * Alterações sensíveis em contas que decidem, feitas por outra pessoa — em qualquer porta (rotas do
 * admin, Content Manager, API, serviços), porque são vistas na camada de banco: conta criada ou
 * reativada com papel que aprova, papel que aprova atribuído, senha ou e-mail de login trocados,
 * destinos das notificações ou login do cadastro `usuario` mudados. Cada uma fica na auditoria,
 * avisa a pessoa (também no destino antigo) e os outros administradores, e abre a carência para
 * aprovar (`src/workflow/carencia.ts`). Chamadas internas (subida, `npm run semear`, CLI) e quem
 * prova o e-mail pelo link de cadastro ou de nova senha não contam como outra pessoa.
 */
const ADMIN = 'admin::user';
const INTEGRADOR = 'plugin::users-permissions.user';
const DESTINOS = ['email', 'telefone', 'telegram_chat_id', 'slack_destino', 'canais_notificacao'] as const;
/** Destinos além do e-mail (o e-mail do cadastro adotado é o da própria pessoa). */
const PREPARADOS = ['telefone', 'telegram_chat_id', 'slack_destino'] as const;

type Dados = Record<string, unknown>;
interface Retrato {
  identidade: string;
  email: string | null;
  senha: string | null;
  ativo: boolean;
  decide: boolean;
}
interface RetratoUsuario extends Dados {
  id: number;
  logins: string[];
}
interface Evento {
  model: { uid: string };
  params: { where?: Dados; data?: Dados };
  result?: Dados | null;
  state: Dados;
}

/** Dentro do próprio registro (criar o `usuario` de quem vai ser avisado) nada é vigiado de novo. */
const silencio = new AsyncLocalStorage<true>();

const retratoDoLogin = async (strapi: Core.Strapi, uid: string, where: Dados): Promise<Retrato | null> => {
  if (uid === ADMIN) {
    const a = (await strapi.db.query(ADMIN).findOne({
      where,
      select: ['id', 'email', 'password', 'isActive', 'blocked'],
      populate: { roles: { select: ['code'] } },
    })) as (Dados & { roles?: Array<{ code: string }> }) | null;
    if (!a) return null;
    return {
      identidade: `PAINEL:${String(a.id)}`,
      email: (a.email as string) ?? null,
      senha: (a.password as string) ?? null,
      ativo: !!a.isActive && !a.blocked,
      decide: PERFIS_QUE_DECIDEM.has(perfilPorCodigos((a.roles ?? []).map((r) => r.code)) ?? ''),
    };
  }
  const i = (await strapi.db.query(INTEGRADOR).findOne({
    where,
    select: ['id', 'email', 'password', 'blocked'],
    populate: { role: { select: ['type'] } },
  })) as (Dados & { role?: { type: string } | null }) | null;
  if (!i) return null;
  return {
    identidade: `API:${String(i.id)}`,
    email: (i.email as string) ?? null,
    senha: (i.password as string) ?? null,
    ativo: !i.blocked,
    decide: PERFIS_QUE_DECIDEM.has(perfilPorCodigos([i.role?.type ?? '']) ?? ''),
  };
};

const retratoDoUsuario = async (strapi: Core.Strapi, where: Dados): Promise<RetratoUsuario | null> => {
  const u = (await strapi.db.query(UID.USUARIO).findOne({
    where,
    select: ['id', 'id_usuario_admin', ...DESTINOS],
    populate: { usuario_api: { select: ['id'] } },
  })) as (Dados & { id: number; id_usuario_admin: number | null; usuario_api: { id: number } | null }) | null;
  if (!u) return null;
  const logins = [
    ...(u.id_usuario_admin ? [`PAINEL:${u.id_usuario_admin}`] : []),
    ...(u.usuario_api ? [`API:${u.usuario_api.id}`] : []),
  ];
  return { ...u, logins };
};

const mesmoTexto = (a: unknown, b: unknown): boolean =>
  JSON.stringify(typeof a === 'string' ? a.trim().toLowerCase() : (a ?? null)) ===
  JSON.stringify(typeof b === 'string' ? b.trim().toLowerCase() : (b ?? null));

/**
 * O que mudou num login, de qualquer perfil: uma conta de Operador criada ou com a senha trocada
 * por um administrador é a fachada com que ele traria a fatura que depois aprovaria.
 */
const tiposDoLogin = (antes: Retrato | null, depois: Retrato): TipoAlteracaoSensivel[] => {
  if (!antes) return ['CONTA_CRIADA'];
  const tipos: TipoAlteracaoSensivel[] = [];
  if (!antes.decide && depois.decide) tipos.push('PAPEL_QUE_DECIDE');
  if (antes.senha !== depois.senha) tipos.push('SENHA_TROCADA');
  if (!mesmoTexto(antes.email, depois.email)) tipos.push('EMAIL_TROCADO');
  if (!antes.ativo && depois.ativo) tipos.push('CONTA_REATIVADA');
  return tipos;
};

/** Quem altera é uma pessoa identificada (ou um token de API)? Sem isso (sistema, robô, link de e-mail), nada a vigiar. */
const autorPessoa = (strapi: Core.Strapi): string | null => {
  const autor = autorAtual(strapi);
  return autor.usuario_id && autor.origem !== 'ROBO' ? identidadeDe(autor) : null;
};

const texto = (tipos: TipoAlteracaoSensivel[], conta: string, autor: string, horas: number) => {
  const o_que = tipos.map((t) => ROTULOS_ALTERACAO_SENSIVEL[t]).join(', ');
  return {
    assunto: `${ROTULOS_EVENTO.CONTA_ALTERADA}: ${conta}`,
    texto: [
      `${ROTULOS_EVENTO.CONTA_ALTERADA}.`,
      '',
      `Conta: ${conta}`,
      `O que mudou: ${o_que}`,
      `Quem alterou: ${autor}`,
      '',
      horas > 0
        ? `Por segurança, esta conta só aprova faturas daqui a ${horas} h, ou antes, se outro administrador confirmar a alteração no painel (Contas em carência).`
        : 'A carência para aprovar está desligada (QUATRO_OLHOS_CARENCIA_HORAS=0).',
      'Se você não esperava esta alteração, avise os administradores agora.',
    ].join('\n'),
  };
};

/** Auditoria, avisos (a pessoa, no destino antigo também, e os outros administradores) e carência. */
const registrar = async (
  strapi: Core.Strapi,
  alteracao: {
    identidade: string;
    tipos: TipoAlteracaoSensivel[];
    conta: string;
    destinosAntigos?: Array<{ canal: CanalNotificacao; endereco: string }>;
  },
  autor: Autor = autorAtual(strapi)
): Promise<void> =>
  silencio.run(true, async () => {
    const quem = identidadeDe(autor);
    const marca = await registrarAuditoria(
      strapi,
      {
        acao: ACAO_ALTERACAO_SENSIVEL,
        entidade: 'pessoa',
        id_entidade: alteracao.identidade,
        depois: { tipos: alteracao.tipos, pessoa: alteracao.conta },
      },
      autor
    );
    const usuarioId = await usuarioDoLogin(strapi, alteracao.identidade);
    const pessoas = await pessoasComPerfilAtual(strapi);
    const afetada = pessoas.find((p) => p.usuario.id === usuarioId)?.usuario;
    const administradores = pessoas.filter(
      (p) =>
        p.perfil === 'ADMINISTRADOR' &&
        p.usuario.id !== usuarioId &&
        !loginsDoUsuario(p.usuario).includes(quem)
    );
    const mensagem = texto(
      alteracao.tipos,
      alteracao.conta,
      autor.usuario_email ??
        (autor.origem === 'SISTEMA' ? 'cadastro preparado antes do primeiro acesso' : quem),
      configuracao().quatroOlhos.carenciaHoras
    );
    // Uma marca por lote: a chave da caixa de saída é evento + marca + pessoa + canal.
    const lotes: Array<[string, Destinatario[]]> = [
      [
        marca,
        [...(afetada ? comEmail(afetada) : []), ...administradores.flatMap((p) => comEmail(p.usuario))],
      ],
    ];
    if (usuarioId) {
      if (afetada?.email.trim().toLowerCase() !== alteracao.conta.trim().toLowerCase())
        lotes.push([`${marca}:conta`, [{ usuarioId, canal: 'EMAIL', endereco: alteracao.conta }]]);
      lotes.push([`${marca}:antigo`, (alteracao.destinosAntigos ?? []).map((d) => ({ usuarioId, ...d }))]);
    }
    const criadas: string[] = [];
    for (const [marcaDoLote, destinatarios] of lotes)
      if (destinatarios.length)
        criadas.push(
          ...(await registrarNotificacoes(strapi, {
            evento: 'CONTA_ALTERADA',
            texto: mensagem,
            marca: marcaDoLote,
            destinatarios,
          }))
        );
    // Publica depois do commit da transação em curso (ou logo, se a alteração não estava numa).
    await strapi.db.transaction(async ({ onCommit }) => {
      onCommit(() => void despacharNotificacoes(strapi, criadas));
    });
  });

/** O alerta de conta sempre chega ao e-mail, escolha a pessoa os canais que escolher (até nenhum). */
const comEmail = (usuario: UsuarioNotificavel): Destinatario[] => {
  const destinos = destinosDaPessoa(usuario);
  return destinos.some((d) => d.canal === 'EMAIL')
    ? destinos
    : [...destinos, { usuarioId: usuario.id, canal: 'EMAIL', endereco: usuario.email }];
};

/** Login do painel ou da API criado ou alterado. */
const vigiarLogin = (strapi: Core.Strapi) => ({
  async beforeUpdate(evento: Evento) {
    if (silencio.getStore() || !autorPessoa(strapi)) return;
    evento.state.antes = await retratoDoLogin(strapi, evento.model.uid, evento.params.where ?? {});
  },
  async afterUpdate(evento: Evento) {
    const autor = autorPessoa(strapi);
    const antes = evento.state.antes as Retrato | null | undefined;
    if (silencio.getStore() || !autor || !antes || !evento.result) return;
    if (autor === antes.identidade) return; // a própria pessoa
    const depois = await retratoDoLogin(strapi, evento.model.uid, { id: evento.result.id });
    const tipos = depois ? tiposDoLogin(antes, depois) : [];
    if (depois && tipos.length)
      await registrar(strapi, {
        identidade: depois.identidade,
        tipos,
        conta: antes.email ?? depois.identidade,
      });
  },
  async afterCreate(evento: Evento) {
    if (silencio.getStore() || !autorPessoa(strapi) || !evento.result) return;
    const depois = await retratoDoLogin(strapi, evento.model.uid, { id: evento.result.id });
    const tipos = depois ? tiposDoLogin(null, depois) : [];
    if (depois && tipos.length)
      await registrar(strapi, {
        identidade: depois.identidade,
        tipos,
        conta: depois.email ?? depois.identidade,
      });
  },
});

/** Cadastro `usuario`: destinos das notificações ou login vinculado mudados por outra pessoa. */
const vigiarUsuario = (strapi: Core.Strapi) => {
  const conferir = async (antes: RetratoUsuario | null, depois: RetratoUsuario, autor: string) => {
    if (antes?.logins.includes(autor) || (!antes && depois.logins.includes(autor))) return;
    if (antes && depois.logins.filter((l) => !antes.logins.includes(l)).join() === autor) {
      // A pessoa adotou, no primeiro acesso, um cadastro que outra pessoa preparou (achado pelo
      // e-mail dela): telefone, Telegram ou Slack que ela não escreveu contam como destinos desviados.
      if (PREPARADOS.some((campo) => depois[campo])) {
        const login = await retratoDoLogin(strapi, autor.startsWith('PAINEL:') ? ADMIN : INTEGRADOR, {
          id: Number(autor.split(':')[1]),
        });
        await registrar(
          strapi,
          { identidade: autor, tipos: ['DESTINOS_ALTERADOS'], conta: login?.email ?? autor },
          AUTOR_SISTEMA
        );
      }
      return;
    }
    const mudaram = antes ? DESTINOS.filter((campo) => !mesmoTexto(antes[campo], depois[campo])) : [];
    const antigos = antes
      ? (
          [
            ['EMAIL', 'email'],
            ['WHATSAPP', 'telefone'],
            ['TELEGRAM', 'telegram_chat_id'],
            ['SLACK', 'slack_destino'],
          ] as const
        ).flatMap(([canal, campo]) =>
          mudaram.includes(campo) && typeof antes[campo] === 'string' && antes[campo]
            ? [{ canal, endereco: endereco(antes as never, canal) ?? '' }].filter((d) => d.endereco)
            : []
        )
      : [];
    for (const identidade of depois.logins) {
      const login = await retratoDoLogin(strapi, identidade.startsWith('PAINEL:') ? ADMIN : INTEGRADOR, {
        id: Number(identidade.split(':')[1]),
      });
      if (!login) continue;
      const tipos: TipoAlteracaoSensivel[] = [
        ...(antes?.logins.includes(identidade) ? [] : (['LOGIN_VINCULADO'] as const)),
        ...(mudaram.length ? (['DESTINOS_ALTERADOS'] as const) : []),
      ];
      if (tipos.length)
        await registrar(strapi, {
          identidade,
          tipos,
          conta: login.email ?? identidade,
          destinosAntigos: antigos,
        });
    }
  };
  return {
    async beforeUpdate(evento: Evento) {
      if (silencio.getStore() || !autorPessoa(strapi)) return;
      evento.state.antes = await retratoDoUsuario(strapi, evento.params.where ?? {});
    },
    async afterUpdate(evento: Evento) {
      const autor = autorPessoa(strapi);
      const antes = evento.state.antes as RetratoUsuario | null | undefined;
      if (silencio.getStore() || !autor || !antes || !evento.result) return;
      const depois = await retratoDoUsuario(strapi, { id: evento.result.id });
      if (depois) await conferir(antes, depois, autor);
    },
    async afterCreate(evento: Evento) {
      const autor = autorPessoa(strapi);
      if (silencio.getStore() || !autor || !evento.result) return;
      const depois = await retratoDoUsuario(strapi, { id: evento.result.id });
      if (depois) await conferir(null, depois, autor);
    },
  };
};

export const vigiarAlteracoesSensiveis = (strapi: Core.Strapi): void => {
  strapi.db.lifecycles.subscribe({ models: [ADMIN, INTEGRADOR], ...vigiarLogin(strapi) } as never);
  strapi.db.lifecycles.subscribe({ models: [UID.USUARIO], ...vigiarUsuario(strapi) } as never);
};
