import { useState } from 'react';
import { Box, Button, Flex, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import {
  BadgeStatus,
  baixarArquivo,
  Cabecalho,
  CabecalhoTabela,
  Quadro,
  SeletorMes,
  useDadosDoMes,
} from '../componentes/comuns';
import { dataBr, useTextos } from '../textos';
import { competenciaAtual, type ConciliacaoMes, urlPainel } from '@orquestrador-rpa/contrato';

const COLUNAS_OPERADORAS = [
  ['col.operadora', 'Operadora'],
  ['conciliacao.esperado', 'Esperado'],
  ['conciliacao.recebido', 'Recebido'],
  ['conciliacao.aprovado', 'Aprovado'],
  ['conciliacao.enviado', 'Enviado ao SAT'],
  ['conciliacao.falta', 'Falta'],
] as const;
const COLUNAS_PENDENTES = [
  ['col.operadora', 'Operadora'],
  ['col.cliente', 'Cliente'],
  ['col.status', 'Status'],
  ['conciliacao.motivo', 'O que falta'],
  ['col.vencimento', 'Vencimento'],
] as const;

/**
 * Conciliação do mês: por operadora, esperado × recebido × aprovado × enviado ao SAT, e cada
 * cliente que ainda não chegou ao SAT com o motivo. Exporta em CSV (o mesmo conteúdo da tela).
 */
export const Conciliacao = () => {
  const t = useTextos();
  const { get } = useFetchClient();
  const [mes, definirMes] = useState(competenciaAtual());
  const { dados } = useDadosDoMes<ConciliacaoMes>(
    'conciliacao',
    mes,
    t('conciliacao.erro', 'Não foi possível carregar a conciliação.')
  );

  const exportar = async (formato: 'csv' | 'pdf') => {
    const { data } = await get<Blob>(
      `${urlPainel('exportarConciliacao')}?mes_ano=${mes}&formato=${formato}`,
      {
        responseType: 'blob',
      }
    );
    baixarArquivo(data, `conciliacao-${mes}.${formato}`);
  };

  return (
    <Box padding={8}>
      <Cabecalho
        titulo={t('conciliacao.titulo', 'Conciliação do mês')}
        subtitulo={t(
          'conciliacao.subtitulo',
          'Esperado (clientes ativos) × recebido × aprovado × enviado ao SAT, e o que falta'
        )}
      >
        <Flex gap={4} alignItems="flex-end">
          <SeletorMes mes={mes} aoMudar={definirMes} idTeste="conciliacao-mes" />
          <Button variant="secondary" onClick={() => void exportar('csv')} data-testid="conciliacao-exportar">
            {t('acao.exportarCsv', 'Exportar CSV')}
          </Button>
          <Button
            variant="secondary"
            onClick={() => void exportar('pdf')}
            data-testid="conciliacao-exportar-pdf"
          >
            {t('acao.exportarPdf', 'Exportar PDF')}
          </Button>
        </Flex>
      </Cabecalho>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Quadro titulo={t('conciliacao.porOperadora', 'Por operadora')}>
          <Table colCount={6} rowCount={(dados?.operadoras.length ?? 0) + 2}>
            <CabecalhoTabela colunas={COLUNAS_OPERADORAS} />
            <Tbody>
              {[
                ...(dados?.operadoras ?? []),
                ...(dados ? [{ ...dados.totais, codigo: '', nome: '' }] : []),
              ].map((o) => (
                <Tr key={o.codigo || 'total'} data-testid={`conciliacao-operadora-${o.codigo || 'total'}`}>
                  <Td>
                    <Typography fontWeight={o.codigo ? undefined : 'bold'}>
                      {o.codigo ? o.nome : t('conciliacao.total', 'Total')}
                    </Typography>
                  </Td>
                  {[o.esperado, o.recebido, o.aprovado, o.enviado, o.esperado - o.enviado].map((n, i) => (
                    <Td key={i}>
                      <Typography>{n}</Typography>
                    </Td>
                  ))}
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Quadro>
        <Quadro titulo={t('conciliacao.pendentes', 'O que falta ({n})', { n: dados?.pendentes.length ?? 0 })}>
          <Table colCount={5} rowCount={(dados?.pendentes.length ?? 0) + 1}>
            <CabecalhoTabela colunas={COLUNAS_PENDENTES} />
            <Tbody>
              {(dados?.pendentes ?? []).map((p) => (
                <Tr key={p.cliente.documentId} data-testid="conciliacao-pendente">
                  <Td>
                    <Typography>{p.operadora}</Typography>
                  </Td>
                  <Td>
                    {p.processo ? (
                      <Link to={`../processos/${p.processo}`}>{p.cliente.nome_sat}</Link>
                    ) : (
                      <Typography>{p.cliente.nome_sat}</Typography>
                    )}
                  </Td>
                  <Td>
                    {p.status_processo ? (
                      <BadgeStatus status={p.status_processo} />
                    ) : (
                      <Typography>{t('conciliacao.semProcesso', 'Sem processo')}</Typography>
                    )}
                  </Td>
                  <Td>
                    <Typography>{p.motivo}</Typography>
                  </Td>
                  <Td>
                    <Typography>{dataBr(p.data_vencimento)}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Quadro>
      </Flex>
    </Box>
  );
};
