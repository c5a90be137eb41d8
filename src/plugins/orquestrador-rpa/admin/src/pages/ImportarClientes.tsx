import { useState } from 'react';
import { Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { AreaSoltar } from '../componentes/AreaSoltar';
import { mensagemDeErro, Quadro } from '../componentes/comuns';
import { useTextos } from '../textos';
import { type RelatorioImportacaoClientes, urlPainel } from '@orquestrador-rpa/contrato';

interface ErroImportacao {
  response?: { data?: { error?: { details?: Partial<RelatorioImportacaoClientes> } } };
}

/**
 * Importação de clientes pela planilha do legado (CSV com `;` ou `,`, UTF-8 ou Latin-1): arrastar o
 * arquivo, ver a prévia (o servidor simula tudo: criados, atualizados, inalterados e os erros por
 * linha e coluna, sem gravar) e só então confirmar. Reimportar a mesma planilha não duplica.
 */
export const ImportarClientes = () => {
  const t = useTextos();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [arquivo, definirArquivo] = useState<File | null>(null);
  const [previa, definirPrevia] = useState<RelatorioImportacaoClientes | null>(null);
  const [enviando, definirEnviando] = useState(false);

  const escolher = (novo: File | null) => {
    definirArquivo(novo);
    definirPrevia(null);
  };

  const enviar = async (simular: boolean) => {
    if (!arquivo) return;
    const formulario = new FormData();
    formulario.append('arquivo', arquivo, arquivo.name);
    definirEnviando(true);
    try {
      const { data } = await post<{ data: RelatorioImportacaoClientes }>(
        `${urlPainel('importarClientes')}${simular ? '?simular=true' : ''}`,
        formulario
      );
      definirPrevia(data.data);
      if (!simular) {
        toggleNotification({
          type: 'success',
          message: t(
            'importar.sucesso',
            'Importação gravada: {criados} criado(s), {atualizados} atualizado(s).',
            {
              criados: data.data.criados,
              atualizados: data.data.atualizados,
            }
          ),
        });
        definirArquivo(null);
      }
    } catch (erro) {
      const detalhes = (erro as ErroImportacao).response?.data?.error?.details;
      if (detalhes?.erros)
        definirPrevia({ simulacao: true, criados: 0, atualizados: 0, inalterados: 0, erros: detalhes.erros });
      toggleNotification({
        type: 'danger',
        message: mensagemDeErro(erro, t('importar.erro', 'A importação falhou.')),
      });
    } finally {
      definirEnviando(false);
    }
  };

  const podeConfirmar = !!arquivo && !!previa && previa.simulacao && previa.erros.length === 0;
  return (
    <Box padding={8}>
      <Quadro titulo={t('importar.titulo', 'Importar clientes (planilha do legado)')}>
        <Flex direction="column" alignItems="stretch" gap={4} paddingTop={4}>
          <AreaSoltar
            arquivo={arquivo}
            aoEscolher={escolher}
            convite={t(
              'importar.arraste',
              'Arraste a planilha CSV para cá (separador ; ou , e UTF-8 ou Latin-1)'
            )}
            escolher={t('importar.escolher', 'ou escolha o arquivo')}
            aceitar=".csv,text/csv"
            idTeste="area-planilha"
            idTesteArquivo="arquivo-planilha"
          />
          <Flex gap={2}>
            <Button
              variant="secondary"
              disabled={!arquivo || enviando}
              onClick={() => void enviar(true)}
              data-testid="botao-previa"
            >
              {t('importar.previa', 'Ver a prévia')}
            </Button>
            <Button
              disabled={!podeConfirmar || enviando}
              onClick={() => void enviar(false)}
              data-testid="botao-confirmar"
            >
              {t('importar.confirmar', 'Confirmar a importação')}
            </Button>
          </Flex>
          {previa && (
            <Flex direction="column" alignItems="stretch" gap={3} data-testid="resultado-importacao">
              <Typography variant="omega" fontWeight="bold">
                {previa.simulacao
                  ? t(
                      'importar.resumoPrevia',
                      'Prévia (nada gravado): {criados} a criar, {atualizados} a atualizar, {inalterados} inalterado(s), {erros} erro(s).',
                      {
                        criados: previa.criados,
                        atualizados: previa.atualizados,
                        inalterados: previa.inalterados,
                        erros: previa.erros.length,
                      }
                    )
                  : t(
                      'importar.resumoGravado',
                      'Gravado: {criados} criado(s), {atualizados} atualizado(s), {inalterados} inalterado(s).',
                      {
                        criados: previa.criados,
                        atualizados: previa.atualizados,
                        inalterados: previa.inalterados,
                      }
                    )}
              </Typography>
              {previa.erros.length > 0 && (
                <Table colCount={3} rowCount={previa.erros.length + 1}>
                  <Thead>
                    <Tr>
                      <Th>
                        <Typography variant="sigma">{t('importar.linha', 'Linha')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('importar.coluna', 'Coluna')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('importar.problema', 'Problema')}</Typography>
                      </Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {previa.erros.map((e, i) => (
                      <Tr key={`${e.linha}-${e.coluna}-${i}`}>
                        <Td>
                          <Typography>{e.linha}</Typography>
                        </Td>
                        <Td>
                          <Typography>{e.coluna}</Typography>
                        </Td>
                        <Td>
                          <Typography>{e.mensagem}</Typography>
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
            </Flex>
          )}
        </Flex>
      </Quadro>
    </Box>
  );
};
