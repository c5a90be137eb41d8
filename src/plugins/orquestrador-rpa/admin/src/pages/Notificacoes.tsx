import { useCallback, useEffect, useState } from 'react';
import { Badge, Box, Button, Flex, Grid, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { useRotulo, useTextos } from '../textos';
import {
  CANAIS_NOTIFICACAO,
  EVENTOS_NOTIFICACAO,
  FILTROS_NOTIFICACOES,
  ROTULOS_EVENTO,
  STATUS_NOTIFICACAO,
  urlPainel,
  type CanalNotificacao,
  type EstadoCanal,
  type ItemNotificacao,
  type Pagina,
  type StatusNotificacao,
} from '@orquestrador-rpa/contrato';
import {
  Cabecalho,
  consulta,
  dataHora,
  FiltroLista,
  FiltroTexto,
  mensagemDeErro,
  Paginacao,
  useFiltrosNaUrl,
  CabecalhoTabela,
  Selo,
} from '../componentes/comuns';

const ROTULOS_CANAL: Record<CanalNotificacao, string> = {
  EMAIL: 'E-mail',
  WHATSAPP: 'WhatsApp',
  TELEGRAM: 'Telegram',
  SLACK: 'Slack',
};

const COR_STATUS: Record<StatusNotificacao, [string, string]> = {
  PENDENTE: ['neutral150', 'neutral700'],
  ENVIANDO: ['primary100', 'primary700'],
  ENVIADO: ['success100', 'success700'],
  FALHOU: ['danger100', 'danger700'],
  CONFERIR: ['warning100', 'warning700'],
};

/** Caixa de saída: estado dos canais, mensagens com filtros, erro de cada envio, reenvio e teste. */
export const Notificacoes = () => {
  const t = useTextos();
  const rotulo = useRotulo();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { filtros, filtrar, pagina, definirPagina, chave } = useFiltrosNaUrl(FILTROS_NOTIFICACOES);
  const [dados, definirDados] = useState<Pagina<ItemNotificacao> | null>(null);
  const [canais, definirCanais] = useState<EstadoCanal[]>([]);

  const avisarErro = (erro: unknown, padrao: string) =>
    toggleNotification({ type: 'danger', message: mensagemDeErro(erro, padrao) });

  const carregar = useCallback(() => {
    get<{ data: Pagina<ItemNotificacao> }>(
      `${urlPainel('notificacoes')}?${consulta({ ...filtros, pagina, por_pagina: 20 })}`
    )
      .then(({ data }) => definirDados(data.data))
      .catch((erro) =>
        avisarErro(erro, t('notificacoes.erro', 'Não foi possível carregar as notificações.'))
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `chave` resume os filtros e a página
  }, [get, chave]);
  useEffect(carregar, [carregar]);
  useEffect(() => {
    get<{ data: EstadoCanal[] }>(urlPainel('canaisNotificacao'))
      .then(({ data }) => definirCanais(data.data))
      .catch(() => definirCanais([]));
  }, [get]);

  const reenviar = async (item: ItemNotificacao) => {
    try {
      await post(urlPainel('reenviarNotificacao', { id: item.documentId }), {});
      toggleNotification({
        type: 'success',
        message: t('notificacoes.reenviada', 'Mensagem de volta à fila.'),
      });
      carregar();
    } catch (erro) {
      avisarErro(erro, t('notificacoes.erroReenvio', 'Não foi possível reenviar.'));
    }
  };

  const testar = async (canal: CanalNotificacao) => {
    try {
      await post(urlPainel('testarCanal'), { canal });
      toggleNotification({
        type: 'success',
        message: t('notificacoes.testeEnviado', 'Mensagem de teste na fila para você.'),
      });
      carregar();
    } catch (erro) {
      avisarErro(erro, t('notificacoes.erroTeste', 'Não foi possível enviar a mensagem de teste.'));
    }
  };

  return (
    <Box padding={8}>
      <Cabecalho
        titulo={t('notificacoes.titulo', 'Notificações')}
        subtitulo={t(
          'notificacoes.subtitulo',
          'Caixa de saída: cada mensagem, por canal, com o estado do envio'
        )}
      />
      <Flex gap={4} wrap="wrap" paddingBottom={6}>
        {canais.map((canal) => (
          <Box key={canal.canal} padding={4} hasRadius background="neutral0" shadow="tableShadow">
            <Flex direction="column" alignItems="flex-start" gap={2}>
              <Typography variant="delta">{ROTULOS_CANAL[canal.canal]}</Typography>
              {canal.configurado ? (
                <Badge backgroundColor="success100" textColor="success700">
                  {t('notificacoes.ligado', 'Configurado')}
                </Badge>
              ) : (
                <Badge backgroundColor="danger100" textColor="danger700">
                  {t('notificacoes.desligado', 'Desligado: falta {faltando}', {
                    faltando: canal.faltando.join(', '),
                  })}
                </Badge>
              )}
              <Button
                size="S"
                variant="secondary"
                disabled={!canal.configurado}
                onClick={() => void testar(canal.canal)}
              >
                {t('notificacoes.testar', 'Enviar mensagem de teste')}
              </Button>
            </Flex>
          </Box>
        ))}
      </Flex>
      <Grid.Root gap={4}>
        <Grid.Item direction="column" alignItems="stretch" col={3} s={6} xs={12}>
          <FiltroLista
            id="status-notificacao"
            rotulo={t('col.status', 'Status')}
            valor={filtros.status}
            aoMudar={(v) => filtrar('status', v)}
            opcoes={STATUS_NOTIFICACAO.map((s) => [s, rotulo('statusNotificacao', s)])}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="stretch" col={3} s={6} xs={12}>
          <FiltroLista
            id="canal-notificacao"
            rotulo={t('col.canal', 'Canal')}
            valor={filtros.canal}
            aoMudar={(v) => filtrar('canal', v)}
            opcoes={CANAIS_NOTIFICACAO.map((c) => [c, ROTULOS_CANAL[c]])}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="stretch" col={3} s={6} xs={12}>
          <FiltroLista
            id="evento-notificacao"
            rotulo={t('col.evento', 'Evento')}
            valor={filtros.evento}
            aoMudar={(v) => filtrar('evento', v)}
            opcoes={EVENTOS_NOTIFICACAO.map((e) => [e, ROTULOS_EVENTO[e]])}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="stretch" col={3} s={6} xs={12}>
          <FiltroTexto
            id="processo-notificacao"
            rotulo={t('col.processo', 'Processo (id)')}
            valor={filtros.processo}
            aoMudar={(v) => filtrar('processo', v)}
          />
        </Grid.Item>
      </Grid.Root>
      <Box paddingTop={6}>
        {dados && dados.itens.length === 0 && (
          <Typography>{t('notificacoes.vazio', 'Nenhuma notificação com esses filtros.')}</Typography>
        )}
        {dados && dados.itens.length > 0 && (
          <Table colCount={7} rowCount={dados.itens.length + 1}>
            <CabecalhoTabela
              colunas={
                [
                  ['col.criada', 'Criada em'],
                  ['col.evento', 'Evento'],
                  ['col.canal', 'Canal'],
                  ['col.destinatario', 'Destinatário'],
                  ['col.status', 'Status'],
                  ['col.erro', 'Tentativas e erro'],
                  ['col.acoes', 'Ações'],
                ] as const
              }
            />
            <Tbody>
              {dados.itens.map((item) => (
                <Tr key={item.documentId} data-testid={`notificacao-${item.documentId}`}>
                  <Td>
                    <Typography>{dataHora(item.createdAt)}</Typography>
                  </Td>
                  <Td>
                    {item.processo ? (
                      <Link to={`../processos/${item.processo.documentId}`}>
                        <Typography textColor="primary600">
                          {item.evento ? ROTULOS_EVENTO[item.evento] : '—'} · {item.processo.mes_ano}
                        </Typography>
                      </Link>
                    ) : (
                      <Typography>{item.evento ? ROTULOS_EVENTO[item.evento] : '—'}</Typography>
                    )}
                  </Td>
                  <Td>
                    <Typography>{ROTULOS_CANAL[item.tipo_notificacao]}</Typography>
                  </Td>
                  <Td>
                    <Typography>{item.destinatario}</Typography>
                  </Td>
                  <Td>
                    <Selo
                      cor={COR_STATUS[item.status_envio]}
                      texto={rotulo('statusNotificacao', item.status_envio)}
                    />
                  </Td>
                  <Td>
                    <Typography>
                      {item.tentativas_envio}
                      {item.mensagem_erro ? ` · ${item.mensagem_erro}` : ''}
                      {item.proxima_tentativa
                        ? ` · ${t('notificacoes.proxima', 'próxima tentativa')} ${dataHora(item.proxima_tentativa)}`
                        : ''}
                    </Typography>
                  </Td>
                  <Td>
                    {(item.status_envio === 'FALHOU' || item.status_envio === 'CONFERIR') && (
                      <Button size="S" variant="secondary" onClick={() => void reenviar(item)}>
                        {t('notificacoes.reenviar', 'Reenviar')}
                      </Button>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {dados && (
          <Paginacao
            pagina={dados.pagina}
            porPagina={dados.por_pagina}
            total={dados.total}
            aoMudar={definirPagina}
          />
        )}
      </Box>
    </Box>
  );
};
