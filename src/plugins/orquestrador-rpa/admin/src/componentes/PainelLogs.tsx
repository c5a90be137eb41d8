import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import { useRotulo, useTextos } from '../textos';
import { useLogsAoVivo, type TransicaoAoVivo } from './tempo-real';

/** Linhas de log das execuções das salas assinadas, ao vivo, com o estado da conexão. */
export const PainelLogs = ({
  salas,
  aoTransicionar,
  linkProcesso = true,
}: {
  salas: string[];
  aoTransicionar?: (t: TransicaoAoVivo) => void;
  linkProcesso?: boolean;
}) => {
  const t = useTextos();
  const rotulo = useRotulo();
  const { execucoes, conectado, erro } = useLogsAoVivo(salas, aoTransicionar);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} paddingTop={3}>
      <Flex gap={2}>
        <Badge
          backgroundColor={conectado ? 'success100' : 'warning100'}
          textColor={conectado ? 'success700' : 'warning700'}
          data-testid="estado-conexao"
          data-conectado={String(conectado)}
        >
          {conectado ? t('logs.aoVivo', 'Ao vivo') : t('logs.reconectando', 'Reconectando…')}
        </Badge>
        {erro && (
          <Typography textColor="danger600" data-testid="erro-logs">
            {erro}
          </Typography>
        )}
      </Flex>
      {execucoes.length === 0 && (
        <Typography textColor="neutral600">
          {t('logs.vazio', 'Nenhuma execução com log nesta seleção ainda.')}
        </Typography>
      )}
      {[...execucoes].reverse().map((execucao) => (
        <Box
          key={execucao.id_execucao}
          background="neutral100"
          hasRadius
          padding={3}
          data-testid={`logs-${execucao.id_execucao}`}
        >
          <Flex gap={2} paddingBottom={2} wrap="wrap">
            <Typography fontWeight="bold">
              {execucao.tipo_execucao ? rotulo('tipoExecucao', execucao.tipo_execucao) : ''}
            </Typography>
            {execucao.operadora && <Badge>{execucao.operadora}</Badge>}
            {execucao.status_execucao && <Badge>{rotulo('statusExecucao', execucao.status_execucao)}</Badge>}
            {linkProcesso && execucao.id_processo && (
              <Link to={`/plugins/orquestrador-rpa/processos/${execucao.id_processo}`}>
                <Typography variant="pi" textColor="primary600">
                  {t('logs.verProcesso', 'ver processo')}
                </Typography>
              </Link>
            )}
          </Flex>
          <Box tag="pre" style={{ margin: 0, whiteSpace: 'pre-wrap', fontFamily: 'monospace', fontSize: 12 }}>
            {[...execucao.linhas.entries()]
              .sort(([a], [b]) => a - b)
              .map(([sequencia, l]) => (
                <Typography
                  key={sequencia}
                  tag="div"
                  variant="pi"
                  textColor="neutral800"
                  data-testid="linha-log"
                >
                  {l.linha}
                </Typography>
              ))}
          </Box>
        </Box>
      ))}
    </Flex>
  );
};
