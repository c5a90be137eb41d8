import { useCallback, useEffect, useState } from 'react';
import { Box, Button, Flex, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useTextos } from '../textos';
import {
  AcaoRbac,
  ROTULOS_TIPO_AGENDAMENTO,
  urlPainel,
  type ItemAgendamento,
  type ItemDisparo,
  type Pagina,
  type StatusDisparo,
} from '@orquestrador-rpa/contrato';
import {
  Cabecalho,
  CabecalhoTabela,
  Selo,
  usePermitido,
  consulta,
  dataHora,
  FiltroTexto,
  mensagemDeErro,
} from '../componentes/comuns';

const COR: Record<StatusDisparo, [string, string]> = {
  EM_ANDAMENTO: ['primary100', 'primary700'],
  SUCESSO: ['success100', 'success700'],
  ERRO: ['danger100', 'danger700'],
  IGNORADO: ['neutral150', 'neutral700'],
};
const ROTULO_STATUS: Record<StatusDisparo, string> = {
  EM_ANDAMENTO: 'Em andamento',
  SUCESSO: 'Sucesso',
  ERRO: 'Erro',
  IGNORADO: 'Ignorado',
};

const Status = ({ status }: { status: StatusDisparo | null }) =>
  status ? <Selo cor={COR[status]} texto={ROTULO_STATUS[status]} /> : <Typography>—</Typography>;

/** Prévia das próximas 5 execuções de uma expressão, antes de salvar no cadastro. */
const Previa = () => {
  const t = useTextos();
  const { get } = useFetchClient();
  const [cron, definirCron] = useState('0 7 * * 1-5');
  const [fuso, definirFuso] = useState('America/Sao_Paulo');
  const [resultado, definirResultado] = useState<string[] | string>([]);
  const calcular = () =>
    get<{ data: { proximas: string[] } }>(`${urlPainel('previaAgendamento')}?${consulta({ cron, fuso })}`)
      .then(({ data }) => definirResultado(data.data.proximas))
      .catch((erro) =>
        definirResultado(mensagemDeErro(erro, t('agendamentos.previaErro', 'Expressão inválida.')))
      );
  return (
    <Box padding={4} hasRadius background="neutral0" shadow="tableShadow" marginBottom={6}>
      <Typography variant="delta">{t('agendamentos.previa', 'Prévia das próximas execuções')}</Typography>
      <Flex gap={4} alignItems="flex-end" paddingTop={2} wrap="wrap">
        <FiltroTexto
          id="previa-cron"
          rotulo={t('agendamentos.cron', 'Expressão cron')}
          valor={cron}
          aoMudar={definirCron}
        />
        <FiltroTexto
          id="previa-fuso"
          rotulo={t('agendamentos.fuso', 'Fuso horário')}
          valor={fuso}
          aoMudar={definirFuso}
        />
        <Button variant="secondary" onClick={() => void calcular()}>
          {t('agendamentos.calcular', 'Calcular')}
        </Button>
      </Flex>
      <Box paddingTop={2}>
        {typeof resultado === 'string' ? (
          <Typography textColor="danger600">{resultado}</Typography>
        ) : (
          resultado.map((instante) => (
            <Typography key={instante} tag="p">
              {dataHora(instante)}
            </Typography>
          ))
        )}
      </Box>
    </Box>
  );
};

