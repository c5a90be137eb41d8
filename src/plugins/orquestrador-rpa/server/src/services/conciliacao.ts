import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PDFDocument, type PDFFont, type PDFPage, StandardFonts } from 'pdf-lib';
import { tabelas } from './consultas-sql';
import {
  BOM,
  type ConciliacaoMes,
  type EstadoProcesso,
  ESTADOS_PENDENTES,
  ESTADOS_PROCESSO,
  linhaCsv,
  type OperadoraConciliacao,
  type PendenciaConciliacao,
  type PendenteConciliacao,
  roboDaOperadora,
  StatusExecucao,
  TipoExecucao,
  UID,
} from '@orquestrador-rpa/contrato';

type Linha = Record<string, unknown>;

/**
 * Aprovado: tudo o que já saiu das pendências do contrato (`ESTADOS_PENDENTES`); recebido: isso mais
 * a fatura esperando a decisão ou rejeitada; enviado: só ENVIADO_SAT.
 */
const APROVADOS = ESTADOS_PROCESSO.filter((e) => !ESTADOS_PENDENTES.includes(e));
const RECEBIDOS: readonly EstadoProcesso[] = [...APROVADOS, 'AGUARDANDO_APROVACAO', 'REJEITADA'];
const ENVIADOS: readonly EstadoProcesso[] = ['ENVIADO_SAT'];

const MOTIVO_DO_ERRO: Record<string, string> = {
  LOGIN: 'falha de login no portal',
  SEM_FATURA: 'sem fatura no portal',
  SELETOR: 'o portal mudou (elemento não encontrado)',
  REDE: 'portal inalcançável',
  PORTAL_FORA: 'portal fora do ar',
  TIMEOUT: 'o portal não respondeu a tempo',
  NEGOCIO: 'recusa de negócio',
  DESCONHECIDO: 'erro desconhecido',
};

const DIA_MS = 24 * 3600 * 1000;

const dataDe = (valor: unknown): Date | null =>
  valor === null || valor === undefined
    ? null
    : new Date(
        typeof valor === 'string' && /^\d+$/.test(valor) ? Number(valor) : (valor as string | number | Date)
      );

/** O que falta e por quê, para uma linha (cliente × processo do mês). */
export const pendenciaDe = (
  linha: {
    status: EstadoProcesso | null;
    codigo: string;
    possui_rpa: boolean;
    atualizado: Date | null;
    erro: Linha | null;
  },
  mesAno: string,
  agora = new Date()
): { pendencia: PendenciaConciliacao; motivo: string } | null => {
  const robo = linha.possui_rpa ? roboDaOperadora(linha.codigo) : 'NENHUM';
  switch (linha.status) {
    case null:
      return { pendencia: 'SEM_PROCESSO', motivo: `Sem processo em ${mesAno}: gere os processos do mês.` };
    case 'AGUARDANDO_DOWNLOAD':
    case 'DOWNLOAD_EM_ANDAMENTO':
      if (robo === 'EMAIL')
        return { pendencia: 'AGUARDANDO_EMAIL', motivo: 'Aguardando o e-mail da fatura.' };
      if (robo === 'PORTAL')
        return {
          pendencia: 'AGUARDANDO_ROBO',
          motivo:
            linha.status === 'DOWNLOAD_EM_ANDAMENTO'
              ? 'Download em andamento.'
              : 'Aguardando o download do robô.',
        };
      return { pendencia: 'AGUARDANDO_UPLOAD', motivo: 'Sem robô homologado: aguardando o upload manual.' };
    case 'FALHA_DOWNLOAD': {
      const tipo = typeof linha.erro?.tipo_erro === 'string' ? linha.erro.tipo_erro : null;
      const mensagem = typeof linha.erro?.mensagem === 'string' ? linha.erro.mensagem : null;
      const resumo = tipo ? (MOTIVO_DO_ERRO[tipo] ?? tipo) : 'motivo não registrado';
      return {
        pendencia: 'FALHA_DOWNLOAD',
        motivo: `Falha no download: ${resumo}${mensagem ? ` (${mensagem})` : ''}.`,
      };
    }
    case 'AGUARDANDO_APROVACAO': {
      const dias = linha.atualizado
        ? Math.max(0, Math.floor((agora.getTime() - linha.atualizado.getTime()) / DIA_MS))
        : 0;
      return { pendencia: 'AGUARDANDO_APROVACAO', motivo: `Aguardando aprovação há ${dias} dia(s).` };
    }
    case 'REJEITADA':
      return {
        pendencia: 'REJEITADA',
        motivo: 'Fatura rejeitada: reabra para baixar de novo ou envie outra.',
      };
    case 'APROVADA':
    case 'ENVIANDO_SAT':
      return { pendencia: 'AGUARDANDO_ENVIO_SAT', motivo: 'Aprovada: aguardando o envio ao SAT.' };
    case 'FALHA_ENVIO_SAT':
      return { pendencia: 'FALHA_ENVIO_SAT', motivo: 'O envio ao SAT falhou: reenvie.' };
    case 'CONFERIR_SAT':
      return { pendencia: 'CONFERIR_SAT', motivo: 'Confira no SAT se a fatura entrou.' };
    default:
      return null;
  }
};

