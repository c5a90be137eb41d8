import type { Core } from '@strapi/strapi';
import { guardarArquivo, removerArquivo, type ArquivoPrivado } from '../../../arquivos/armazenamento';
import { cnpjValido, normalizarCnpj } from '../../../regras/documentos';
import {
  ehViolacaoDeUnicidade,
  erroValidacao,
  type ErroDeCampo,
  exigirSemErros,
} from '../../../regras/erros';
import { camposDaConferencia, conferirArquivoRecebido } from '../../../conferencia/conferir-fatura';
import { processoOuErro } from '../../../workflow/consultas';
import { criarExecucao } from '../../../workflow/execucoes';
import { transicionar } from '../../../workflow/transicao';
import { validarPdfDoArquivo } from '../../../workflow/validacao-pdf';
import type { ArquivoEnviado } from './robo';
import {
  acaoPermitida,
  competenciaAtual,
  ehData,
  type ConsultaMensagemEmail,
  type EstadoProcesso,
  type MensagemEmailLida,
  nomeFaturaLegado,
  OPERADORAS_POR_EMAIL,
  type RespostaMensagemEmail,
  SituacaoMensagemEmail,
  StatusExecucao,
  TipoExecucao,
  UID,
} from '@orquestrador-rpa/contrato';

type Dados = Record<string, unknown>;
type Situacao = SituacaoMensagemEmail;

/**
 * Valida o JSON da mensagem entregue pelo robô (campo a campo, em português). Com `recusa`
 * (`MensagemEmailRecusada`: o robô a recusou sem baixar nada), só o id, o cabeçalho e o motivo.
 */
export const lerMensagemEntregue = (bruto: unknown): MensagemEmailLida & { recusa: string | null } => {
  let dados: Dados;
  try {
    dados = (typeof bruto === 'string' ? JSON.parse(bruto) : bruto) as Dados;
  } catch {
    throw erroValidacao('"mensagem" deve ser um JSON.');
  }
  if (!dados || typeof dados !== 'object') throw erroValidacao('"mensagem" deve ser um objeto JSON.');
  const problemas: ErroDeCampo[] = [];
  const textoOuNulo = (campo: string, maximo: number): string | null => {
    const valor = dados[campo];
    if (valor === null || valor === undefined || valor === '') return null;
    if (typeof valor !== 'string' || valor.length > maximo) {
      problemas.push({ campo, mensagem: `${campo} deve ser um texto de até ${maximo} caracteres.` });
      return null;
    }
    return valor.trim();
  };
  const id = textoOuNulo('id_mensagem', 300);
  if (!id) problemas.push({ campo: 'id_mensagem', mensagem: 'id_mensagem é obrigatório.' });
  const recusa = textoOuNulo('recusa', 500);
  // O registro de uma recusada nunca ocupa um Message-ID (quem forja escolheria o de uma fatura a caminho).
  if (recusa && id && !id.startsWith('recusada:'))
    problemas.push({
      campo: 'id_mensagem',
      mensagem: 'O id de uma mensagem recusada começa por "recusada:".',
    });
  const cnpj = normalizarCnpj(String(dados.cnpj ?? ''));
  if (!recusa && !cnpjValido(cnpj))
    problemas.push({ campo: 'cnpj', mensagem: `CNPJ do pagador inválido: "${String(dados.cnpj ?? '')}".` });
  const vencimento = textoOuNulo('data_vencimento', 10);
  if (vencimento && !ehData(vencimento))
    problemas.push({ campo: 'data_vencimento', mensagem: 'data_vencimento deve ser AAAA-MM-DD.' });
  const recebida = textoOuNulo('recebida_em', 40);
  if (recebida && Number.isNaN(Date.parse(recebida)))
    problemas.push({ campo: 'recebida_em', mensagem: 'recebida_em deve ser uma data ISO.' });
  const valor = dados.valor_fatura ?? null;
  if (valor !== null && (typeof valor !== 'number' || !Number.isFinite(valor) || valor < 0))
    problemas.push({ campo: 'valor_fatura', mensagem: 'valor_fatura deve ser um número ≥ 0.' });
  const lida = {
    id_mensagem: id ?? '',
    remetente: textoOuNulo('remetente', 320) ?? '',
    assunto: textoOuNulo('assunto', 500) ?? '',
    recebida_em: recebida,
    cliente: textoOuNulo('cliente', 255),
    cnpj,
    numero_fatura: textoOuNulo('numero_fatura', 100),
    data_vencimento: vencimento,
    valor_fatura: valor as number | null,
    recusa,
  };
  exigirSemErros(problemas);
  return lida;
};

