import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Flex, Grid, Main, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { ID_PLUGIN } from '../pluginId';

interface ResumoCadastro {
  operadoras: number;
  operadorasAtivas: number;
  operadorasComRpa: number;
  clientes: number;
  clientesAtivos: number;
}

const CARTOES: Array<keyof ResumoCadastro> = ['operadoras', 'operadorasAtivas', 'operadorasComRpa', 'clientes', 'clientesAtivos'];

/** Página inicial do plugin: contagens do cadastro vindas do servidor. */
export const Resumo = () => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [resumo, definirResumo] = useState<ResumoCadastro | null>(null);
  const [falhou, definirFalhou] = useState(false);
  const t = (id: string) => formatMessage({ id: `${ID_PLUGIN}.${id}` });

  useEffect(() => {
    get<{ data: ResumoCadastro }>(`/${ID_PLUGIN}/resumo`)
      .then(({ data }) => definirResumo(data.data))
      .catch(() => definirFalhou(true));
  }, [get]);

  return (
    <Main>
      <Box padding={8}>
        <Typography tag="h1" variant="alpha">{t('resumo.titulo')}</Typography>
        <Box paddingTop={2} paddingBottom={6}>
          <Typography variant="epsilon" textColor="neutral600">{t('resumo.subtitulo')}</Typography>
        </Box>
        {falhou && <Typography textColor="danger600">{t('resumo.erro')}</Typography>}
        <Grid.Root gap={4}>
          {CARTOES.map((chave) => (
            <Grid.Item key={chave} col={4} s={6} xs={12}>
              <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} width="100%">
                <Flex direction="column" alignItems="flex-start" gap={2}>
                  <Typography variant="sigma" textColor="neutral600">{t(`resumo.${chave}`)}</Typography>
                  <Typography variant="alpha" data-testid={`resumo-${chave}`}>{resumo ? resumo[chave] : '…'}</Typography>
                </Flex>
              </Box>
            </Grid.Item>
          ))}
        </Grid.Root>
      </Box>
    </Main>
  );
};
