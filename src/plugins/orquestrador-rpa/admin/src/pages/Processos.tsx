import { useCallback, useEffect, useState } from 'react';
import { Box, Button, Flex, Grid, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { dataBr, moeda, ROTULOS_STATUS, useRotulo, useTextos } from '../textos';
import {
  BadgeStatus,
  Cabecalho,
  consulta,
  FiltroLista,
  FiltroTexto,
  mensagemDeErro,
  Paginacao,
  useFiltrosNaUrl,
  CabecalhoTabela,
} from '../componentes/comuns';
import { UploadManual, type AlvoUpload } from '../componentes/UploadManual';
import { ConferirSat, type AlvoConferencia } from '../componentes/ConferirSat';
import {
  AcaoRbac,
  acaoRbacCompleta,
  EstadoProcesso,
  FILTROS_PROCESSOS,
  type ItemProcesso,
  type NomeRotaPainel,
  ORIGENS_FATURA,
  type Pagina,
  urlPainel,
} from '@orquestrador-rpa/contrato';

/** Tabela de processos com filtros (guardados na URL) e as ações que o estado e o papel permitem. */
export const Processos = () => {
  const t = useTextos();
  const rotulo = useRotulo();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { filtros, filtrar, pagina, definirPagina, chave } = useFiltrosNaUrl(FILTROS_PROCESSOS);
  const [dados, definirDados] = useState<Pagina<ItemProcesso> | null>(null);
  const [alvoUpload, definirAlvoUpload] = useState<AlvoUpload | null>(null);
  const [alvoConferencia, definirAlvoConferencia] = useState<AlvoConferencia | null>(null);
  const { allowedActions: pode } = useRBAC([
    { action: acaoRbacCompleta(AcaoRbac.EXECUTAR_ROBO), subject: null },
    { action: acaoRbacCompleta(AcaoRbac.UPLOAD_MANUAL), subject: null },
    { action: acaoRbacCompleta(AcaoRbac.GERENCIAR_PROCESSOS), subject: null },
    { action: acaoRbacCompleta(AcaoRbac.APROVAR), subject: null },
  ]);

  const carregar = useCallback(() => {
    get<{ data: Pagina<ItemProcesso> }>(
      `${urlPainel('processos')}?${consulta({ ...filtros, pagina, por_pagina: 20 })}`
    )
      .then(({ data }) => definirDados(data.data))
      .catch((erro) =>
        toggleNotification({
          type: 'danger',
          message: mensagemDeErro(erro, t('processos.erro', 'Não foi possível carregar os processos.')),
        })
      );
  }, [get, chave]);
  useEffect(carregar, [carregar]);

  const executar = async (item: ItemProcesso, rota: NomeRotaPainel, sucesso: string) => {
    try {
      await post(urlPainel(rota, { id: item.processo }), {});
      toggleNotification({ type: 'success', message: sucesso });
    } catch (erro) {
      toggleNotification({ type: 'danger', message: mensagemDeErro(erro, t('acao.erro', 'A ação falhou.')) });
    }
    carregar();
  };

  const botoes = (item: ItemProcesso) =>
    item.acoes.map((acao) => {
      const comum = { size: 'S' as const, key: acao, 'data-testid': `acao-${acao}` };
      switch (acao) {
        case 'executar_download':
          return pode.canExecutarRobo ? (
            <Button
              {...comum}
              variant="secondary"
              onClick={() =>
                void executar(
                  item,
                  'executarDownload',
                  t('processos.downloadDisparado', 'Download enviado para a fila do robô.')
                )
              }
            >
              {t('acao.executarDownload', 'Executar download')}
            </Button>
          ) : null;
        case 'upload_manual':
          return pode.canUploadManual ? (
            <Button
              {...comum}
              variant="secondary"
              onClick={() =>
                definirAlvoUpload({
                  processo: item.processo,
                  descricao: `${item.cliente.nome_sat} · ${item.mes_ano}`,
                })
              }
            >
              {t('acao.uploadManual', 'Upload manual')}
            </Button>
          ) : null;
        case 'aprovar':
          return pode.canAprovar ? (
            <Button
              {...comum}
              variant="success-light"
              tag={Link}
              to={`../aprovacoes?cliente=${item.cliente.documentId}`}
            >
              {t('acao.analisar', 'Analisar')}
            </Button>
          ) : null;
        case 'reabrir':
          return pode.canGerenciarProcessos ? (
            <Button
              {...comum}
              variant="tertiary"
              onClick={() => void executar(item, 'reabrir', t('processos.reaberto', 'Processo reaberto.'))}
            >
              {t('acao.reabrir', 'Reabrir')}
            </Button>
          ) : null;
        case 'reenviar_sat':
          if (!pode.canExecutarRobo) return null;
          // Depois de um envio a conferir, reenviar exige dizer o que foi conferido no SAT.
          return item.status_processo === EstadoProcesso.CONFERIR_SAT ? (
            <Button
              {...comum}
              variant="tertiary"
              onClick={() =>
                definirAlvoConferencia({
                  processo: item.processo,
                  descricao: `${item.cliente.nome_sat} · ${item.mes_ano}`,
                  caminho: 'reenviarSat',
                })
              }
            >
              {t('acao.reenviarSat', 'Reenviar ao SAT')}
            </Button>
          ) : (
            <Button
              {...comum}
              variant="tertiary"
              onClick={() =>
                void executar(item, 'reenviarSat', t('processos.reenviado', 'Novo envio ao SAT na fila.'))
              }
            >
              {t('acao.reenviarSat', 'Reenviar ao SAT')}
            </Button>
          );
        case 'confirmar_envio_sat':
          return pode.canExecutarRobo ? (
            <Button
              {...comum}
              variant="success-light"
              onClick={() =>
                definirAlvoConferencia({
                  processo: item.processo,
                  descricao: `${item.cliente.nome_sat} · ${item.mes_ano}`,
                  caminho: 'confirmarEnvioSat',
                })
              }
            >
              {t('acao.confirmarEnvioSat', 'Confirmar envio')}
            </Button>
          ) : null;
        default:
          return null;
      }
    });

  return (
    <Box padding={8}>
      <Cabecalho
        titulo={t('processos.titulo', 'Processos')}
        subtitulo={t('processos.subtitulo', 'Uma fatura por cliente e competência, do download ao SAT')}
      />
      <Grid.Root gap={4}>
        <Grid.Item direction="column" alignItems="stretch" col={2} s={4} xs={12}>
          <FiltroTexto
            id="mes_ano"
            tipo="month"
            rotulo={t('col.competencia', 'Competência')}
            valor={filtros.mes_ano}
            aoMudar={(v) => filtrar('mes_ano', v)}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="stretch" col={3} s={4} xs={12}>
          <FiltroLista
            id="status"
            rotulo={t('col.status', 'Status')}
            valor={filtros.status}
            aoMudar={(v) => filtrar('status', v)}
            opcoes={Object.keys(ROTULOS_STATUS).map((s) => [s, rotulo('status', s)])}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="stretch" col={2} s={4} xs={12}>
          <FiltroTexto
            id="operadora"
            rotulo={t('col.operadoraCodigo', 'Operadora (código)')}
            valor={filtros.operadora}
            aoMudar={(v) => filtrar('operadora', v)}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="stretch" col={3} s={6} xs={12}>
          <FiltroTexto
            id="cliente"
            rotulo={t('col.clienteBusca', 'Cliente (nome ou CNPJ)')}
            valor={filtros.cliente}
            aoMudar={(v) => filtrar('cliente', v)}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="stretch" col={2} s={6} xs={12}>
          <FiltroLista
            id="origem"
            rotulo={t('col.origem', 'Origem')}
            valor={filtros.origem}
            aoMudar={(v) => filtrar('origem', v)}
            opcoes={ORIGENS_FATURA.map((o) => [o, rotulo('origem', o)])}
          />
        </Grid.Item>
      </Grid.Root>
      <Box paddingTop={6}>
        {dados && dados.itens.length === 0 && (
          <Typography data-testid="processos-vazio">
            {t('processos.vazio', 'Nenhum processo com esses filtros.')}
          </Typography>
        )}
        {dados && dados.itens.length > 0 && (
          <Table colCount={8} rowCount={dados.itens.length + 1}>
            <CabecalhoTabela
              colunas={
                [
                  ['col.cliente', 'Cliente'],
                  ['col.operadora', 'Operadora'],
                  ['col.competencia', 'Competência'],
                  ['col.status', 'Status'],
                  ['col.valor', 'Valor'],
                  ['col.vencimento', 'Vencimento'],
                  ['col.origem', 'Origem'],
                  ['col.acoes', 'Ações'],
                ] as const
              }
            />
            <Tbody>
              {dados.itens.map((item) => (
                <Tr key={item.processo} data-testid={`processo-${item.processo}`}>
                  <Td>
                    <Link to={item.processo}>
                      <Typography textColor="primary600" fontWeight="bold">
                        {item.cliente.nome_sat}
                      </Typography>
                    </Link>
                  </Td>
                  <Td>
                    <Typography>{item.operadora.nome}</Typography>
                  </Td>
                  <Td>
                    <Typography>{item.mes_ano}</Typography>
                  </Td>
                  <Td>
                    <BadgeStatus status={item.status_processo} />
                  </Td>
                  <Td>
                    <Typography>{moeda(item.valor_fatura)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{dataBr(item.data_vencimento)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{rotulo('origem', item.origem)}</Typography>
                  </Td>
                  <Td>
                    <Flex gap={2} wrap="wrap">
                      {botoes(item)}
                    </Flex>
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
      <UploadManual
        alvo={alvoUpload}
        aoFechar={() => definirAlvoUpload(null)}
        aoConcluir={() => (definirAlvoUpload(null), carregar())}
      />
      <ConferirSat
        alvo={alvoConferencia}
        aoFechar={() => definirAlvoConferencia(null)}
        aoConcluir={() => (definirAlvoConferencia(null), carregar())}
      />
    </Box>
  );
};
