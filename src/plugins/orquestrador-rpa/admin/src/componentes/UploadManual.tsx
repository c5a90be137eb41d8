import { useState } from 'react';
import { Button, Field, Flex, Modal, TextInput, Textarea } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useTextos } from '../textos';
import { AreaSoltar } from './AreaSoltar';
import { mensagemDeErro } from './comuns';
import { urlPainel } from '@orquestrador-rpa/contrato';

export interface AlvoUpload {
  processo: string;
  descricao: string;
}

/**
 * Upload manual da fatura: arrastar e soltar o PDF (ou escolher o arquivo), valor, vencimento e
 * observações. O servidor valida o PDF de verdade; o erro dele aparece como veio, em português.
 */
export const UploadManual = ({
  alvo,
  aoFechar,
  aoConcluir,
}: {
  alvo: AlvoUpload | null;
  aoFechar: () => void;
  aoConcluir: () => void;
}) => {
  const t = useTextos();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [arquivo, definirArquivo] = useState<File | null>(null);
  const [valor, definirValor] = useState('');
  const [vencimento, definirVencimento] = useState('');
  const [observacoes, definirObservacoes] = useState('');
  const [enviando, definirEnviando] = useState(false);

  const limpar = () => {
    definirArquivo(null);
    definirValor('');
    definirVencimento('');
    definirObservacoes('');
  };
  const enviar = async () => {
    if (!alvo || !arquivo) return;
    const formulario = new FormData();
    formulario.append('fatura', arquivo, arquivo.name);
    formulario.append('valor_fatura', valor);
    formulario.append('data_vencimento', vencimento);
    formulario.append('observacoes', observacoes);
    definirEnviando(true);
    try {
      await post(urlPainel('uploadManual', { id: alvo.processo }), formulario);
      toggleNotification({
        type: 'success',
        message: t('upload.sucesso', 'Fatura enviada: ela já está na fila de aprovação.'),
      });
      limpar();
      aoConcluir();
    } catch (erro) {
      toggleNotification({
        type: 'danger',
        message: mensagemDeErro(erro, t('upload.erro', 'O upload falhou.')),
      });
    } finally {
      definirEnviando(false);
    }
  };

  return (
    <Modal.Root open={alvo !== null} onOpenChange={(aberto: boolean) => !aberto && (limpar(), aoFechar())}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            {t('upload.titulo', 'Upload manual da fatura')}
            {alvo ? ` · ${alvo.descricao}` : ''}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <AreaSoltar
              arquivo={arquivo}
              aoEscolher={definirArquivo}
              convite={t('upload.arraste', 'Arraste o PDF da fatura para cá')}
              escolher={t('upload.escolher', 'ou escolha o arquivo')}
              aceitar="application/pdf,.pdf"
              idTeste="area-soltar"
              idTesteArquivo="arquivo-fatura"
            />
            <Flex gap={4} wrap="wrap">
              <Field.Root name="valor_fatura" id="valor_fatura">
                <Field.Label>{t('col.valor', 'Valor')} (R$)</Field.Label>
                <TextInput
                  placeholder="1.234,56"
                  value={valor}
                  onChange={(e: { target: { value: string } }) => definirValor(e.target.value)}
                  data-testid="upload-valor"
                />
              </Field.Root>
              <Field.Root name="data_vencimento" id="data_vencimento">
                <Field.Label>{t('col.vencimento', 'Vencimento')}</Field.Label>
                <TextInput
                  placeholder="10/03/2025"
                  value={vencimento}
                  onChange={(e: { target: { value: string } }) => definirVencimento(e.target.value)}
                  data-testid="upload-vencimento"
                />
              </Field.Root>
            </Flex>
            <Field.Root name="observacoes" id="observacoes-upload">
              <Field.Label>{t('upload.observacoes', 'Observações')}</Field.Label>
              <Textarea
                value={observacoes}
                onChange={(e: { target: { value: string } }) => definirObservacoes(e.target.value)}
              />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('acao.cancelar', 'Cancelar')}</Button>
          </Modal.Close>
          <Button
            disabled={!arquivo || enviando}
            loading={enviando}
            onClick={() => void enviar()}
            data-testid="enviar-upload"
          >
            {t('upload.enviar', 'Enviar fatura')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
