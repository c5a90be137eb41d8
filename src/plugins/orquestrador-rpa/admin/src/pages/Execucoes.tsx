import { useCallback, useEffect, useState } from 'react';
import { Box, Button, Grid, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { useRotulo, useTextos } from '../textos';
import {
  FILTROS_EXECUCOES,
  type ItemExecucao,
  type Pagina,
  STATUS_EXECUCAO,
  TIPOS_EXECUCAO,
  urlPainel,
} from '@orquestrador-rpa/contrato';
import {
  BadgeStatus,
  baixarArquivo,
  Cabecalho,
  consulta,
  dataHora,
  FiltroLista,
  FiltroTexto,
  mensagemDeErro,
  Paginacao,
  useFiltrosNaUrl,
  CabecalhoTabela,
} from '../componentes/comuns';

/** Execuções dos robôs e uploads com filtros por processo, cliente, operadora, status, tipo e período. */
export const Execucoes = () => {
  const t = useTextos();
  const rotulo = useRotulo();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { filtros, filtrar, pagina, definirPagina, chave } = useFiltrosNaUrl(FILTROS_EXECUCOES);
  const [dados, definirDados] = useState<Pagina<ItemExecucao> | null>(null);

  const carregar = useCallback(() => {
    get<{ data: Pagina<ItemExecucao> }>(
      `${urlPainel('execucoes')}?${consulta({ ...filtros, pagina, por_pagina: 20 })}`
    )
      .then(({ data }) => definirDados(data.data))
      .catch((erro) =>
        toggleNotification({
          type: 'danger',
          message: mensagemDeErro(erro, t('execucoes.erro', 'Não foi possível carregar as execuções.')),
        })
      );
  }, [get, chave]);
  useEffect(carregar, [carregar]);

  const exportarCsv = async () => {
    // Os mesmos filtros da tela: o arquivo traz exatamente as linhas da lista.
    const { data } = await get<Blob>(
      `${urlPainel('exportarExecucoes')}?${consulta({ formato: 'csv', ...filtros })}`,
      { responseType: 'blob' }
    );
    baixarArquivo(data, 'execucoes.csv');
  };

  return (
    <Box padding={8}>
      <Cabecalho
        titulo={t('execucoes.titulo', 'Execuções')}
        subtitulo={t('execucoes.subtitulo', 'Cada tentativa de download, envio ao SAT ou upload manual')}
      >
        <Button variant="secondary" onClick={() => void exportarCsv()}>
          {t('acao.exportarCsv', 'Exportar CSV')}
        </Button>
      </Cabecalho>
      <Grid.Root gap={4}>
        <Grid.Item direction="column" alignItems="stretch" col={3} s={6} xs={12}>
          <FiltroTexto
            id="cliente-exec"
            rotulo={t('col.clienteBusca', 'Cliente (nome ou CNPJ)')}
            valor={filtros.cliente}
            aoMudar={(v) => filtrar('cliente', v)}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="stretch" col={2} s={6} xs={12}>
          <FiltroTexto
            id="operadora-exec"
            rotulo={t('col.operadoraCodigo', 'Operadora (código)')}
            valor={filtros.operadora}
            aoMudar={(v) => filtrar('operadora', v)}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="stretch" col={2} s={6} xs={12}>
          <FiltroLista
            id="status-exec"
            rotulo={t('col.status', 'Status')}
            valor={filtros.status}
            aoMudar={(v) => filtrar('status', v)}
            opcoes={STATUS_EXECUCAO.map((s) => [s, rotulo('statusExecucao', s)])}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="stretch" col={2} s={6} xs={12}>
          <FiltroLista
            id="tipo-exec"
            rotulo={t('col.tipo', 'Tipo')}
            valor={filtros.tipo}
            aoMudar={(v) => filtrar('tipo', v)}
            opcoes={TIPOS_EXECUCAO.map((s) => [s, rotulo('tipoExecucao', s)])}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="stretch" col={3} s={6} xs={12}>
          <FiltroTexto
            id="processo-exec"
            rotulo={t('col.processo', 'Processo (id)')}
            valor={filtros.processo}
            aoMudar={(v) => filtrar('processo', v)}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="stretch" col={2} s={6} xs={12}>
          <FiltroTexto
            id="de"
            tipo="date"
            rotulo={t('filtro.de', 'De')}
            valor={filtros.de}
            aoMudar={(v) => filtrar('de', v)}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="stretch" col={2} s={6} xs={12}>
          <FiltroTexto
            id="ate"
            tipo="date"
            rotulo={t('filtro.ate', 'Até')}
            valor={filtros.ate}
            aoMudar={(v) => filtrar('ate', v)}
          />
        </Grid.Item>
      </Grid.Root>
      <Box paddingTop={6}>
        {dados && dados.itens.length === 0 && (
          <Typography>{t('execucoes.vazio', 'Nenhuma execução com esses filtros.')}</Typography>
        )}
        {dados && dados.itens.length > 0 && (
          <Table colCount={7} rowCount={dados.itens.length + 1}>
            <CabecalhoTabela
              colunas={
                [
                  ['col.criada', 'Criada em'],
                  ['col.tipo', 'Tipo'],
                  ['col.status', 'Status'],
                  ['col.cliente', 'Cliente'],
                  ['col.operadora', 'Operadora'],
                  ['col.tentativa', 'Tentativa'],
                  ['col.duracao', 'Duração'],
                ] as const
              }
            />
            <Tbody>
              {dados.itens.map((item) => (
                <Tr key={item.execucao} data-testid={`execucao-${item.execucao}`}>
                  <Td>
                    <Typography>{dataHora(item.criada_em)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{rotulo('tipoExecucao', item.tipo_execucao)}</Typography>
                  </Td>
                  <Td>
                    <BadgeStatus status={item.status_execucao} />
                  </Td>
                  <Td>
                    <Link to={`../processos/${item.processo.documentId}`}>
                      <Typography textColor="primary600">
                        {item.cliente.nome_sat} · {item.processo.mes_ano}
                      </Typography>
                    </Link>
                  </Td>
                  <Td>
                    <Typography>{item.operadora.nome}</Typography>
                  </Td>
                  <Td>
                    <Typography>{item.numero_tentativa}</Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {item.duracao_segundos === null
                        ? '—'
                        : `${item.duracao_segundos.toLocaleString('pt-BR')} s`}
                    </Typography>
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
