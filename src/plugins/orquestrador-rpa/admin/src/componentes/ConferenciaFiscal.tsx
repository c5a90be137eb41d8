import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import type { ConferenciaFiscal as Conferencia, ExtraidoDaFatura } from '@orquestrador-rpa/contrato';
import { dataBr, moeda, useRotulo, useTextos } from '../textos';

/** Selo da situação da conferência na fila (com a contagem de achados). */
export const SeloConferencia = ({ conferencia }: { conferencia: Conferencia | null }) => {
  const rotulo = useRotulo();
  if (!conferencia) return <Typography textColor="neutral500">—</Typography>;
  const bloqueante = conferencia.achados.some((a) => a.severidade === 'bloqueante');
  const [fundo, texto] =
    conferencia.situacao === 'SEM_ACHADOS'
      ? ['success100', 'success700']
      : bloqueante
        ? ['danger100', 'danger700']
        : ['warning100', 'warning700'];
  return (
    <Badge backgroundColor={fundo} textColor={texto} data-testid="selo-conferencia">
      {`${rotulo('conferencia', conferencia.situacao)}${conferencia.achados.length ? ` (${conferencia.achados.length})` : ''}`}
    </Badge>
  );
};

/** Campos lidos do documento que valem mostrar ao lado da prévia (os vazios ficam de fora). */
const useCamposExtraidos = () => {
  const t = useTextos();
  return (e: ExtraidoDaFatura): Array<[string, string]> =>
    (
      [
        [t('conferencia.linhaDigitavel', 'Linha digitável'), e.linha_digitavel],
        [t('conferencia.codigoBarras', 'Código de barras'), e.linha_digitavel ? null : e.codigo_barras],
        [t('conferencia.chaveNfcom', 'Chave da NFCom'), e.chave_nfcom],
        [t('conferencia.valor', 'Valor no documento'), e.valor === null ? null : moeda(e.valor)],
        [t('conferencia.vencimento', 'Vencimento no documento'), e.vencimento && dataBr(e.vencimento)],
        [t('conferencia.emitente', 'CNPJ do emitente'), e.cnpj_emitente],
        [t('conferencia.destinatario', 'CNPJ do destinatário'), e.cnpj_destinatario],
      ] as Array<[string, string | null]>
    ).filter((c): c is [string, string] => Boolean(c[1]));
};

/**
 * O que a conferência fiscal leu e achou nesta fatura; com achado bloqueante, pede a justificativa
 * (o servidor recusa aprovar sem ela).
 */
export const PainelConferencia = ({
  conferencia,
  justificativa,
  aoJustificar,
  aoReconferir,
}: {
  conferencia: Conferencia | null;
  justificativa: string;
  aoJustificar: (texto: string) => void;
  aoReconferir?: () => void;
}) => {
  const t = useTextos();
  const camposExtraidos = useCamposExtraidos();
  const bloqueante = conferencia?.achados.some((a) => a.severidade === 'bloqueante') ?? false;
  return (
    <Box padding={3} hasRadius background="neutral100" data-testid="conferencia-fiscal">
      <Flex justifyContent="space-between" gap={2}>
        <Flex gap={2}>
          <Typography variant="delta">{t('conferencia.titulo', 'Conferência fiscal')}</Typography>
          <SeloConferencia conferencia={conferencia} />
        </Flex>
        {aoReconferir && (
          <Button variant="tertiary" size="S" onClick={aoReconferir} data-testid="reconferir">
            {t('conferencia.reconferir', 'Conferir de novo')}
          </Button>
        )}
      </Flex>
      {!conferencia && (
        <Typography variant="pi" textColor="neutral600">
          {t(
            'conferencia.ausente',
            'Fatura recebida antes da conferência fiscal: confira de novo para ler o documento.'
          )}
        </Typography>
      )}
      {conferencia?.situacao === 'NAO_LIDA' && (
        <Typography variant="pi" textColor="warning700" data-testid="conferencia-motivo">
          {conferencia.motivo}
        </Typography>
      )}
      {conferencia && conferencia.achados.length > 0 && (
        <ul data-testid="achados-conferencia" style={{ margin: '8px 0', paddingLeft: 18 }}>
          {conferencia.achados.map((a, i) => (
            <li key={`${a.codigo}-${i}`} data-testid={`achado-${a.codigo}`}>
              <Typography
                variant="pi"
                fontWeight={a.severidade === 'bloqueante' ? 'bold' : undefined}
                textColor={a.severidade === 'bloqueante' ? 'danger600' : 'warning700'}
              >
                {a.severidade === 'bloqueante'
                  ? t('conferencia.bloqueante', 'Bloqueante')
                  : t('conferencia.aviso', 'Aviso')}
                {`: ${a.mensagem}`}
              </Typography>
            </li>
          ))}
        </ul>
      )}
      {conferencia && camposExtraidos(conferencia.extraido).length > 0 && (
        <Flex direction="column" alignItems="stretch" gap={1} paddingTop={2}>
          {camposExtraidos(conferencia.extraido).map(([rotulo, valor]) => (
            <Typography key={rotulo} variant="pi">
              {rotulo}: <strong style={{ wordBreak: 'break-all' }}>{valor}</strong>
            </Typography>
          ))}
        </Flex>
      )}
      {bloqueante && (
        <label>
          <Typography variant="pi" fontWeight="bold">
            {t('conferencia.justificativa', 'Justificativa para aprovar apesar dos achados bloqueantes')}
          </Typography>
          <textarea
            value={justificativa}
            onChange={(e) => aoJustificar(e.target.value)}
            rows={2}
            style={{ width: '100%' }}
            data-testid="justificativa"
          />
        </label>
      )}
    </Box>
  );
};
