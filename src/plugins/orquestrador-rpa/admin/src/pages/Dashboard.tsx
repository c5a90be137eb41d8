import { useState, type ReactNode } from 'react';
import {
  Badge,
  Box,
  Button,
  Flex,
  Grid,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { Bar, BarChart, Cell, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SeletorMes, useDadosDoMes } from '../componentes/comuns';
import { useRotulo, useTextos } from '../textos';
import {
  AcaoRbac,
  acaoRbacCompleta,
  competenciaAtual,
  type DadosDashboard,
  type NomeRotaPainel,
  type SaudeOperadora,
  urlPainel,
} from '@orquestrador-rpa/contrato';

const Cartao = ({
  titulo,
  valor,
  id,
  alerta = false,
}: {
  titulo: string;
  valor: number | string;
  id: string;
  /** Destaque em vermelho (ex.: faturas vencidas sem envio). */
  alerta?: boolean;
}) => (
  <Box background={alerta ? 'danger100' : 'neutral0'} hasRadius shadow="tableShadow" padding={5} width="100%">
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography variant="sigma" textColor={alerta ? 'danger700' : 'neutral600'}>
        {titulo}
      </Typography>
      <Typography variant="alpha" textColor={alerta ? 'danger700' : undefined} data-testid={id}>
        {valor}
      </Typography>
    </Flex>
  </Box>
);

const Quadro = ({ titulo, children }: { titulo: string; children: ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} width="100%">
    <Typography variant="delta" tag="h2">
      {titulo}
    </Typography>
    {children}
  </Box>
);

/** O robô da operadora: no portal, na caixa de e-mail, existente mas desligado no cadastro, ou nenhum. */
const RoboDaOperadora = ({ saude }: { saude: SaudeOperadora }) => {
  const t = useTextos();
  if (saude.robo === 'NENHUM') return <Badge>{t('robo.nenhum', 'Sem robô: upload manual')}</Badge>;
  if (!saude.possui_rpa) return <Badge>{t('robo.desligado', 'Robô existe, desligado no cadastro')}</Badge>;
  return (
    <Badge backgroundColor="success100" textColor="success700">
      {saude.robo === 'PORTAL'
        ? t('robo.portal', 'Robô homologado (portal)')
        : t('robo.email', 'Robô homologado (e-mail)')}
    </Badge>
  );
};

/** Dashboard: cartões, processos por status, sucesso × falha, pendências, saúde por operadora e ações rápidas. */
export const Dashboard = () => {
  const t = useTextos();
  const rotulo = useRotulo();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [mes, definirMes] = useState(competenciaAtual());
  const { allowedActions } = useRBAC([
    { action: acaoRbacCompleta(AcaoRbac.GERENCIAR_PROCESSOS), subject: null },
    { action: acaoRbacCompleta(AcaoRbac.EXECUTAR_ROBO), subject: null },
    { action: acaoRbacCompleta(AcaoRbac.UPLOAD_MANUAL), subject: null },
  ]);
  const { dados, carregar } = useDadosDoMes<DadosDashboard>(
    'dashboard',
    mes,
    t('dashboard.erro', 'Não foi possível carregar o dashboard.')
  );

  const acao = async (
    rota: NomeRotaPainel,
    corpo: object,
    sucesso: (r: Record<string, number>) => string
  ) => {
    try {
      const { data } = await post<{ data: Record<string, number> }>(urlPainel(rota), corpo);
      toggleNotification({ type: 'success', message: sucesso(data.data) });
      carregar();
    } catch (erro) {
      const mensagem = (erro as { response?: { data?: { error?: { message?: string } } } }).response?.data
        ?.error?.message;
      toggleNotification({ type: 'danger', message: mensagem ?? t('acao.erro', 'A ação falhou.') });
    }
  };

  const porStatus = Object.entries(dados?.por_status ?? {}).map(([status, total]) => ({
    status: rotulo('status', status),
    total,
  }));
  const donut = [
    { nome: t('dashboard.sucesso', 'Sucesso'), valor: dados?.execucoes.sucesso ?? 0, cor: '#328048' },
    { nome: t('dashboard.falha', 'Falha'), valor: dados?.execucoes.falha ?? 0, cor: '#d02b20' },
  ];
  return (
    <Box padding={8}>
      <Flex justifyContent="space-between" alignItems="flex-end" paddingBottom={6} wrap="wrap" gap={4}>
        <Box>
          <Typography tag="h1" variant="alpha">
            {t('dashboard.titulo', 'Painel do mês')}
          </Typography>
          <Typography variant="epsilon" textColor="neutral600">
            {t('dashboard.subtitulo', 'Processos, aprovações e saúde dos robôs')}
          </Typography>
        </Box>
        <SeletorMes mes={mes} aoMudar={definirMes} idTeste="filtro-mes" />
      </Flex>
      <Grid.Root gap={4}>
        <Grid.Item col={3} s={6} xs={12}>
          <Cartao
            id="cartao-total"
            titulo={t('dashboard.total', 'Processos do mês')}
            valor={dados?.total_processos ?? '…'}
          />
        </Grid.Item>
        <Grid.Item col={3} s={6} xs={12}>
          <Cartao
            id="cartao-aprovacao"
            titulo={t('dashboard.aprovacao', 'Aguardando aprovação')}
            valor={dados?.por_status.AGUARDANDO_APROVACAO ?? 0}
          />
        </Grid.Item>
        <Grid.Item col={3} s={6} xs={12}>
          <Cartao
            id="cartao-enviados"
            titulo={t('dashboard.enviados', 'Enviados ao SAT')}
            valor={dados?.por_status.ENVIADO_SAT ?? 0}
          />
        </Grid.Item>
        <Grid.Item col={3} s={6} xs={12}>
          <Cartao
            id="cartao-falhas"
            titulo={t('dashboard.falhas', 'Falhas no mês')}
            valor={dados?.execucoes.falha ?? 0}
          />
        </Grid.Item>
        <Grid.Item col={4} s={12}>
          <Cartao
            id="cartao-vencidas"
            titulo={t('dashboard.vencidas', 'Vencidas sem envio ao SAT')}
            valor={dados?.prazos.vencidas ?? 0}
            alerta={(dados?.prazos.vencidas ?? 0) > 0}
          />
        </Grid.Item>
        <Grid.Item col={4} s={12}>
          <Cartao
            id="cartao-vencem-3"
            titulo={t('dashboard.vencem3', 'Vencem em até 3 dias')}
            valor={dados?.prazos.vencem_em_3_dias ?? 0}
          />
        </Grid.Item>
        <Grid.Item col={4} s={12}>
          <Cartao
            id="cartao-vencem-7"
            titulo={t('dashboard.vencem7', 'Vencem em até 7 dias')}
            valor={dados?.prazos.vencem_em_7_dias ?? 0}
          />
        </Grid.Item>
        <Grid.Item col={8} xs={12}>
          <Quadro titulo={t('dashboard.porStatus', 'Processos por status')}>
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={porStatus} margin={{ top: 16, right: 8, left: 0, bottom: 0 }}>
                <XAxis dataKey="status" fontSize={11} interval={0} />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Bar dataKey="total" fill="#4945ff" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </Quadro>
        </Grid.Item>
        <Grid.Item col={4} xs={12}>
          <Quadro titulo={t('dashboard.sucessoFalha', 'Execuções: sucesso × falha')}>
            <ResponsiveContainer width="100%" height={240}>
              <PieChart>
                <Pie
                  data={donut}
                  dataKey="valor"
                  nameKey="nome"
                  innerRadius={55}
                  outerRadius={85}
                  isAnimationActive={false}
                  label
                >
                  {donut.map((fatia) => (
                    <Cell key={fatia.nome} fill={fatia.cor} />
                  ))}
                </Pie>
                <Tooltip />
              </PieChart>
            </ResponsiveContainer>
          </Quadro>
        </Grid.Item>
        <Grid.Item col={12}>
          <Quadro titulo={t('dashboard.acoes', 'Ações rápidas')}>
            <Flex gap={3} paddingTop={3} wrap="wrap">
              {allowedActions.canGerenciarProcessos && (
                <Button
                  onClick={() =>
                    acao('gerarMensais', { mes_ano: mes }, (r) =>
                      t('dashboard.gerados', '{criados} processo(s) criado(s), {ja} já existiam.', {
                        criados: r.criados ?? 0,
                        ja: r.ja_existiam ?? 0,
                      })
                    )
                  }
                >
                  {t('dashboard.gerar', 'Gerar processos do mês')}
                </Button>
              )}
              {allowedActions.canExecutarRobo && (
                <Button
                  variant="secondary"
                  onClick={() =>
                    acao('executarDownloads', { mes_ano: mes }, (r) =>
                      t('dashboard.disparados', '{n} download(s) disparado(s).', { n: r.criadas ?? 0 })
                    )
                  }
                >
                  {t('dashboard.downloads', 'Executar downloads pendentes')}
                </Button>
              )}
              {allowedActions.canUploadManual && (
                <Button variant="secondary" tag={Link} to="processos?status=AGUARDANDO_DOWNLOAD">
                  {t('dashboard.upload', 'Upload manual')}
                </Button>
              )}
              <Button variant="tertiary" tag={Link} to="aprovacoes">
                {t('dashboard.irAprovacoes', 'Aprovar faturas')}
              </Button>
            </Flex>
          </Quadro>
        </Grid.Item>
        <Grid.Item col={12}>
          <Quadro titulo={t('dashboard.saude', 'Saúde por operadora (últimos 30 dias)')}>
            <Table colCount={6} rowCount={(dados?.saude_operadoras.length ?? 0) + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">{t('col.operadora', 'Operadora')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('col.robo', 'Robô')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('col.execucoes', 'Execuções')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('col.taxa', 'Sucesso')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('col.duracaoMedia', 'Duração média')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('col.ultimoErro', 'Último erro')}</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {(dados?.saude_operadoras ?? []).map((s) => (
                  <Tr key={s.codigo}>
                    <Td>
                      <Typography>{s.operadora}</Typography>
                    </Td>
                    <Td>
                      <RoboDaOperadora saude={s} />
                    </Td>
                    <Td>
                      <Typography>{s.execucoes}</Typography>
                    </Td>
                    <Td>
                      <Typography>
                        {s.taxa_sucesso === null ? '—' : `${s.taxa_sucesso.toLocaleString('pt-BR')}%`}
                      </Typography>
                    </Td>
                    <Td>
                      <Typography>
                        {s.duracao_media_segundos === null
                          ? '—'
                          : `${s.duracao_media_segundos.toLocaleString('pt-BR')} s`}
                      </Typography>
                    </Td>
                    <Td>
                      <Typography>
                        {s.ultimo_erro
                          ? `${s.ultimo_erro.tipo_erro ?? '?'}: ${s.ultimo_erro.mensagem ?? ''}`
                          : '—'}
                      </Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Quadro>
        </Grid.Item>
        <Grid.Item col={3} s={6} xs={12}>
          <Quadro titulo={t('dashboard.pendentes', 'Faturas pendentes por operadora')}>
            {(dados?.pendentes_por_operadora ?? []).map((p) => (
              <Flex key={p.operadora} justifyContent="space-between" paddingTop={2}>
                <Typography>{p.operadora}</Typography>
                <Typography fontWeight="bold">{p.total}</Typography>
              </Flex>
            ))}
          </Quadro>
        </Grid.Item>
        <Grid.Item col={3} s={6} xs={12}>
          <Quadro titulo={t('dashboard.pendentesCliente', 'Faturas pendentes por cliente')}>
            {(dados?.pendentes_por_cliente ?? []).map((p) => (
              <Flex
                key={p.cliente}
                justifyContent="space-between"
                paddingTop={2}
                data-testid="pendente-cliente"
              >
                <Typography>{p.cliente}</Typography>
                <Typography fontWeight="bold">{p.total}</Typography>
              </Flex>
            ))}
          </Quadro>
        </Grid.Item>
        <Grid.Item col={6} xs={12}>
          <Quadro titulo={t('dashboard.atividades', 'Atividades recentes')}>
            {(dados?.atividades_recentes ?? []).slice(0, 8).map((a, i) => (
              <Box key={`${a.processo}-${i}`} paddingTop={2}>
                <Typography variant="pi" textColor="neutral600">
                  {new Date(a.data_hora).toLocaleString('pt-BR')} · {a.quem}
                </Typography>
                <Typography tag="p">
                  {a.acao.replace('processo.', '').replace(/_/g, ' ')}
                  {a.status_para ? ` → ${rotulo('status', a.status_para)}` : ''}
                </Typography>
              </Box>
            ))}
          </Quadro>
        </Grid.Item>
      </Grid.Root>
    </Box>
  );
};
