import { useState } from 'react';
import { Button, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useTextos } from '../textos';
import { mensagemDeErro } from './comuns';
import { urlPainel } from '@orquestrador-rpa/contrato';

export interface AlvoConferencia {
  processo: string;
  descricao: string;
  /** `confirmarEnvioSat`: a fatura está no SAT; `reenviarSat`: não está, enviar de novo. */
  caminho: 'confirmarEnvioSat' | 'reenviarSat';
}

/**
 * Decisão de uma pessoa sobre um envio a conferir no SAT (o robô passou do clique final e não se
 * sabe se a fatura entrou): confirmar que está lá ou reenviar — sempre dizendo o que conferiu.
 */
export const ConferirSat = ({
  alvo,
  aoFechar,
  aoConcluir,
}: {
  alvo: AlvoConferencia | null;
  aoFechar: () => void;
  aoConcluir: () => void;
}) => {
  const t = useTextos();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [observacoes, definirObservacoes] = useState('');
  const [enviando, definirEnviando] = useState(false);
  const confirmar = alvo?.caminho === 'confirmarEnvioSat';

  const decidir = async () => {
    if (!alvo) return;
    definirEnviando(true);
    try {
      await post(urlPainel(alvo.caminho, { id: alvo.processo }), { observacoes });
      toggleNotification({
        type: 'success',
        message: confirmar
          ? t('conferir.confirmado', 'Envio ao SAT confirmado.')
          : t('processos.reenviado', 'Novo envio ao SAT na fila.'),
      });
      definirObservacoes('');
      aoConcluir();
    } catch (erro) {
      toggleNotification({ type: 'danger', message: mensagemDeErro(erro, t('acao.erro', 'A ação falhou.')) });
    } finally {
      definirEnviando(false);
    }
  };

  return (
    <Modal.Root
      open={alvo !== null}
      onOpenChange={(aberto: boolean) => !aberto && (definirObservacoes(''), aoFechar())}
    >
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            {confirmar
              ? t('conferir.tituloConfirmar', 'A fatura está no SAT')
              : t('conferir.tituloReenviar', 'A fatura não está no SAT: reenviar')}
            {alvo ? ` · ${alvo.descricao}` : ''}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>
              {t(
                'conferir.explicacao',
                'O robô passou do clique final no SAT e não confirmou o resultado. Confira no SAT antes de decidir: reenviar uma fatura que já entrou a duplicaria.'
              )}
            </Typography>
            <Field.Root name="observacoes" id="observacoes-conferencia" required>
              <Field.Label>{t('conferir.oQueConferiu', 'O que você conferiu no SAT')}</Field.Label>
              <Textarea
                value={observacoes}
                onChange={(e: { target: { value: string } }) => definirObservacoes(e.target.value)}
                data-testid="observacoes-conferencia"
              />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('acao.cancelar', 'Cancelar')}</Button>
          </Modal.Close>
          <Button
            disabled={!observacoes.trim() || enviando}
            loading={enviando}
            onClick={() => void decidir()}
            data-testid="decidir-conferencia"
          >
            {confirmar
              ? t('acao.confirmarEnvioSat', 'Confirmar envio')
              : t('acao.reenviarSat', 'Reenviar ao SAT')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
