import { useState } from 'react';
import { Box, Button, Flex, Grid } from '@strapi/design-system';
import { useTextos } from '../textos';
import { Cabecalho, FiltroLista, FiltroTexto, Quadro } from '../componentes/comuns';
import { PainelLogs } from '../componentes/PainelLogs';
import { nomeSala, SALA_TODAS, type TipoSala } from '@orquestrador-rpa/contrato';

/** O que acompanhar: todas as execuções ou as de uma sala (contrato do Socket.IO). */
type Acompanhar = TipoSala | typeof SALA_TODAS;

/** Acompanhar os robôs ao vivo: todas as execuções ou só as de uma operadora, cliente, processo ou execução. */
export const LogsAoVivo = () => {
  const t = useTextos();
  const [tipo, definirTipo] = useState<Acompanhar>(SALA_TODAS);
  const [id, definirId] = useState('');
  const [sala, definirSala] = useState<string>(SALA_TODAS);
  const aplicar = () =>
    definirSala(tipo === SALA_TODAS || !id.trim() ? SALA_TODAS : nomeSala(tipo, id.trim()));
  return (
    <Box padding={8}>
      <Cabecalho
        titulo={t('logs.titulo', 'Logs ao vivo')}
        subtitulo={t('logs.subtitulo', 'Cada linha que os robôs registram aparece aqui assim que é escrita')}
      />
      <Grid.Root gap={4}>
        <Grid.Item direction="column" alignItems="stretch" col={3} s={6} xs={12}>
          <FiltroLista
            id="tipo-sala"
            rotulo={t('logs.acompanhar', 'Acompanhar')}
            valor={tipo === SALA_TODAS ? '' : tipo}
            aoMudar={(v) => definirTipo((v || SALA_TODAS) as Acompanhar)}
            opcoes={[
              ['operadora', t('logs.operadora', 'Operadora (código)')],
              ['cliente', t('logs.cliente', 'Cliente (id)')],
              ['processo', t('logs.processo', 'Processo (id)')],
              ['execucao', t('logs.execucao', 'Execução (id)')],
            ]}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="stretch" col={4} s={6} xs={12}>
          <FiltroTexto
            id="id-sala"
            rotulo={t('logs.identificador', 'Identificador')}
            valor={id}
            aoMudar={definirId}
          />
        </Grid.Item>
        <Grid.Item direction="column" alignItems="flex-start" col={2} xs={12}>
          <Flex paddingTop={6}>
            <Button onClick={aplicar} data-testid="aplicar-filtro-logs">
              {t('acao.aplicar', 'Aplicar')}
            </Button>
          </Flex>
        </Grid.Item>
      </Grid.Root>
      <Box paddingTop={6}>
        <Quadro titulo={sala === SALA_TODAS ? t('logs.todas', 'Todas as execuções') : sala}>
          <PainelLogs salas={[sala]} />
        </Quadro>
      </Box>
    </Box>
  );
};
