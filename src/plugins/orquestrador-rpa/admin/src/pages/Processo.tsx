import { useCallback, useEffect, useState } from 'react';
import { Box, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Link, useParams } from 'react-router-dom';
import { dataBr, moeda, useRotulo, useRotuloStatus, useTextos } from '../textos';
import { EstadoProcesso, urlPainel } from '@orquestrador-rpa/contrato';
import {
  BadgeStatus,
  baixarArquivo,
  Cabecalho,
  dataHora,
  mensagemDeErro,
  Quadro,
} from '../componentes/comuns';
import { PainelLogs } from '../componentes/PainelLogs';

type Dados = Record<string, unknown>;

interface Evento {
  data_hora: string;
  tipo: 'TRANSICAO' | 'CADASTRO' | 'EXECUCAO';
  acao: string;
  status_de: string | null;
  status_para: string | null;
  motivo: string | null;
  usuario: string | null;
  origem: string | null;
  execucao: Dados | null;
}

interface Trilha {
  processo: Dados & { cliente: Dados; operadora: Dados; aprovado_por: Dados | null };
  eventos: Evento[];
}

const Json = ({ valor }: { valor: unknown }) => (
  <Box
    tag="pre"
    background="neutral100"
    padding={2}
    hasRadius
    style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12, maxHeight: 240, overflow: 'auto' }}
  >
    <Typography variant="pi" textColor="neutral800">
      {JSON.stringify(valor, null, 2)}
    </Typography>
  </Box>
);

/** Captura de tela privada: vem como blob pela rota autenticada do plugin. */
const Captura = ({ execucao, indice }: { execucao: string; indice: number }) => {
  const { get } = useFetchClient();
  const [url, definirUrl] = useState<string | null>(null);
  useEffect(() => {
    let endereco: string | null = null;
    get<Blob>(urlPainel('captura', { id: execucao, indice }), { responseType: 'blob' })
      .then(({ data }) => definirUrl((endereco = URL.createObjectURL(data))))
      .catch(() => definirUrl(null));
    return () => {
      if (endereco) URL.revokeObjectURL(endereco);
    };
  }, [execucao, indice]);
  return url ? (
    <img
      src={url}
      alt={`Captura ${indice + 1}`}
      style={{ maxWidth: '100%', border: '1px solid #ccc' }}
      data-testid="captura"
    />
  ) : null;
};

const Execucao = ({ evento }: { evento: Evento }) => {
  const t = useTextos();
  const rotulo = useRotulo();
  const e = evento.execucao!;
  const capturas = ((e.detalhes_erro as Dados | null)?.capturas as string[] | undefined) ?? [];
  // Avisos do robô que não impediram o resultado (ex.: o SAT recebeu a fatura sem filial, como no legado).
  const saida = e.resultado_saida as Dados | null;
  const avisos = ((saida?.dados_extraidos as Dados | undefined)?.avisos as string[] | undefined) ?? [];
  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={4}
      data-testid={`execucao-${String(e.documentId)}`}
    >
      <Flex gap={2} wrap="wrap" paddingBottom={2}>
        <Typography fontWeight="bold">{rotulo('tipoExecucao', String(e.tipo_execucao))}</Typography>
        <BadgeStatus status={String(e.status_execucao)} />
        <Typography variant="pi" textColor="neutral600">
          {t('processo.tentativa', 'tentativa {n}', { n: Number(e.numero_tentativa) })} ·{' '}
          {dataHora(e.data_inicio as string | null)} → {dataHora(e.data_fim as string | null)}
          {evento.usuario ? ` · ${evento.usuario}` : ''}
        </Typography>
      </Flex>
      {avisos.length > 0 && (
        <Box
          background="warning100"
          borderColor="warning200"
          hasRadius
          padding={3}
          marginBottom={2}
          data-testid="avisos-execucao"
        >
          <Typography variant="sigma" textColor="warning700">
            {t('processo.avisos', 'Atenção')}
          </Typography>
          {avisos.map((aviso) => (
            <Typography key={aviso} tag="p" textColor="warning700">
              {aviso}
            </Typography>
          ))}
        </Box>
      )}
      <Grid.Root gap={3}>
        <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
          <Typography variant="sigma">{t('processo.entrada', 'Entrada (sem senha)')}</Typography>
          <Json valor={e.parametros_entrada} />
        </Grid.Item>
        <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
          <Typography variant="sigma">{t('processo.saida', 'Saída')}</Typography>
          <Json valor={e.detalhes_erro ?? e.resultado_saida} />
        </Grid.Item>
      </Grid.Root>
      {e.mensagem_log ? (
        <Box paddingTop={2}>
          <Typography variant="sigma">{t('processo.log', 'Log')}</Typography>
          <Box
            tag="pre"
            background="neutral100"
            padding={2}
            hasRadius
            style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}
          >
            <Typography variant="pi">{String(e.mensagem_log)}</Typography>
          </Box>
        </Box>
      ) : null}
      {capturas.length > 0 && (
        <Box paddingTop={2}>
          <Typography variant="sigma">{t('processo.capturas', 'Capturas de tela')}</Typography>
          <Flex gap={2} wrap="wrap">
            {capturas.map((_, i) => (
              <Captura key={i} execucao={String(e.documentId)} indice={i} />
            ))}
          </Flex>
        </Box>
      )}
    </Box>
  );
};

