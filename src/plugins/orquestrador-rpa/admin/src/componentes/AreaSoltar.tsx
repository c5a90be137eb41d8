import { useState, type DragEvent } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

/**
 * Área de arrastar e soltar um arquivo (ou escolhê-lo): mostra o nome e o tamanho do escolhido.
 * Usada pelo upload manual da fatura e pela importação de clientes.
 */
export const AreaSoltar = ({
  arquivo,
  aoEscolher,
  convite,
  escolher,
  aceitar,
  idTeste,
  idTesteArquivo,
}: {
  arquivo: File | null;
  aoEscolher: (arquivo: File | null) => void;
  convite: string;
  escolher: string;
  aceitar: string;
  idTeste: string;
  idTesteArquivo: string;
}) => {
  const [arrastando, definirArrastando] = useState(false);
  const soltar = (evento: DragEvent<HTMLDivElement>) => {
    evento.preventDefault();
    definirArrastando(false);
    aoEscolher(evento.dataTransfer.files[0] ?? null);
  };
  return (
    <Box
      padding={6}
      hasRadius
      borderStyle="dashed"
      borderWidth="2px"
      borderColor={arrastando ? 'primary600' : 'neutral300'}
      background={arrastando ? 'primary100' : 'neutral100'}
      onDragOver={(e: DragEvent<HTMLDivElement>) => (e.preventDefault(), definirArrastando(true))}
      onDragLeave={() => definirArrastando(false)}
      onDrop={soltar}
      data-testid={idTeste}
    >
      <Flex direction="column" gap={2}>
        <Typography>
          {arquivo ? `${arquivo.name} (${Math.ceil(arquivo.size / 1024)} KB)` : convite}
        </Typography>
        <label>
          <Typography
            variant="pi"
            textColor="primary600"
            style={{ cursor: 'pointer', textDecoration: 'underline' }}
          >
            {escolher}
          </Typography>
          <input
            type="file"
            accept={aceitar}
            hidden
            onChange={(e) => aoEscolher(e.target.files?.[0] ?? null)}
            data-testid={idTesteArquivo}
          />
        </label>
      </Flex>
    </Box>
  );
};
