import {
  conferenciaNaoLida,
  conferirTextoDaFatura,
  montarBoleto,
  type ConferenciaFiscal,
} from '@orquestrador-rpa/contrato';
import { linhasDaConferencia, textoDoProcesso, type DadosProcesso } from './mensagens';
import { paginaDeConfirmacao } from './pagina-decisao';
import type { LinkConferido } from './decisao';

/** Quem decide pela mensagem ou pelo link vê os achados da conferência, como no painel. */

// O texto leva o link do painel, que vem da configuração carregada pelo Strapi.
beforeAll(() => {
  (globalThis as Record<string, unknown>).strapi = {
    config: { get: () => ({ notificacoes: { urlPublica: 'https://orquestrador.exemplo' } }) },
  };
});
afterAll(() => {
  delete (globalThis as Record<string, unknown>).strapi;
});

const SHA = 'a'.repeat(64);
const BOLETO = montarBoleto({
  banco: '341',
  valor: 20,
  vencimento: '2025-03-10',
  campoLivre: '1790010104351004791020150',
});
const TEXTO = `FATURA Mês de referência: 04/2025 Vencimento: 10/03/2025 Código de barras ${BOLETO.codigo_barras}`;
const conferida = (): ConferenciaFiscal =>
  conferirTextoDaFatura(
    TEXTO,
    {
      valor: 10,
      vencimento: null,
      competencia: '2025-04',
      cnpj_cliente: '11222333000181',
      cnpjs_operadora: [],
    },
    { sha256: SHA }
  );
const processo = (conferencia: ConferenciaFiscal | null, hash = SHA): DadosProcesso => ({
  id: 1,
  documentId: 'proc1',
  mes_ano: '2025-04',
  hash_fatura: hash,
  valor_fatura: 10,
  conferencia_fiscal: conferencia,
  cliente: { razao_social: 'Empresa Teste Ltda', operadora: { nome: 'TELECOM' } },
});
const link = (p: DadosProcesso) =>
  ({ processo: p, pessoa: { nome: 'Ana' }, linha: {} }) as unknown as LinkConferido;

test('o achado bloqueante vai no texto da notificação e a página do link pede a justificativa', () => {
  const p = processo(conferida());
  const codigos = p.conferencia_fiscal!.achados.map((a) => a.codigo);
  expect(codigos).toContain('VALOR_DIVERGENTE');
  expect(textoDoProcesso('AGUARDANDO_APROVACAO', p).texto).toContain(
    'Conferência fiscal (bloqueante: aprovar exige justificativa)'
  );
  const html = paginaDeConfirmacao(link(p), '/decisao/x');
  expect(html).toMatch(/<textarea id="justificativa" name="observacoes" required>/);
  expect(html).toMatch(/<ul class="achados"><li>Conferência fiscal \(bloqueante[^<]*R\$/);
});

test('sem achados, ou conferência de outro PDF: nada a mostrar e nada a justificar', () => {
  const outroPdf = processo(conferida(), 'b'.repeat(64));
  expect(linhasDaConferencia(outroPdf)).toEqual([]);
  expect(paginaDeConfirmacao(link(outroPdf), '/decisao/x')).not.toContain('id="justificativa"');
  expect(linhasDaConferencia(processo(null))).toEqual([]);
});

test('fatura não lida: o motivo aparece, sem pedir justificativa', () => {
  const p = processo(conferenciaNaoLida('O PDF não tem texto.', { sha256: SHA }));
  expect(linhasDaConferencia(p)).toEqual(['Conferência fiscal: fatura não lida (O PDF não tem texto.).']);
  expect(paginaDeConfirmacao(link(p), '/decisao/x')).not.toContain('id="justificativa"');
});
