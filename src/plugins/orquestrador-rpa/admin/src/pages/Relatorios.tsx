import { useState, type ReactNode } from 'react';
import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Cabecalho, Quadro, SeletorMes, useDadosDoMes } from '../componentes/comuns';
import { moeda, useTextos } from '../textos';
import { competenciaAtual, type SeriesPainel } from '@orquestrador-rpa/contrato';

/** Cores das séries por operadora (tokens fixos, legíveis nos dois temas). */
const CORES = ['#4945ff', '#328048', '#d9822b', '#d02b20', '#7b79ff', '#0c75af', '#8312d1'];

/** Linhas "mês × operadora" viram uma linha por mês com uma coluna por operadora (o formato do recharts). */
const porMes = (
  meses: string[],
  linhas: Array<{ mes_ano: string; operadora: string }>,
  valor: (linha: never) => number
): { dados: Array<Record<string, string | number>>; operadoras: string[] } => {
  const operadoras = [...new Set(linhas.map((l) => l.operadora))].sort();
  const dados = meses.map((mes) => {
    const linha: Record<string, string | number> = { mes_ano: mes };
    for (const l of linhas.filter((x) => x.mes_ano === mes)) linha[l.operadora] = valor(l as never);
    return linha;
  });
  return { dados, operadoras };
};

const Grafico = ({ titulo, id, children }: { titulo: string; id: string; children: ReactNode }) => (
  <Quadro titulo={titulo}>
    <Box paddingTop={4} data-testid={id}>
      <ResponsiveContainer width="100%" height={260}>
        {children as never}
      </ResponsiveContainer>
    </Box>
  </Quadro>
);

/** Relatórios: séries dos últimos 12 meses até a competência escolhida. */
export const Relatorios = () => {
  const t = useTextos();
  const [mes, definirMes] = useState(competenciaAtual());
  const { dados } = useDadosDoMes<SeriesPainel>(
    'series',
    mes,
    t('relatorios.erro', 'Não foi possível carregar os relatórios.')
  );
  const meses = dados?.meses ?? [];
  const faturas = meses.map((m) => ({
    mes_ano: m,
    total: dados?.faturas_por_mes.find((f) => f.mes_ano === m)?.total ?? 0,
  }));
  const tempos = meses.map((m) => ({
    mes_ano: m,
    horas: dados?.tempo_ate_aprovacao.find((f) => f.mes_ano === m)?.horas ?? null,
  }));
  const valores = porMes(meses, dados?.valor_por_operadora ?? [], (l: { valor: number }) => l.valor);
  const sucesso = porMes(meses, dados?.sucesso_dos_robos ?? [], (l: { taxa: number }) => l.taxa);
  return (
    <Box padding={8}>
      <Cabecalho
        titulo={t('relatorios.titulo', 'Relatórios')}
        subtitulo={t('relatorios.subtitulo', 'Os últimos 12 meses até a competência escolhida')}
      >
        <SeletorMes mes={mes} aoMudar={definirMes} idTeste="relatorios-mes" />
      </Cabecalho>
      <Grid.Root gap={4}>
        <Grid.Item col={6} xs={12}>
          <Grafico titulo={t('relatorios.faturas', 'Faturas recebidas por mês')} id="grafico-faturas">
            <BarChart data={faturas}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="mes_ano" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar
                isAnimationActive={false}
                dataKey="total"
                name={t('relatorios.faturasSerie', 'Faturas')}
                fill={CORES[0]}
              />
            </BarChart>
          </Grafico>
        </Grid.Item>
        <Grid.Item col={6} xs={12}>
          <Grafico titulo={t('relatorios.valor', 'Valor total por operadora')} id="grafico-valor">
            <BarChart data={valores.dados}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="mes_ano" />
              <YAxis />
              <Tooltip formatter={(v) => moeda(Number(v))} />
              <Legend />
              {valores.operadoras.map((o, i) => (
                <Bar
                  isAnimationActive={false}
                  key={o}
                  dataKey={o}
                  stackId="valor"
                  fill={CORES[i % CORES.length]}
                />
              ))}
            </BarChart>
          </Grafico>
        </Grid.Item>
        <Grid.Item col={6} xs={12}>
          <Grafico
            titulo={t('relatorios.tempo', 'Horas, em média, entre a fatura chegar e ser aprovada')}
            id="grafico-tempo"
          >
            <LineChart data={tempos}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="mes_ano" />
              <YAxis />
              <Tooltip />
              <Line
                isAnimationActive={false}
                type="monotone"
                dataKey="horas"
                name={t('relatorios.horas', 'Horas')}
                stroke={CORES[2]}
                connectNulls
              />
            </LineChart>
          </Grafico>
        </Grid.Item>
        <Grid.Item col={6} xs={12}>
          <Grafico
            titulo={t('relatorios.sucesso', 'Sucesso dos robôs por operadora (%)')}
            id="grafico-sucesso"
          >
            <LineChart data={sucesso.dados}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="mes_ano" />
              <YAxis domain={[0, 100]} />
              <Tooltip />
              <Legend />
              {sucesso.operadoras.map((o, i) => (
                <Line
                  isAnimationActive={false}
                  key={o}
                  type="monotone"
                  dataKey={o}
                  stroke={CORES[i % CORES.length]}
                  connectNulls
                />
              ))}
            </LineChart>
          </Grafico>
        </Grid.Item>
      </Grid.Root>
      {dados && dados.faturas_por_mes.length === 0 && (
        <Flex paddingTop={4}>
          <Typography textColor="neutral600">
            {t('relatorios.vazio', 'Nenhuma fatura nos meses escolhidos.')}
          </Typography>
        </Flex>
      )}
    </Box>
  );
};
