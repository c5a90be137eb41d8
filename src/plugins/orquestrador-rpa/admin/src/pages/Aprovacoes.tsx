import { useCallback, useEffect, useState } from 'react';
import { Badge, Box, Button, Flex, Modal, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { dataBr, moeda, ROTULOS_CONFERENCIA, useTextos, useRotulo } from '../textos';
import { CabecalhoTabela, consulta, FiltroLista, useFiltrosNaUrl } from '../componentes/comuns';
import { PainelConferencia, SeloConferencia } from '../componentes/ConferenciaFiscal';
import {
  achadosBloqueantes,
  AcaoRbac,
  acaoRbacCompleta,
  type ConferenciaFiscal,
  type ItemAprovacao,
  type Pagina,
  urlPainel,
} from '@orquestrador-rpa/contrato';

type ErroHttp = { response?: { status?: number; data?: { error?: { message?: string } } } };

/** sha256 dos bytes recebidos (Web Crypto); sem ele (página fora de contexto seguro), o da lista. */
const sha256DoArquivo = async (arquivo: Blob, daLista: string): Promise<string> => {
  if (!globalThis.crypto?.subtle) return daLista;
  const resumo = await globalThis.crypto.subtle.digest('SHA-256', await arquivo.arrayBuffer());
  return [...new Uint8Array(resumo)].map((b) => b.toString(16).padStart(2, '0')).join('');
};

/** Fila de aprovação: do vencimento mais próximo ao mais distante; análise com a prévia do PDF. */
/** Variação com sinal e média em reais, para as mensagens do alerta de valor. */
const variacaoEMedia = (item: ItemAprovacao) => ({
  variacao: `${(item.variacao_percentual ?? 0) > 0 ? '+' : ''}${(item.variacao_percentual ?? 0).toLocaleString('pt-BR')}`,
  media: moeda(item.media_anterior),
});

export const Aprovacoes = () => {
  const t = useTextos();
  const rotulo = useRotulo();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC([{ action: acaoRbacCompleta(AcaoRbac.APROVAR), subject: null }]);
  const [itens, definirItens] = useState<ItemAprovacao[] | null>(null);
  const [emAnalise, definirEmAnalise] = useState<ItemAprovacao | null>(null);
  const [pdf, definirPdf] = useState<string | null>(null);
  const [observacoes, definirObservacoes] = useState('');
  const [justificativa, definirJustificativa] = useState('');
  /** sha256 do PDF mostrado na prévia: a aprovação vale só para ele (se a fatura mudar, o servidor recusa). */
  const [analisado, definirAnalisado] = useState<string | null>(null);

  const { filtros, filtrar, chave } = useFiltrosNaUrl(['cliente', 'conferencia'] as const);
  const carregar = useCallback(() => {
    get<{ data: Pagina<ItemAprovacao> }>(
      `${urlPainel('aprovacoes')}?${consulta({ ...filtros, por_pagina: 100 })}`
    )
      .then(({ data }) => definirItens(data.data.itens))
      .catch(() =>
        toggleNotification({
          type: 'danger',
          message: t('aprovacoes.erro', 'Não foi possível carregar a fila de aprovação.'),
        })
      );
  }, [get, chave]);
  useEffect(carregar, [carregar]);

  const abrir = async (item: ItemAprovacao) => {
    definirEmAnalise(item);
    definirObservacoes('');
    definirJustificativa('');
    definirPdf(null);
    definirAnalisado(null);
    const { data } = await get<Blob>(urlPainel('fatura', { id: item.processo }), { responseType: 'blob' });
    definirPdf(URL.createObjectURL(data));
    definirAnalisado(await sha256DoArquivo(data, item.sha256_fatura));
  };
  const fechar = () => {
    if (pdf) URL.revokeObjectURL(pdf);
    definirEmAnalise(null);
    definirPdf(null);
  };
  const decidir = async (acao: 'aprovar' | 'rejeitar') => {
    if (!emAnalise) return;
    try {
      await post(urlPainel(acao, { id: emAnalise.processo }), {
        observacoes,
        sha256_fatura: analisado ?? emAnalise.sha256_fatura,
        ...(justificativa.trim() ? { justificativa } : {}),
      });
      toggleNotification({
        type: 'success',
        message:
          acao === 'aprovar'
            ? t('aprovacoes.aprovada', 'Fatura aprovada: o envio ao SAT foi para a fila.')
            : t('aprovacoes.rejeitada', 'Fatura rejeitada.'),
      });
    } catch (erro) {
      const resposta = (erro as ErroHttp).response;
      const mensagem =
        resposta?.status === 409
          ? t('aprovacoes.conflito', 'Outra pessoa já decidiu sobre esta fatura. A lista foi atualizada.')
          : (resposta?.data?.error?.message ?? t('acao.erro', 'A ação falhou.'));
      toggleNotification({ type: 'danger', message: mensagem });
    }
    fechar();
    carregar();
  };

  /** Confere de novo (depois de corrigir o cadastro) e mostra o resultado na mesma análise. */
  const reconferir = async () => {
    if (!emAnalise) return;
    try {
      const { data } = await post<{ data: ConferenciaFiscal }>(
        urlPainel('reconferir', { id: emAnalise.processo }),
        {}
      );
      definirEmAnalise({ ...emAnalise, conferencia_fiscal: data.data });
      carregar();
    } catch (erro) {
      toggleNotification({
        type: 'danger',
        message: (erro as ErroHttp).response?.data?.error?.message ?? t('acao.erro', 'A ação falhou.'),
      });
    }
  };
  const faltaJustificativa =
    emAnalise !== null &&
    achadosBloqueantes(emAnalise.conferencia_fiscal, emAnalise.sha256_fatura).length > 0 &&
    !justificativa.trim();

  return (
    <Box padding={8}>
      <Typography tag="h1" variant="alpha">
        {t('aprovacoes.titulo', 'Faturas aguardando aprovação')}
      </Typography>
      <Box paddingTop={2} paddingBottom={6}>
        <Typography variant="epsilon" textColor="neutral600">
          {t('aprovacoes.subtitulo', 'Do vencimento mais próximo ao mais distante')}
        </Typography>
      </Box>
      <Box paddingBottom={4} style={{ maxWidth: 320 }}>
        <FiltroLista
          id="conferencia"
          rotulo={t('col.conferencia', 'Conferência fiscal')}
          valor={filtros.conferencia}
          aoMudar={(v) => filtrar('conferencia', v)}
          opcoes={Object.keys(ROTULOS_CONFERENCIA).map((s) => [s, rotulo('conferencia', s)])}
        />
      </Box>
      {itens && itens.length === 0 && (
        <Typography data-testid="aprovacoes-vazia">
          {t('aprovacoes.vazia', 'Nenhuma fatura aguardando aprovação.')}
        </Typography>
      )}
      {itens && itens.length > 0 && (
        <Table colCount={8} rowCount={itens.length + 1}>
          <CabecalhoTabela
            colunas={
              [
                ['col.vencimento', 'Vencimento'],
                ['col.cliente', 'Cliente'],
                ['col.operadora', 'Operadora'],
                ['col.competencia', 'Competência'],
                ['col.valor', 'Valor'],
                ['col.origem', 'Origem'],
                ['col.conferencia', 'Conferência fiscal'],
                ['col.acoes', 'Ações'],
              ] as const
            }
          />
          <Tbody>
            {itens.map((item) => (
              <Tr key={item.processo} data-testid={`aprovacao-${item.processo}`}>
                <Td>
                  <Typography>{dataBr(item.data_vencimento)}</Typography>
                </Td>
                <Td>
                  <Typography>{item.cliente.nome_sat}</Typography>
                </Td>
                <Td>
                  <Typography>{item.operadora.nome}</Typography>
                </Td>
                <Td>
                  <Typography>{item.mes_ano}</Typography>
                </Td>
                <Td>
                  <Flex gap={2}>
                    <Typography>{moeda(item.valor_fatura)}</Typography>
                    {item.alerta_valor && item.variacao_percentual !== null && (
                      <Badge backgroundColor="danger100" textColor="danger700" data-testid="alerta-valor">
                        {`${item.variacao_percentual > 0 ? '+' : ''}${item.variacao_percentual.toLocaleString('pt-BR')}%`}
                      </Badge>
                    )}
                  </Flex>
                </Td>
                <Td>
                  <Badge>{rotulo('origem', item.origem)}</Badge>
                </Td>
                <Td>
                  <SeloConferencia conferencia={item.conferencia_fiscal} />
                </Td>
                <Td>
                  <Button variant="tertiary" onClick={() => void abrir(item)} data-testid="analisar">
                    {t('aprovacoes.analisar', 'Analisar')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <Modal.Root open={emAnalise !== null} onOpenChange={(aberto: boolean) => !aberto && fechar()}>
        <Modal.Content>
          <Modal.Header>
            <Modal.Title>
              {emAnalise
                ? `${emAnalise.cliente.nome_sat} · ${emAnalise.operadora.nome} · ${emAnalise.mes_ano}`
                : ''}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            {emAnalise && (
              <Flex direction="column" alignItems="stretch" gap={3}>
                <Flex gap={6} wrap="wrap">
                  <Typography>
                    {t('col.valor', 'Valor')}: <strong>{moeda(emAnalise.valor_fatura)}</strong>
                  </Typography>
                  <Typography>
                    {t('col.vencimento', 'Vencimento')}: <strong>{dataBr(emAnalise.data_vencimento)}</strong>
                  </Typography>
                  <Typography>
                    {t('col.tentativas', 'Tentativas')}: <strong>{emAnalise.tentativas}</strong>
                  </Typography>
                </Flex>
                {emAnalise.valores_anteriores.length > 0 && (
                  <Typography variant="pi" textColor="neutral600" data-testid="valores-anteriores">
                    {t('aprovacoes.anteriores', 'Meses anteriores')}:{' '}
                    {emAnalise.valores_anteriores
                      .map((v) => `${v.mes_ano} ${moeda(v.valor_fatura)}`)
                      .join(' · ')}
                  </Typography>
                )}
                {emAnalise.variacao_percentual !== null && emAnalise.media_anterior !== null && (
                  <Typography
                    variant="pi"
                    fontWeight={emAnalise.alerta_valor ? 'bold' : undefined}
                    textColor={emAnalise.alerta_valor ? 'danger600' : 'neutral600'}
                    data-testid="variacao-valor"
                  >
                    {emAnalise.alerta_valor
                      ? t(
                          'aprovacoes.alertaValor',
                          'Atenção: {variacao}% contra a média de {media} dos meses anteriores.',
                          variacaoEMedia(emAnalise)
                        )
                      : t(
                          'aprovacoes.variacao',
                          '{variacao}% contra a média de {media} dos meses anteriores.',
                          variacaoEMedia(emAnalise)
                        )}
                  </Typography>
                )}
                <PainelConferencia
                  conferencia={emAnalise.conferencia_fiscal}
                  justificativa={justificativa}
                  aoJustificar={definirJustificativa}
                  aoReconferir={allowedActions.canAprovar ? () => void reconferir() : undefined}
                />
                {pdf ? (
                  <iframe
                    title={t('aprovacoes.previa', 'Prévia da fatura')}
                    src={pdf}
                    style={{ width: '100%', height: '55vh', border: 0 }}
                    data-testid="previa-pdf"
                  />
                ) : (
                  <Typography>{t('aprovacoes.carregando', 'Carregando a prévia do PDF…')}</Typography>
                )}
                <label>
                  <Typography variant="pi" fontWeight="bold">
                    {t('aprovacoes.observacoes', 'Observações (obrigatórias para rejeitar)')}
                  </Typography>
                  <textarea
                    value={observacoes}
                    onChange={(e) => definirObservacoes(e.target.value)}
                    rows={3}
                    style={{ width: '100%' }}
                    data-testid="observacoes"
                  />
                </label>
              </Flex>
            )}
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('acao.fechar', 'Fechar')}</Button>
            </Modal.Close>
            {allowedActions.canAprovar && (
              <Flex gap={2}>
                <Button
                  variant="danger-light"
                  disabled={!observacoes.trim()}
                  onClick={() => void decidir('rejeitar')}
                  data-testid="rejeitar"
                >
                  {t('acao.rejeitar', 'Rejeitar')}
                </Button>
                <Button
                  variant="success"
                  disabled={faltaJustificativa}
                  onClick={() => void decidir('aprovar')}
                  data-testid="aprovar"
                >
                  {t('acao.aprovar', 'Aprovar')}
                </Button>
              </Flex>
            )}
          </Modal.Footer>
        </Modal.Content>
      </Modal.Root>
    </Box>
  );
};