/** Rastreabilidade de um processo: dados, transições, aprovações, execuções, logs ao vivo e exportação. */
export const Processo = () => {
  const t = useTextos();
  const rotuloStatus = useRotuloStatus();
  const { id } = useParams<{ id: string }>();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [trilha, definirTrilha] = useState<Trilha | null>(null);

  const carregar = useCallback(() => {
    get<{ data: Trilha }>(urlPainel('rastreabilidade', { id: id! }))
      .then(({ data }) => definirTrilha(data.data))
      .catch((erro) =>
        toggleNotification({
          type: 'danger',
          message: mensagemDeErro(erro, t('processo.erro', 'Não foi possível carregar o processo.')),
        })
      );
  }, [get, id]);
  useEffect(carregar, [carregar]);

  const exportar = async (formato: 'csv' | 'json') => {
    const { data } = await get<Blob>(`${urlPainel('rastreabilidade', { id: id! })}?formato=${formato}`, {
      responseType: formato === 'csv' ? 'blob' : 'json',
    });
    const conteudo =
      formato === 'csv'
        ? (data as Blob)
        : new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    baixarArquivo(conteudo, `rastreabilidade-${id}.${formato}`);
  };

  if (!trilha)
    return (
      <Box padding={8}>
        <Typography>{t('carregando', 'Carregando…')}</Typography>
      </Box>
    );
  const p = trilha.processo;
  const transicoes = trilha.eventos.filter((e) => e.tipo !== 'EXECUCAO');
  const decisoes = transicoes.filter(
    (e) =>
      (e.status_para === EstadoProcesso.APROVADA && e.status_de === EstadoProcesso.AGUARDANDO_APROVACAO) ||
      e.status_para === EstadoProcesso.REJEITADA
  );
  const execucoes = trilha.eventos.filter((e) => e.tipo === 'EXECUCAO' && e.execucao);
  return (
    <Box padding={8}>
      <Cabecalho
        titulo={`${String(p.cliente.nome_sat)} · ${String(p.mes_ano)}`}
        subtitulo={`${String(p.operadora.nome)} · ${String(p.cliente.razao_social ?? '')}`}
      >
        <Flex gap={2}>
          <Button variant="tertiary" tag={Link} to="..">
            {t('acao.voltar', 'Voltar')}
          </Button>
          <Button variant="secondary" onClick={() => void exportar('csv')} data-testid="exportar-csv">
            {t('acao.exportarCsv', 'Exportar CSV')}
          </Button>
          <Button variant="secondary" onClick={() => void exportar('json')}>
            {t('acao.exportarJson', 'Exportar JSON')}
          </Button>
        </Flex>
      </Cabecalho>
      <Grid.Root gap={4}>
        <Grid.Item col={12}>
          <Quadro titulo={t('processo.dados', 'Dados do processo')}>
            <Flex gap={6} wrap="wrap" paddingTop={3}>
              <Flex gap={2}>
                <Typography>{t('col.status', 'Status')}:</Typography>
                <span data-testid="status-processo">
                  <BadgeStatus status={String(p.status_processo)} />
                </span>
              </Flex>
              <Typography>
                {t('col.valor', 'Valor')}: <strong>{moeda(p.valor_fatura as number | null)}</strong>
              </Typography>
              <Typography>
                {t('col.vencimento', 'Vencimento')}:{' '}
                <strong>{dataBr(p.data_vencimento as string | null)}</strong>
              </Typography>
              <Typography>
                {t('col.origem', 'Origem')}:{' '}
                <strong>
                  {p.upload_manual ? t('origem.manual', 'Upload manual') : t('origem.rpa', 'Robô')}
                </strong>
              </Typography>
              <Typography>
                {t('processo.sat', 'SAT')}:{' '}
                <strong>{p.enviado_para_sat ? dataHora(p.data_envio_sat as string) : '—'}</strong>
              </Typography>
            </Flex>
          </Quadro>
        </Grid.Item>
        <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
          <Quadro titulo={t('processo.timeline', 'Linha do tempo')}>
            {transicoes.map((e, i) => (
              <Box
                key={i}
                paddingTop={3}
                paddingLeft={3}
                style={{ borderLeft: '2px solid currentColor' }}
                data-testid="evento-timeline"
              >
                <Typography variant="pi" textColor="neutral600">
                  {dataHora(e.data_hora)} · {e.usuario ?? e.origem ?? '—'}
                </Typography>
                <Typography tag="p">
                  {e.acao.replace('processo.', '').replace(/_/g, ' ')}
                  {e.status_para && e.status_de !== e.status_para
                    ? `: ${rotuloStatus(e.status_de)} → ${rotuloStatus(e.status_para)}`
                    : ''}
                </Typography>
                {e.motivo && (
                  <Typography variant="pi" textColor="neutral600">
                    {e.motivo}
                  </Typography>
                )}
              </Box>
            ))}
          </Quadro>
        </Grid.Item>
        <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
          <Quadro titulo={t('processo.aprovacoes', 'Aprovações')}>
            {decisoes.length === 0 && (
              <Box paddingTop={3}>
                <Typography textColor="neutral600">
                  {t('processo.semDecisao', 'Ainda sem decisão.')}
                </Typography>
              </Box>
            )}
            {decisoes.map((e, i) => (
              <Box key={i} paddingTop={3}>
                <Flex gap={2}>
                  <BadgeStatus status={e.status_para!} />
                  <Typography variant="pi">
                    {dataHora(e.data_hora)} · {e.usuario ?? '—'}
                  </Typography>
                </Flex>
                {e.motivo && (
                  <Typography variant="pi" textColor="neutral600">
                    {e.motivo}
                  </Typography>
                )}
              </Box>
            ))}
          </Quadro>
          <Box paddingTop={4}>
            <Quadro titulo={t('processo.aoVivo', 'Logs dos robôs (ao vivo)')}>
              <PainelLogs salas={[`processo:${id}`]} aoTransicionar={carregar} linkProcesso={false} />
            </Quadro>
          </Box>
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <Typography variant="delta" tag="h2">
            {t('processo.execucoes', 'Execuções')}
          </Typography>
          <Flex direction="column" alignItems="stretch" gap={3} paddingTop={3}>
            {execucoes.length === 0 && (
              <Typography textColor="neutral600">
                {t('processo.semExecucao', 'Nenhuma execução ainda.')}
              </Typography>
            )}
            {[...execucoes].reverse().map((e) => (
              <Execucao key={String(e.execucao!.documentId)} evento={e} />
            ))}
          </Flex>
        </Grid.Item>
      </Grid.Root>
    </Box>
  );
};