/** Agendamentos: próxima e última execução com o resultado, ativar/pausar, executar agora e o histórico. */
export const Agendamentos = () => {
  const t = useTextos();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [lista, definirLista] = useState<ItemAgendamento[]>([]);
  const [aberto, definirAberto] = useState<string | null>(null);
  const [historico, definirHistorico] = useState<Pagina<ItemDisparo> | null>(null);
  const podeExecutar = usePermitido(AcaoRbac.EXECUTAR_AGENDAMENTO);

  const avisarErro = (erro: unknown, padrao: string) =>
    toggleNotification({ type: 'danger', message: mensagemDeErro(erro, padrao) });

  const carregar = useCallback(() => {
    get<{ data: ItemAgendamento[] }>(urlPainel('agendamentos'))
      .then(({ data }) => definirLista(data.data))
      .catch((erro) =>
        avisarErro(erro, t('agendamentos.erro', 'Não foi possível carregar os agendamentos.'))
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- carrega uma vez por montagem
  }, [get]);
  useEffect(carregar, [carregar]);

  const abrirHistorico = (documentId: string) => {
    definirAberto(documentId);
    get<{ data: Pagina<ItemDisparo> }>(urlPainel('disparosAgendamento', { id: documentId }))
      .then(({ data }) => definirHistorico(data.data))
      .catch((erro) =>
        avisarErro(erro, t('agendamentos.erroHistorico', 'Não foi possível carregar o histórico.'))
      );
  };

  const alternar = async (item: ItemAgendamento) => {
    try {
      await post(urlPainel('ativarAgendamento', { id: item.documentId }), { ativo: !item.status_ativo });
      carregar();
    } catch (erro) {
      avisarErro(erro, t('agendamentos.erroAtivar', 'Não foi possível mudar o agendamento.'));
    }
  };

  const executar = async (item: ItemAgendamento) => {
    try {
      const { data } = await post<{
        data: { status: StatusDisparo; resultado: string | null; erro: string | null };
      }>(urlPainel('executarAgendamento', { id: item.documentId }), {});
      toggleNotification({
        type: data.data.status === 'SUCESSO' ? 'success' : 'danger',
        message: data.data.resultado ?? data.data.erro ?? '',
      });
      carregar();
      if (aberto === item.documentId) abrirHistorico(item.documentId);
    } catch (erro) {
      avisarErro(erro, t('agendamentos.erroExecutar', 'Não foi possível executar agora.'));
    }
  };

  return (
    <Box padding={8}>
      <Cabecalho
        titulo={t('agendamentos.titulo', 'Agendamentos')}
        subtitulo={t(
          'agendamentos.subtitulo',
          'Rotinas que rodam sozinhas; cada disparo roda uma vez, mesmo com vários servidores. Para editar, use o cadastro (Gerenciador de conteúdo).'
        )}
      />
      <Previa />
      <Table colCount={6} rowCount={lista.length + 1}>
        <CabecalhoTabela
          colunas={
            [
              ['col.nome', 'Nome'],
              ['col.quando', 'Quando (cron e fuso)'],
              ['col.proxima', 'Próxima'],
              ['col.ultima', 'Última e resultado'],
              ['col.ativo', 'Ativo'],
              ['col.acoes', 'Ações'],
            ] as const
          }
        />
        <Tbody>
          {lista.map((item) => (
            <Tr key={item.documentId} data-testid={`agendamento-${item.documentId}`}>
              <Td>
                <Typography fontWeight="bold">{item.nome_agendamento}</Typography>
                <Typography tag="p" variant="pi">
                  {ROTULOS_TIPO_AGENDAMENTO[item.tipo_agendamento]}
                </Typography>
              </Td>
              <Td>
                <Typography>
                  {item.cron_expressao} · {item.fuso_horario}
                </Typography>
              </Td>
              <Td>
                <Typography>{item.proxima_execucao ? dataHora(item.proxima_execucao) : '—'}</Typography>
              </Td>
              <Td>
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <Typography>{item.ultima_execucao ? dataHora(item.ultima_execucao) : '—'}</Typography>
                  <Status status={item.ultimo_status} />
                  {item.ultimo_resultado && <Typography variant="pi">{item.ultimo_resultado}</Typography>}
                </Flex>
              </Td>
              <Td>
                <Button
                  size="S"
                  variant={item.status_ativo ? 'secondary' : 'default'}
                  onClick={() => void alternar(item)}
                >
                  {item.status_ativo
                    ? t('agendamentos.pausar', 'Pausar')
                    : t('agendamentos.ativar', 'Ativar')}
                </Button>
              </Td>
              <Td>
                <Flex gap={2}>
                  {podeExecutar && (
                    <Button size="S" onClick={() => void executar(item)}>
                      {t('agendamentos.executar', 'Executar agora')}
                    </Button>
                  )}
                  <Button size="S" variant="tertiary" onClick={() => abrirHistorico(item.documentId)}>
                    {t('agendamentos.historico', 'Histórico')}
                  </Button>
                </Flex>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {aberto && historico && (
        <Box paddingTop={6}>
          <Typography variant="beta" tag="h2">
            {t('agendamentos.historicoDe', 'Histórico de disparos')}
          </Typography>
          {historico.itens.length === 0 && (
            <Typography tag="p">{t('agendamentos.semDisparos', 'Nenhum disparo ainda.')}</Typography>
          )}
          {historico.itens.map((d) => (
            <Flex key={d.documentId} gap={3} paddingTop={2} wrap="wrap">
              <Typography>{dataHora(d.instante_programado)}</Typography>
              <Status status={d.status} />
              <Typography variant="pi">
                {d.origem} · {d.instancia}
                {d.duracao_ms !== null ? ` · ${d.duracao_ms} ms` : ''}
              </Typography>
              <Typography>{d.erro ?? d.resultado ?? ''}</Typography>
            </Flex>
          ))}
        </Box>
      )}
    </Box>
  );
};
