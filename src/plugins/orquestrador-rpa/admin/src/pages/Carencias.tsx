import { useCallback, useEffect, useState } from 'react';
import { Box, Button, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { ROTULOS_ALTERACAO_SENSIVEL, urlPainel, type ItemCarencia } from '@orquestrador-rpa/contrato';
import { useTextos } from '../textos';
import { Cabecalho, CabecalhoTabela, dataHora, mensagemDeErro } from '../componentes/comuns';

/**
 * Contas em carência: quem decide faturas e teve a conta criada ou alterada por outra pessoa só
 * volta a aprovar no prazo ou quando um segundo administrador confirma aqui (o servidor recusa a
 * confirmação da própria pessoa e de quem fez a alteração).
 */
export const Carencias = () => {
  const t = useTextos();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [lista, definirLista] = useState<ItemCarencia[] | null>(null);

  const carregar = useCallback(() => {
    get<{ data: ItemCarencia[] }>(urlPainel('carencias'))
      .then(({ data }) => definirLista(data.data))
      .catch((erro) =>
        toggleNotification({
          type: 'danger',
          message: mensagemDeErro(erro, t('carencias.erro', 'Não foi possível carregar as carências.')),
        })
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- carrega uma vez por montagem
  }, [get]);
  useEffect(carregar, [carregar]);

  const confirmar = async (item: ItemCarencia) => {
    try {
      await post(urlPainel('confirmarConta', { id: item.alteracao }), {});
      toggleNotification({
        type: 'success',
        message: t('carencias.confirmada', 'Alteração confirmada: a conta volta a decidir faturas.'),
      });
      carregar();
    } catch (erro) {
      toggleNotification({
        type: 'danger',
        message: mensagemDeErro(erro, t('carencias.erroConfirmar', 'Não foi possível confirmar.')),
      });
    }
  };

  return (
    <Box padding={8}>
      <Cabecalho
        titulo={t('carencias.titulo', 'Contas em carência')}
        subtitulo={t(
          'carencias.subtitulo',
          'Contas que aprovam e foram criadas ou alteradas por outra pessoa (senha, e-mail, papel, destinos das notificações). Elas só voltam a decidir no prazo ou quando um segundo administrador confirma — nem a própria pessoa, nem quem alterou.'
        )}
      />
      {lista?.length === 0 && (
        <Typography tag="p">{t('carencias.vazia', 'Nenhuma conta em carência.')}</Typography>
      )}
      {!!lista?.length && (
        <Table colCount={5} rowCount={lista.length + 1}>
          <CabecalhoTabela
            colunas={
              [
                ['col.conta', 'Conta'],
                ['col.alteracao', 'O que mudou'],
                ['col.alteradoPor', 'Quem alterou e quando'],
                ['col.liberaEm', 'Decide de novo em'],
                ['col.acoes', 'Ações'],
              ] as const
            }
          />
          <Tbody>
            {lista.map((item) => (
              <Tr key={item.alteracao} data-testid={`carencia-${item.alteracao}`}>
                <Td>
                  <Typography fontWeight="bold">{item.pessoa}</Typography>
                </Td>
                <Td>
                  <Typography>
                    {item.tipos.map((tipo) => ROTULOS_ALTERACAO_SENSIVEL[tipo]).join(', ')}
                  </Typography>
                </Td>
                <Td>
                  <Typography>
                    {item.alterado_por} · {dataHora(item.alterado_em)}
                  </Typography>
                </Td>
                <Td>
                  <Typography>{dataHora(item.libera_em)}</Typography>
                </Td>
                <Td>
                  <Button size="S" onClick={() => void confirmar(item)}>
                    {t('carencias.confirmar', 'Confirmar a alteração')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </Box>
  );
};
