import type { Core } from '@strapi/strapi';
import {
  duracaoSegundos,
  execucoesComOperadora,
  execucoesComOperadoraPelasLigacoes,
  processosComCliente,
  tabelas,
  valorData,
} from './consultas-sql';
import {
  diaAtual,
  ESTADOS_PENDENTES,
  type PrazosFaturas,
  type SeriesPainel,
  somarMeses,
  roboDaOperadora,
  type SaudeOperadora,
  StatusExecucao,
  TipoExecucao,
  UID,
} from '@orquestrador-rpa/contrato';

type Linha = Record<string, unknown>;

const numero = (valor: unknown): number => Number(valor ?? 0);

/**
 * Números do dashboard, todos por agregação SQL (GROUP BY / COUNT / AVG), com filtro de mês:
 * processos por status, pendências por operadora e cliente, sucesso × falha das execuções,
 * atividades recentes e a saúde de cada operadora nos últimos 30 dias.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  return {
    async resumoDoMes(mesAno: string) {
      const t = tabelas(strapi);
      const pendentes = () =>
        processosComCliente(strapi, knex())
          .where('p.mes_ano', mesAno)
          .whereIn('p.status_processo', [...ESTADOS_PENDENTES]);
      // Consultas independentes ao mesmo tempo (no PostgreSQL, conexões do pool em paralelo).
      const [porStatus, porOperadora, porCliente, execucoes] = (await Promise.all([
        knex()(t.processos)
          .where({ mes_ano: mesAno })
          .select('status_processo as status')
          .count({ total: '*' })
          .groupBy('status_processo'),
        pendentes()
          .select('o.nome as operadora')
          .count({ total: '*' })
          .groupBy('o.nome')
          .orderBy([{ column: 'total', order: 'desc' }, { column: 'o.nome' }]),
        pendentes()
          .select('c.nome_sat as cliente')
          .count({ total: '*' })
          .groupBy('c.nome_sat')
          .orderBy([{ column: 'total', order: 'desc' }, { column: 'c.nome_sat' }])
          .limit(10),
        // Só processo → execução: a contagem não precisa de cliente nem operadora, e o índice
        // (id, status_execucao) a responde sem ler as linhas das execuções.
        knex()(`${t.processos} as p`)
          .join(`${t.execucaoProcesso.name} as ep`, `ep.${t.execucaoProcesso.inverseJoinColumn.name}`, 'p.id')
          .join(`${t.execucoes} as e`, 'e.id', `ep.${t.execucaoProcesso.joinColumn.name}`)
          .where('p.mes_ano', mesAno)
          .whereIn('e.status_execucao', [StatusExecucao.CONCLUIDO, StatusExecucao.FALHOU])
          .select('e.status_execucao as status')
          .count({ total: '*' })
          .groupBy('e.status_execucao'),
      ])) as Linha[][] as [Linha[], Linha[], Linha[], Linha[]];
      const contagem = (status: string) => numero(execucoes.find((l) => l.status === status)?.total);
      return {
        mes_ano: mesAno,
        total_processos: porStatus.reduce((soma, l) => soma + numero(l.total), 0),
        por_status: Object.fromEntries(porStatus.map((l) => [l.status, numero(l.total)])),
        pendentes_por_operadora: porOperadora.map((l) => ({
          operadora: l.operadora,
          total: numero(l.total),
        })),
        pendentes_por_cliente: porCliente.map((l) => ({ cliente: l.cliente, total: numero(l.total) })),
        execucoes: { sucesso: contagem(StatusExecucao.CONCLUIDO), falha: contagem(StatusExecucao.FALHOU) },
      };
    },

    /**
     * Prazos: faturas de qualquer competência ainda não enviadas ao SAT, pelo vencimento (contadas
     * no banco): vencidas, que vencem em até 3 dias e em até 7 dias (hoje no fuso da operação).
     */
    async prazos(agora = new Date()): Promise<PrazosFaturas> {
      const hoje = diaAtual(agora);
      const mais = (dias: number) => diaAtual(new Date(agora.getTime() + dias * 24 * 3600 * 1000));
      const k = knex();
      const [linha] = (await k(tabelas(strapi).processos)
        .whereNotNull('data_vencimento')
        .whereNot('status_processo', 'ENVIADO_SAT')
        .select(
          k.raw('sum(case when data_vencimento < ? then 1 else 0 end) as vencidas', [hoje]),
          k.raw('sum(case when data_vencimento >= ? and data_vencimento <= ? then 1 else 0 end) as em3', [
            hoje,
            mais(3),
          ]),
          k.raw('sum(case when data_vencimento >= ? and data_vencimento <= ? then 1 else 0 end) as em7', [
            hoje,
            mais(7),
          ])
        )) as Linha[];
      return {
        hoje,
        vencidas: numero(linha?.vencidas),
        vencem_em_3_dias: numero(linha?.em3),
        vencem_em_7_dias: numero(linha?.em7),
      };
    },

    /**
     * Séries dos relatórios, de `meses` competências até `ate` (inclusive), por competência do
     * processo: faturas por mês, valor por operadora, horas entre a fatura chegar e a aprovação, e
     * a taxa de sucesso dos downloads dos robôs por operadora. Tudo agregado no banco.
     */
    async series(ate: string, meses: number): Promise<SeriesPainel> {
      const lista = Array.from({ length: meses }, (_, i) => somarMeses(ate, i - meses + 1));
      const k = knex();
      const faturas = (await k(tabelas(strapi).processos)
        .whereIn('mes_ano', lista)
        .whereNotNull('hash_fatura')
        .select('mes_ano')
        .count({ total: '*' })
        .groupBy('mes_ano')
        .orderBy('mes_ano')) as Linha[];
      const valores = (await processosComCliente(strapi, k)
        .whereIn('p.mes_ano', lista)
        .whereNotNull('p.valor_fatura')
        .select('p.mes_ano as mes_ano', 'o.nome as operadora')
        .sum({ valor: 'p.valor_fatura' })
        .groupBy('p.mes_ano', 'o.nome')
        .orderBy([{ column: 'p.mes_ano' }, { column: 'o.nome' }])) as Linha[];
      const tempos = (await execucoesComOperadora(strapi, k)
        .whereIn('p.mes_ano', lista)
        .whereNotNull('p.data_aprovacao')
        .whereIn('e.tipo_execucao', [TipoExecucao.DOWNLOAD_FATURA, TipoExecucao.UPLOAD_MANUAL])
        .where('e.status_execucao', StatusExecucao.CONCLUIDO)
        .select('p.mes_ano as mes_ano')
        .avg({ segundos: k.raw(duracaoSegundos(strapi, 'p.data_aprovacao', 'e.data_fim')) })
        .groupBy('p.mes_ano')
        .orderBy('p.mes_ano')) as Linha[];
      const sucesso = (await execucoesComOperadora(strapi, k)
        .whereIn('p.mes_ano', lista)
        .where('e.tipo_execucao', TipoExecucao.DOWNLOAD_FATURA)
        .whereIn('e.status_execucao', [StatusExecucao.CONCLUIDO, StatusExecucao.FALHOU])
        .select('p.mes_ano as mes_ano', 'o.nome as operadora')
        .count({ total: '*' })
        .sum({ concluidas: k.raw("case when e.status_execucao = 'CONCLUIDO' then 1 else 0 end") })
        .groupBy('p.mes_ano', 'o.nome')
        .orderBy([{ column: 'p.mes_ano' }, { column: 'o.nome' }])) as Linha[];
      return {
        meses: lista,
        faturas_por_mes: faturas.map((l) => ({ mes_ano: String(l.mes_ano), total: numero(l.total) })),
        valor_por_operadora: valores.map((l) => ({
          mes_ano: String(l.mes_ano),
          operadora: String(l.operadora),
          valor: Math.round(numero(l.valor) * 100) / 100,
        })),
        tempo_ate_aprovacao: tempos.map((l) => ({
          mes_ano: String(l.mes_ano),
          horas: Math.round((numero(l.segundos) / 3600) * 10) / 10,
        })),
        sucesso_dos_robos: sucesso.map((l) => ({
          mes_ano: String(l.mes_ano),
          operadora: String(l.operadora),
          execucoes: numero(l.total),
          taxa: Math.round((numero(l.concluidas) / Math.max(1, numero(l.total))) * 1000) / 10,
        })),
      };
    },

    async atividadesRecentes(limite = 15) {
      const linhas = (await strapi.db.query(UID.AUDITORIA).findMany({
        where: { acao: { $startsWith: 'processo.' } },
        orderBy: { id: 'desc' },
        limit: limite,
        select: ['acao', 'id_entidade', 'usuario_email', 'usuario_id', 'origem', 'data_hora', 'depois'],
      })) as Linha[];
      return linhas.map((l) => ({
        acao: l.acao,
        processo: l.id_entidade,
        quem: l.usuario_email ?? l.usuario_id ?? 'sistema',
        origem: l.origem,
        data_hora: l.data_hora,
        status_para: ((l.depois ?? {}) as Linha).status_processo ?? null,
      }));
    },

    /**
     * Por operadora ativa (ou com download nos últimos 30 dias): o robô que ela tem e se o cadastro o
     * liga, execuções terminadas, taxa de sucesso, duração média e último erro.
     */
    async saudePorOperadora(agora = new Date()): Promise<SaudeOperadora[]> {
      const desde = valorData(strapi, new Date(agora.getTime() - 30 * 24 * 3600 * 1000));
      // Pelo índice (tipo, fim, status, início, id), sem ler as linhas das execuções; as três
      // consultas ao mesmo tempo (no PostgreSQL, conexões do pool em paralelo).
      const base = () =>
        execucoesComOperadoraPelasLigacoes(strapi, knex())
          .where('e.tipo_execucao', TipoExecucao.DOWNLOAD_FATURA)
          .whereIn('e.status_execucao', [StatusExecucao.CONCLUIDO, StatusExecucao.FALHOU])
          .where('e.data_fim', '>=', desde);
      const [agregados, operadoras, ultimosErros] = (await Promise.all([
        base()
          .select('o.codigo as codigo', 'o.nome as nome')
          .count({ total: '*' })
          .sum({ sucesso: knex().raw("case when e.status_execucao = 'CONCLUIDO' then 1 else 0 end") })
          .avg({ duracao: knex().raw(duracaoSegundos(strapi, 'e.data_fim', 'e.data_inicio')) })
          .groupBy('o.codigo', 'o.nome')
          .orderBy('o.nome'),
        strapi.db.query(UID.OPERADORA).findMany({
          select: ['codigo', 'nome', 'possui_rpa', 'status_ativo'],
          orderBy: { nome: 'asc' },
        }),
        // O último erro de cada operadora numa consulta só (janela por operadora, só com colunas do
        // índice); o detalhe é lido só das linhas escolhidas.
        knex()
          .from(
            base()
              .where('e.status_execucao', StatusExecucao.FALHOU)
              .select(
                'o.codigo as codigo',
                'e.id as id',
                knex().raw(
                  'row_number() over (partition by o.codigo order by e.data_fim desc, e.id desc) as ordem'
                )
              )
              .as('falhas')
          )
          .join(`${tabelas(strapi).execucoes} as ultima`, 'ultima.id', 'falhas.id')
          .where('falhas.ordem', 1)
          .select('falhas.codigo as codigo', 'ultima.detalhes_erro as detalhes', 'ultima.data_fim as data'),
      ])) as [
        Linha[],
        Array<{ codigo: string; nome: string; possui_rpa: boolean | null; status_ativo: boolean | null }>,
        Linha[],
      ];
      const porCodigo = new Map(operadoras.map((o) => [o.codigo, o]));
      const ultimoErroPorCodigo = new Map(ultimosErros.map((l) => [String(l.codigo), l]));
      const saude: SaudeOperadora[] = [];
      for (const linha of agregados) {
        const ultimoErro = ultimoErroPorCodigo.get(String(linha.codigo));
        const detalhes = (
          typeof ultimoErro?.detalhes === 'string'
            ? JSON.parse(ultimoErro.detalhes)
            : (ultimoErro?.detalhes ?? null)
        ) as Linha | null;
        const total = numero(linha.total);
        saude.push({
          codigo: String(linha.codigo),
          operadora: String(linha.nome),
          robo: roboDaOperadora(String(linha.codigo)),
          possui_rpa: Boolean(porCodigo.get(String(linha.codigo))?.possui_rpa),
          execucoes: total,
          sucesso: numero(linha.sucesso),
          taxa_sucesso: total ? Math.round((numero(linha.sucesso) / total) * 1000) / 10 : null,
          duracao_media_segundos: linha.duracao === null ? null : Math.round(numero(linha.duracao) * 10) / 10,
          ultimo_erro: ultimoErro
            ? {
                tipo_erro: (detalhes?.tipo_erro as string | undefined) ?? null,
                mensagem: (detalhes?.mensagem as string | undefined) ?? null,
                data: new Date(ultimoErro.data as string | number).toISOString(),
              }
            : null,
        });
      }
      // As ativas sem execução no período também aparecem: a tela diz quais têm robô homologado.
      for (const o of operadoras)
        if (o.status_ativo && !saude.some((s) => s.codigo === o.codigo))
          saude.push({
            codigo: o.codigo,
            operadora: o.nome,
            robo: roboDaOperadora(o.codigo),
            possui_rpa: Boolean(o.possui_rpa),
            execucoes: 0,
            sucesso: 0,
            taxa_sucesso: null,
            duracao_media_segundos: null,
            ultimo_erro: null,
          });
      return saude.sort((a, b) => a.operadora.localeCompare(b.operadora, 'pt-BR'));
    },
  };
};