/**
 * As mensagens de e-mail de fatura (Azuton): consulta pelo id e entrega. A entrega casa o CNPJ do
 * pagador com o cliente da operadora, acha o processo do mês corrente (como o legado) e, se ele
 * ainda espera a fatura, guarda o PDF, cria a execução de download concluída e leva o processo a
 * AGUARDANDO_APROVACAO, tudo numa transação com o registro da mensagem (id único: repetir não
 * anexa duas vezes). O que não anexa fica registrado com o motivo.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const consulta = () => strapi.db.query(UID.MENSAGEM_EMAIL);

  const resposta = (registro: Dados, ja: boolean): RespostaMensagemEmail => ({
    id_mensagem: String(registro.id_mensagem),
    situacao: registro.situacao as Situacao,
    motivo: String(registro.motivo ?? ''),
    processo: ((registro.processo as Dados | null)?.documentId as string | undefined) ?? null,
    ja_registrada: ja,
  });

  const buscar = async (idMensagem: string): Promise<Dados | null> =>
    (await consulta().findOne({
      where: { id_mensagem: idMensagem },
      populate: { processo: { select: ['documentId'] } },
    })) as Dados | null;

  const camposDoRegistro = (idLeitura: string, operadora: string, lida: MensagemEmailLida) => ({
    id_mensagem: lida.id_mensagem,
    id_leitura: idLeitura,
    operadora_codigo: operadora,
    remetente: lida.remetente || null,
    assunto: lida.assunto || null,
    recebida_em: lida.recebida_em,
    cliente_nome: lida.cliente,
    cnpj: lida.cnpj || null,
    numero_fatura: lida.numero_fatura,
    data_vencimento: lida.data_vencimento,
    valor_fatura: lida.valor_fatura,
  });

  /**
   * Grava o registro (ligado ao processo, se houver); `anexar` roda na mesma transação, depois de o
   * id único estar garantido. Outra entrega da mesma mensagem chegou antes → devolve a dela.
   */
  const registrar = async (
    campos: Dados,
    situacao: Situacao,
    motivo: string,
    processo: { id: number; documentId: string } | null = null,
    anexar?: () => Promise<Dados>
  ): Promise<RespostaMensagemEmail> => {
    const dados = { ...campos, processo: processo?.id ?? null };
    try {
      const registro = await strapi.db.transaction(async () => {
        const criado = (await consulta().create({ data: { ...dados, situacao, motivo } })) as Dados;
        const extras = anexar ? await anexar() : {};
        if (anexar) await consulta().update({ where: { id: criado.id }, data: extras });
        return { ...criado, ...extras };
      });
      return { ...resposta(registro, false), processo: processo?.documentId ?? null };
    } catch (erro) {
      if (!ehViolacaoDeUnicidade(erro)) throw erro;
      const existente = await buscar(String(campos.id_mensagem));
      if (!existente) throw erro;
      return resposta(existente, true);
    }
  };

  return {
    async consultar(idMensagem: string): Promise<ConsultaMensagemEmail> {
      const registro = await buscar(idMensagem);
      return registro ? resposta(registro, true) : null;
    },

    async entregar(
      idLeitura: string,
      operadora: string,
      bruto: unknown,
      fatura?: ArquivoEnviado
    ): Promise<RespostaMensagemEmail> {
      if (!OPERADORAS_POR_EMAIL.includes(operadora))
        throw erroValidacao(`A operadora ${operadora} não recebe fatura por e-mail.`);
      const lida = lerMensagemEntregue(bruto);
      const existente = await buscar(lida.id_mensagem);
      if (existente) return resposta(existente, true);
      const campos = camposDoRegistro(idLeitura, operadora, lida);
      if (lida.recusa)
        return registrar(
          campos,
          SituacaoMensagemEmail.RECUSADA,
          `Recusada pelo robô da caixa: ${lida.recusa}`
        );

      const cliente = (await strapi.db.query(UID.CLIENTE).findOne({
        where: { cnpj: lida.cnpj, operadora: { codigo: operadora } },
        select: ['id', 'hash_unico', 'nome_sat'],
        orderBy: { id: 'asc' },
      })) as Dados | null;
      if (!cliente)
        return registrar(
          campos,
          SituacaoMensagemEmail.CLIENTE_DESCONHECIDO,
          `Nenhum cliente da operadora ${operadora} com o CNPJ ${lida.cnpj}: cadastre o cliente e faça o upload manual.`
        );
      const mesAno = competenciaAtual();
      const processo = (await strapi.db.query(UID.PROCESSO).findOne({
        where: { cliente: { id: cliente.id }, mes_ano: mesAno },
        select: ['id', 'documentId', 'status_processo'],
      })) as Dados | null;
      if (!processo)
        return registrar(
          campos,
          SituacaoMensagemEmail.SEM_PROCESSO,
          `O cliente ${String(cliente.nome_sat)} não tem processo em ${mesAno}: gere os processos do mês e faça o upload manual.`
        );
      const estado = processo.status_processo as EstadoProcesso;
      const alvo = { id: processo.id as number, documentId: processo.documentId as string };
      if (!acaoPermitida('receber_fatura_email', estado))
        return registrar(
          campos,
          SituacaoMensagemEmail.PROCESSO_COM_FATURA,
          `O processo ${String(processo.documentId)} já está em ${estado}: a fatura do e-mail não foi anexada.`,
          alvo
        );
      if (!fatura) throw erroValidacao('A mensagem casou com um processo, mas o robô não enviou o PDF.');
      let pdf;
      try {
        pdf = await validarPdfDoArquivo(fatura.filepath);
      } catch (erro) {
        return registrar(
          campos,
          SituacaoMensagemEmail.RECUSADA,
          `PDF recusado: ${(erro as Error).message}`,
          alvo
        );
      }
      const outro = (await strapi.db.query(UID.PROCESSO).findOne({
        where: { hash_fatura: pdf.sha256, documentId: { $ne: processo.documentId } },
        select: ['documentId'],
      })) as Dados | null;
      if (outro)
        return registrar(
          campos,
          SituacaoMensagemEmail.RECUSADA,
          `O PDF do e-mail já é a fatura do processo ${String(outro.documentId)}.`,
          alvo
        );
      const conferencia = await conferirArquivoRecebido(
        fatura.filepath,
        await processoOuErro(strapi, alvo.documentId),
        { sha256: pdf.sha256, valor: lida.valor_fatura, vencimento: lida.data_vencimento }
      );

      const arquivo: ArquivoPrivado = await guardarArquivo(strapi, {
        origem: fatura.filepath,
        nome: nomeFaturaLegado(String(cliente.hash_unico ?? ''), lida.data_vencimento),
        tipo: 'FATURA',
        mime: 'application/pdf',
        tamanho: pdf.tamanho,
        sha256: pdf.sha256,
      });
      let anexada = false;
      try {
        const motivo = `Fatura ${lida.numero_fatura ?? 'sem número'} recebida por e-mail e anexada.`;
        const feito = await registrar(campos, SituacaoMensagemEmail.ANEXADA, motivo, alvo, async () => {
          const execucao = await criarExecucao(strapi, {
            processoId: alvo.id,
            processoDocumentId: alvo.documentId,
            classeRpa: operadora,
            tipo: TipoExecucao.DOWNLOAD_FATURA,
            status: StatusExecucao.CONCLUIDO,
            concluida: true,
            parametros: { origem: 'EMAIL', id_mensagem: lida.id_mensagem, remetente: lida.remetente },
            resultado: { sucesso: true, mensagem: motivo, dados_extraidos: { ...lida } },
            mensagem: motivo,
            urlArquivo: arquivo.chave,
          });
          await transicionar(strapi, {
            documentId: alvo.documentId,
            acao: 'receber_fatura_email',
            campos: {
              data_vencimento: lida.data_vencimento,
              ...(lida.valor_fatura !== null ? { valor_fatura: lida.valor_fatura } : {}),
              caminho_s3_fatura: arquivo.chave,
              hash_fatura: pdf.sha256,
              id_arquivo_fatura: arquivo.id,
              upload_manual: false,
              url_fatura: null,
              solicitante_fatura: null,
              identidades_solicitante: null,
              ...camposDaConferencia(conferencia),
            },
            motivo,
            detalhes: {
              execucao: execucao.documentId,
              id_mensagem: lida.id_mensagem,
              conferencia: conferencia.situacao,
              achados: conferencia.achados.map((a) => a.codigo),
            },
          });
          return { execucao: execucao.id };
        });
        anexada = !feito.ja_registrada;
        return feito;
      } finally {
        // Corrida perdida ou transação desfeita: o PDF guardado não fica órfão.
        if (!anexada) await removerArquivo(strapi, arquivo).catch(() => undefined);
      }
    },
  };
};
