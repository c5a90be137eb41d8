import { achadosBloqueantes } from '@orquestrador-rpa/contrato';
import type { LinkConferido } from './decisao';
import { linhasDaConferencia } from './mensagens';

/** Páginas HTML do link de decisão (sem script; o GET só mostra, quem decide é o POST do formulário). */

const escapar = (texto: string): string =>
  texto.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
  );

const moeda = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

const pagina = (titulo: string, corpo: string): string => `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapar(titulo)} — Orquestrador RPA</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#222}
dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem}dt{font-weight:600}
button{font-size:1rem;padding:.6rem 1.2rem;margin:.5rem .5rem 0 0;cursor:pointer}
textarea{width:100%;min-height:4rem}form{margin-top:1.2rem}
iframe{width:100%;height:70vh;border:1px solid #ccc;margin-top:1rem}</style></head>
<body><h1>${escapar(titulo)}</h1>${corpo}</body></html>`;

/**
 * Página de confirmação: os dados, a prévia do PDF (pelo próprio link) e os dois formulários
 * (aprovar; rejeitar com motivo), presos ao sha256 do PDF mostrado.
 */
export const paginaDeConfirmacao = ({ processo, pessoa }: LinkConferido, acaoFormulario: string): string => {
  const cliente = processo.cliente ?? {};
  const valor =
    processo.valor_fatura === null || processo.valor_fatura === undefined
      ? 'não informado'
      : moeda.format(Number(processo.valor_fatura));
  const sha256 = processo.hash_fatura ?? '';
  const campoSha = `<input type="hidden" name="sha256" value="${escapar(sha256)}">`;
  const achados = linhasDaConferencia(processo);
  // Achado bloqueante: aprovar pede a justificativa escrita (o servidor recusa sem ela).
  const justificar =
    achadosBloqueantes(processo.conferencia_fiscal, processo.hash_fatura).length > 0
      ? '<label for="justificativa">Justificativa para aprovar apesar dos achados</label><textarea id="justificativa" name="observacoes" required></textarea>'
      : '';
  return pagina(
    'Decidir sobre a fatura',
    `<p>Olá, ${escapar(pessoa.nome)}. Confira os dados antes de decidir; a decisão fica registrada em seu nome.</p>
<dl><dt>Cliente</dt><dd>${escapar(cliente.razao_social ?? '')}</dd>
<dt>Operadora</dt><dd>${escapar(cliente.operadora?.nome ?? '')}</dd>
<dt>Competência</dt><dd>${escapar(processo.mes_ano.split('-').reverse().join('/'))}</dd>
<dt>Valor</dt><dd>${escapar(valor)}</dd>
<dt>Vencimento</dt><dd>${escapar(processo.data_vencimento ? processo.data_vencimento.slice(0, 10).split('-').reverse().join('/') : 'não informado')}</dd>
<dt>SHA-256 do PDF</dt><dd><code>${escapar(sha256)}</code></dd></dl>
${achados.length ? `<ul class="achados">${achados.map((a) => `<li>${escapar(a)}</li>`).join('')}</ul>` : ''}
<iframe src="${escapar(`${acaoFormulario}/fatura`)}" title="Prévia da fatura"></iframe>
<form method="post" action="${escapar(acaoFormulario)}"><input type="hidden" name="acao" value="aprovar">${campoSha}${justificar}
<button type="submit">Aprovar a fatura</button></form>
<form method="post" action="${escapar(acaoFormulario)}"><input type="hidden" name="acao" value="rejeitar">${campoSha}
<label for="observacoes">Motivo da rejeição</label><textarea id="observacoes" name="observacoes" required></textarea>
<button type="submit">Rejeitar a fatura</button></form>`
  );
};

export const paginaDeResultado = (titulo: string, mensagem: string, link?: string): string =>
  pagina(
    titulo,
    `<p>${escapar(mensagem)}</p>${link ? `<p><a href="${escapar(link)}">Abrir o processo no painel</a></p>` : ''}`
  );
