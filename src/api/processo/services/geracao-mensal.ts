import type { Core } from '@strapi/strapi';
import { createId } from '@paralleldrive/cuid2';
import { registrarAuditoria } from '../../../regras/auditoria';
import { erroValidacao } from '../../../regras/erros';
import { calcularChaveProcesso } from '../../../regras/processo';
import { eventosWorkflow } from '../../../workflow/eventos';
import { competenciaAtual, ehCompetencia, EstadoProcesso, UID } from '@orquestrador-rpa/contrato';

const LOTE = 1000;

interface TabelaLigacao {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

interface Metadados {
  tableName: string;
  attributes: Record<string, { columnName?: string; joinTable?: TabelaLigacao }>;
}

export interface ResultadoGeracao {
  mes_ano: string;
  criados: number;
  ja_existiam: number;
}

/**
 * Geração mensal em lote: um processo por cliente ativo de operadora ativa. Idempotente mesmo com
 * chamadas simultâneas: só insere o que falta (anti-junção pela chave única) e a inserção ignora
 * conflito no índice único `chave_processo`.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const meta = (uid: string) => strapi.db.metadata.get(uid) as unknown as Metadados;
  const coluna = (m: Metadados, atributo: string) => m.attributes[atributo]?.columnName ?? atributo;

  return {
    async gerar(entrada?: unknown): Promise<ResultadoGeracao> {
      const mesAno =
        entrada === undefined || entrada === null || entrada === '' ? competenciaAtual() : entrada;
      if (!ehCompetencia(mesAno)) {
        throw erroValidacao(`Competência inválida: "${String(mesAno)}". Use AAAA-MM (ex.: 2025-03).`, [
          { campo: 'mes_ano', mensagem: 'Formato AAAA-MM.' },
        ]);
      }
      const [p, c, o] = [meta(UID.PROCESSO), meta(UID.CLIENTE), meta(UID.OPERADORA)];
      const ligacaoOperadora = c.attributes.operadora!.joinTable!;
      const ligacaoCliente = p.attributes.cliente!.joinTable!;
      const docC = `c.${coluna(c, 'documentId')}`;

      const resultado = await strapi.db.transaction(async ({ trx, onCommit }) => {
        const elegiveis = () =>
          trx(`${c.tableName} as c`)
            .join(`${ligacaoOperadora.name} as lo`, `lo.${ligacaoOperadora.joinColumn.name}`, 'c.id')
            .join(`${o.tableName} as o`, 'o.id', `lo.${ligacaoOperadora.inverseJoinColumn.name}`)
            .where(`c.${coluna(c, 'status_ativo')}`, true)
            .where(`o.${coluna(o, 'status_ativo')}`, true);
        const [{ total }] = (await elegiveis().count({ total: '*' })) as Array<{ total: number | string }>;
        const faltantes = (await elegiveis()
          .whereNotExists(
            trx(`${p.tableName} as p`)
              .select(trx.raw('1'))
              .whereRaw(`p.${coluna(p, 'chave_processo')} = ${docC} || ?`, [`|${mesAno}`])
          )
          .select('c.id as id', `${docC} as document_id`)) as Array<{ id: number; document_id: string }>;

        const agora = new Date();
        let criados = 0;
        for (let inicio = 0; inicio < faltantes.length; inicio += LOTE) {
          const lote = faltantes.slice(inicio, inicio + LOTE);
          const clientePorChave = new Map(
            lote.map((cli) => [calcularChaveProcesso(cli.document_id, mesAno), cli.id])
          );
          const linhas = lote.map((cli) => ({
            [coluna(p, 'documentId')]: createId(),
            [coluna(p, 'mes_ano')]: mesAno,
            [coluna(p, 'chave_processo')]: calcularChaveProcesso(cli.document_id, mesAno),
            [coluna(p, 'status_processo')]: EstadoProcesso.AGUARDANDO_DOWNLOAD,
            [coluna(p, 'criado_automaticamente')]: true,
            [coluna(p, 'upload_manual')]: false,
            [coluna(p, 'enviado_para_sat')]: false,
            [coluna(p, 'createdAt')]: agora,
            [coluna(p, 'updatedAt')]: agora,
            [coluna(p, 'publishedAt')]: agora,
          }));
          const inseridos = (await trx(p.tableName)
            .insert(linhas)
            .onConflict(coluna(p, 'chave_processo'))
            .ignore()
            .returning(['id', coluna(p, 'chave_processo')])) as Array<Record<string, unknown>>;
          if (inseridos.length === 0) continue;
          await trx(ligacaoCliente.name).insert(
            inseridos.map((linha) => ({
              [ligacaoCliente.joinColumn.name]: linha.id,
              [ligacaoCliente.inverseJoinColumn.name]: clientePorChave.get(
                linha[coluna(p, 'chave_processo')] as string
              ),
            }))
          );
          criados += inseridos.length;
        }
        const saida: ResultadoGeracao = { mes_ano: mesAno, criados, ja_existiam: Number(total) - criados };
        await registrarAuditoria(strapi, {
          acao: 'processo.gerar_mensais',
          entidade: 'processo',
          id_entidade: null,
          depois: { ...saida },
        });
        onCommit(() => eventosWorkflow.emitir('processos.gerados', saida));
        return saida;
      });
      return resultado;
    },
  };
};
