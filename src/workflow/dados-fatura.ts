import { lerData, lerValor } from '@orquestrador-rpa/contrato';
import { erroValidacao, exigirSemErros, type ErroDeCampo } from '../regras/erros';

/** Valor e vencimento informados com a fatura, em formatos brasileiros ou ISO. */
export interface DadosFatura {
  valor_fatura: number;
  data_vencimento: string;
}

export const lerDadosFatura = (corpo: Record<string, unknown>): DadosFatura => {
  const problemas: ErroDeCampo[] = [];
  const valor = lerValor(corpo.valor_fatura);
  if (valor === null || valor <= 0) {
    problemas.push({
      campo: 'valor_fatura',
      mensagem: `Valor da fatura inválido: "${String(corpo.valor_fatura ?? '')}". Use, por exemplo, 1234,56.`,
    });
  }
  const vencimento = lerData(corpo.data_vencimento);
  if (!vencimento) {
    problemas.push({
      campo: 'data_vencimento',
      mensagem: `Vencimento inválido: "${String(corpo.data_vencimento ?? '')}". Use AAAA-MM-DD ou DD/MM/AAAA.`,
    });
  }
  exigirSemErros(problemas);
  return { valor_fatura: valor!, data_vencimento: vencimento! };
};

export const exigirArquivo = <T>(arquivo: T | T[] | undefined): T => {
  const unico = Array.isArray(arquivo) ? arquivo[0] : arquivo;
  if (!unico)
    throw erroValidacao('Envie o PDF da fatura no campo "fatura" (multipart/form-data).', [
      { campo: 'fatura', mensagem: 'Obrigatório.' },
    ]);
  return unico;
};