const somaSe = (knex: Knex, estados: readonly string[], nome: string) =>
  knex.raw(
    `sum(case when pm.status in (${estados.map(() => '?').join(', ')}) then 1 else 0 end) as ${nome}`,
    [...estados]
  );

export const COLUNAS_CONCILIACAO = [
  'operadora',
  'cliente',
  'cnpj',
  'processo',
  'status_processo',
  'pendencia',
  'motivo',
  'data_vencimento',
] as const;

/**
 * Conciliação do mês: por operadora, esperado (clientes ativos) × recebido × aprovado × enviado ao
 * SAT, contados no banco (GROUP BY); e cada cliente que ainda não chegou ao SAT, com o motivo
 * (sem processo, sem robô, falha de login, sem fatura no portal, aprovação parada há N dias...).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  /** Clientes esperados (ativos ou com processo no mês) com o processo do mês, se houver. */
  const base = (mesAno: string) => {
    const t = tabelas(strapi);
    const k = knex();
    const doMes = k(`${t.processos} as p`)
      .join(`${t.processoCliente.name} as pc`, `pc.${t.processoCliente.joinColumn.name}`, 'p.id')
      .where('p.mes_ano', mesAno)
      .select(
        'p.id as processo_id',
        'p.document_id as processo',
        'p.status_processo as status',
        'p.updated_at as atualizado',
        'p.data_vencimento as vencimento',
        `pc.${t.processoCliente.inverseJoinColumn.name} as cliente_id`
      )
      .as('pm');
    return k(`${t.clientes} as c`)
      .join(`${t.clienteOperadora.name} as co`, `co.${t.clienteOperadora.joinColumn.name}`, 'c.id')
      .join(`${t.operadoras} as o`, 'o.id', `co.${t.clienteOperadora.inverseJoinColumn.name}`)
      .leftJoin(doMes, 'pm.cliente_id', 'c.id')
      .where((q) => q.where('c.status_ativo', true).orWhereNotNull('pm.processo_id'));
  };

  /** Último erro de download de cada processo em falha (detalhes da execução FALHOU mais recente). */
  const ultimosErros = async (processos: number[]): Promise<Map<number, Linha>> => {
    const erros = new Map<number, Linha>();
    for (let i = 0; i < processos.length; i += 500) {
      const execucoes = (await strapi.db.query(UID.EXECUCAO).findMany({
        where: {
          processo: { id: { $in: processos.slice(i, i + 500) } },
          tipo_execucao: TipoExecucao.DOWNLOAD_FATURA,
          status_execucao: StatusExecucao.FALHOU,
        },
        select: ['id', 'detalhes_erro'],
        populate: { processo: { select: ['id'] } },
        orderBy: { id: 'desc' },
      })) as Array<{ detalhes_erro: unknown; processo: { id: number } | null }>;
      for (const e of execucoes) {
        const id = e.processo?.id;
        if (id === undefined || erros.has(id)) continue;
        const detalhes = typeof e.detalhes_erro === 'string' ? JSON.parse(e.detalhes_erro) : e.detalhes_erro;
        erros.set(id, (detalhes ?? {}) as Linha);
      }
    }
    return erros;
  };

  return {
    async doMes(mesAno: string, agora = new Date()): Promise<ConciliacaoMes> {
      const k = knex();
      const porOperadora = (await base(mesAno)
        .select('o.codigo as codigo', 'o.nome as nome')
        .count({ esperado: '*' })
        .select(
          somaSe(k, RECEBIDOS, 'recebido'),
          somaSe(k, APROVADOS, 'aprovado'),
          somaSe(k, ENVIADOS, 'enviado')
        )
        .groupBy('o.codigo', 'o.nome')
        .orderBy('o.nome')) as Linha[];
      const operadoras: OperadoraConciliacao[] = porOperadora.map((l) => ({
        codigo: String(l.codigo),
        nome: String(l.nome),
        esperado: Number(l.esperado ?? 0),
        recebido: Number(l.recebido ?? 0),
        aprovado: Number(l.aprovado ?? 0),
        enviado: Number(l.enviado ?? 0),
      }));
      const linhas = (await base(mesAno)
        .where((q) => q.whereNull('pm.status').orWhereNot('pm.status', 'ENVIADO_SAT'))
        .select(
          'o.codigo as codigo',
          'o.nome as operadora',
          'o.possui_rpa as possui_rpa',
          'c.document_id as cliente',
          'c.nome_sat as nome_sat',
          'c.cnpj as cnpj',
          'pm.processo_id as processo_id',
          'pm.processo as processo',
          'pm.status as status',
          'pm.atualizado as atualizado',
          'pm.vencimento as vencimento'
        )
        .orderBy([{ column: 'o.nome' }, { column: 'c.nome_sat' }])) as Linha[];
      const erros = await ultimosErros(
        linhas.filter((l) => l.status === 'FALHA_DOWNLOAD').map((l) => Number(l.processo_id))
      );
      const pendentes: PendenteConciliacao[] = [];
      for (const l of linhas) {
        const status = (l.status ?? null) as EstadoProcesso | null;
        const achado = pendenciaDe(
          {
            status,
            codigo: String(l.codigo),
            possui_rpa: Boolean(l.possui_rpa),
            atualizado: dataDe(l.atualizado),
            erro: erros.get(Number(l.processo_id)) ?? null,
          },
          mesAno,
          agora
        );
        if (!achado) continue;
        const vencimento = dataDe(l.vencimento);
        pendentes.push({
          operadora: String(l.operadora),
          cliente: { documentId: String(l.cliente), nome_sat: String(l.nome_sat), cnpj: String(l.cnpj) },
          processo: (l.processo as string | null) ?? null,
          status_processo: status,
          ...achado,
          data_vencimento:
            typeof l.vencimento === 'string'
              ? l.vencimento.slice(0, 10)
              : vencimento
                ? vencimento.toISOString().slice(0, 10)
                : null,
        });
      }
      const totais = operadoras.reduce(
        (soma, o) => ({
          esperado: soma.esperado + o.esperado,
          recebido: soma.recebido + o.recebido,
          aprovado: soma.aprovado + o.aprovado,
          enviado: soma.enviado + o.enviado,
        }),
        { esperado: 0, recebido: 0, aprovado: 0, enviado: 0 }
      );
      return { mes_ano: mesAno, totais, operadoras, pendentes };
    },

    /** CSV (Excel em português) com os totais por operadora e cada pendência. */
    async csv(mesAno: string): Promise<string> {
      const dados = await this.doMes(mesAno);
      return (
        BOM +
        linhaCsv(['operadora', 'esperado', 'recebido', 'aprovado', 'enviado']) +
        dados.operadoras
          .map((o) => linhaCsv([o.nome, o.esperado, o.recebido, o.aprovado, o.enviado]))
          .join('') +
        linhaCsv([
          'TOTAL',
          dados.totais.esperado,
          dados.totais.recebido,
          dados.totais.aprovado,
          dados.totais.enviado,
        ]) +
        '\r\n' +
        linhaCsv(COLUNAS_CONCILIACAO) +
        dados.pendentes
          .map((p) =>
            linhaCsv([
              p.operadora,
              p.cliente.nome_sat,
              p.cliente.cnpj,
              p.processo,
              p.status_processo,
              p.pendencia,
              p.motivo,
              p.data_vencimento,
            ])
          )
          .join('')
      );
    },

    /** PDF (A4 deitado) com os totais por operadora e cada pendência, para anexar ou imprimir. */
    async pdf(mesAno: string, agora = new Date()): Promise<Buffer> {
      const dados = await this.doMes(mesAno, agora);
      const documento = await PDFDocument.create();
      documento.setTitle(`Conciliação ${mesAno}`);
      const fonte = await documento.embedFont(StandardFonts.Helvetica);
      const negrito = await documento.embedFont(StandardFonts.HelveticaBold);
      const aceitos = new Set(fonte.getCharacterSet());
      const [largura, altura, margem] = [842, 595, 36];
      let pagina: PDFPage = documento.addPage([largura, altura]);
      let y = altura - margem;
      const linha = (colunas: Array<readonly [string, number]>, f: PDFFont = fonte, tamanho = 9) => {
        if (y < margem + 14) {
          pagina = documento.addPage([largura, altura]);
          y = altura - margem;
        }
        for (const [i, [texto, x]] of colunas.entries()) {
          const ate = colunas[i + 1]?.[1] ?? largura - margem;
          pagina.drawText(cabe(paraFonte(texto, aceitos), f, tamanho, ate - x - 6), {
            x,
            y,
            size: tamanho,
            font: f,
          });
        }
        y -= tamanho + 6;
      };
      const emColunas = (valores: unknown[], posicoes: number[]) =>
        valores.map((v, i) => [String(v), posicoes[i]!] as const);
      linha([[`Conciliação de ${mesAno}`, margem]], negrito, 16);
      linha([[`Gerado em ${agora.toLocaleString('pt-BR', { timeZone: 'America/Sao_Paulo' })}`, margem]]);
      y -= 6;
      const colunasTotais = [margem, 300, 400, 500, 600, 700];
      linha(
        emColunas(
          ['Operadora', 'Esperado', 'Recebido', 'Aprovado', 'Enviado ao SAT', 'Falta'],
          colunasTotais
        ),
        negrito
      );
      for (const [nome, t, f] of [
        ...dados.operadoras.map((o) => [o.nome, o, fonte] as const),
        ['Total', dados.totais, negrito] as const,
      ])
        linha(
          emColunas(
            [nome, t.esperado, t.recebido, t.aprovado, t.enviado, t.esperado - t.enviado],
            colunasTotais
          ),
          f
        );
      y -= 10;
      linha([[`O que falta (${dados.pendentes.length})`, margem]], negrito, 12);
      const colunas = [margem, 170, 330, 720];
      linha(emColunas(['Operadora', 'Cliente', 'O que falta', 'Vencimento'], colunas), negrito);
      for (const p of dados.pendentes)
        linha(
          emColunas(
            [
              p.operadora,
              p.cliente.nome_sat,
              p.motivo,
              p.data_vencimento ? p.data_vencimento.split('-').reverse().join('/') : '—',
            ],
            colunas
          ),
          fonte,
          8
        );
      return Buffer.from(await documento.save());
    },
  };
};

