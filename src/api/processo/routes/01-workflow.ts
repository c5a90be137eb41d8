/** Ações do workflow (antes das rotas padrão: a ordem alfabética dos arquivos importa). */
const acao = (method: 'GET' | 'POST', path: string, handler: string, middlewares: string[] = []) => ({
  method,
  path,
  handler: `processo.${handler}`,
  ...(middlewares.length ? { config: { middlewares } } : {}),
});

export default {
  routes: [
    acao('POST', '/processos/gerar-mensais', 'gerarMensais'),
    acao('POST', '/processos/executar-downloads', 'executarDownloads'),
    acao('POST', '/processos/:id/executar-download', 'executarDownload'),
    acao('POST', '/processos/:id/aprovar', 'aprovar'),
    acao('POST', '/processos/:id/rejeitar', 'rejeitar'),
    acao('POST', '/processos/:id/reconferir', 'reconferir'),
    acao('POST', '/processos/:id/reabrir', 'reabrir'),
    acao('POST', '/processos/:id/reenviar-sat', 'reenviarSat'),
    acao('POST', '/processos/:id/confirmar-envio-sat', 'confirmarEnvioSat'),
    acao('POST', '/processos/:id/upload-manual', 'uploadManual'),
    acao('GET', '/processos/:id/fatura', 'fatura'),
    acao('GET', '/processos/:id/rastreabilidade', 'rastreabilidade', ['global::limite-exportacao']),
  ],
};
