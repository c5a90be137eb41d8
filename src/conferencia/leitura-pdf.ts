import { spawn } from 'child_process';
import type { Readable } from 'stream';

/** Texto do PDF, ou o motivo de não ter lido (vai para a conferência como `NAO_LIDA`). */
export type LeituraDoPdf = { texto: string } | { motivo: string };

/** O texto de uma fatura cabe folgado nisso; além, é PDF anômalo e a leitura para. */
const LIMITE_TEXTO = 8 * 1024 * 1024;

/**
 * Lê o texto pelo `pdftotext` do Debian (poppler-utils) num processo à parte: o laço de eventos do
 * Strapi só espera a saída. O PDF entra pela entrada padrão (nenhuma cópia em disco) e a leitura tem
 * prazo; nada aqui lança: leitor ausente, PDF corrompido ou tempo esgotado viram o motivo.
 */
export const lerTextoDoPdf = (
  pdf: Readable,
  { limiteMs = 20_000, programa = 'pdftotext' }: { limiteMs?: number; programa?: string } = {}
): Promise<LeituraDoPdf> =>
  new Promise((resolver) => {
    const leitor = spawn(programa, ['-enc', 'UTF-8', '-', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const pedacos: Buffer[] = [];
    let tamanho = 0;
    let erro = '';
    let resolvido = false;
    const terminar = (leitura: LeituraDoPdf) => {
      if (resolvido) return;
      resolvido = true;
      clearTimeout(prazo);
      pdf.unpipe(leitor.stdin);
      if (leitor.exitCode === null) leitor.kill('SIGKILL');
      resolver(leitura);
    };
    const prazo = setTimeout(
      () => terminar({ motivo: `A leitura do PDF passou de ${limiteMs / 1000} s e foi interrompida.` }),
      limiteMs
    );
    leitor.on('error', (falha: NodeJS.ErrnoException) =>
      terminar({
        motivo:
          falha.code === 'ENOENT'
            ? 'O leitor de PDF (pdftotext) não está instalado neste servidor: instale o pacote poppler-utils (apt-get install poppler-utils) e reconfira a fatura.'
            : `Não foi possível iniciar a leitura do PDF: ${falha.message}`,
      })
    );
    leitor.stdout.on('data', (pedaco: Buffer) => {
      tamanho += pedaco.length;
      if (tamanho > LIMITE_TEXTO)
        terminar({ motivo: 'O PDF tem texto demais para uma fatura: leitura interrompida.' });
      else pedacos.push(pedaco);
    });
    leitor.stderr.on('data', (pedaco: Buffer) => {
      if (erro.length < 2000) erro += pedaco.toString('utf8');
    });
    leitor.on('close', (codigo) =>
      terminar(
        codigo === 0
          ? { texto: Buffer.concat(pedacos).toString('utf8') }
          : {
              motivo: `O PDF não pôde ser lido (corrompido?): ${erro.trim().split('\n')[0] || `código ${codigo}`}`,
            }
      )
    );
    // O leitor pode fechar a entrada antes do fim (PDF recusado): o EPIPE não é falha nossa.
    leitor.stdin.on('error', () => undefined);
    pdf.on('error', (falha: Error) =>
      terminar({ motivo: `O arquivo da fatura não pôde ser aberto: ${falha.message}` })
    );
    pdf.pipe(leitor.stdin);
  });