/**
 * Texto que a fonte padrão do PDF (WinAnsi) desenha: em NFC; letra acentuada que ela não tem vira a
 * letra base; marcas soltas e caracteres invisíveis (ZWJ, seletor de variação) saem; o resto (emoji,
 * CJK...) vira '?'. Um nome de cliente qualquer nunca derruba o relatório.
 */
export const paraFonte = (texto: string, aceitos: ReadonlySet<number>): string =>
  Array.from(texto.normalize('NFC'), (c) => {
    if (aceitos.has(c.codePointAt(0)!)) return c;
    if (/\s/.test(c)) return ' ';
    const base = c.normalize('NFD').replace(/\p{M}/gu, '');
    if (base && Array.from(base).every((b) => aceitos.has(b.codePointAt(0)!))) return base;
    return /[\p{M}\p{Cf}]/u.test(c) ? '' : '?';
  }).join('');

/** Corta o texto (com reticências) para caber na largura da coluna. */
const cabe = (texto: string, fonte: PDFFont, tamanho: number, maximo: number): string => {
  if (fonte.widthOfTextAtSize(texto, tamanho) <= maximo) return texto;
  let corte = texto;
  while (corte.length > 1 && fonte.widthOfTextAtSize(`${corte}…`, tamanho) > maximo)
    corte = corte.slice(0, -1);
  return `${corte}…`;
};
