import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { PDFDocument } from 'pdf-lib';

/**
 * PDFs dos robôs: junção na ordem dada (`PDFService.merge_pdfs` do legado) e decifra das faturas
 * protegidas por senha pelo `qpdf` do Debian (o pdf-lib não decifra).
 */
interface SaidaQpdf {
  codigo: number | null;
  saida: string;
  erro: string;
}

/** Roda o qpdf; `entrada` vai pelo stdin (a senha nunca vai à linha de comando nem a um arquivo). */
const qpdf = (argumentos: string[], entrada?: string): Promise<SaidaQpdf> =>
  new Promise((resolver, rejeitar) => {
    const processo = spawn('qpdf', argumentos, { stdio: ['pipe', 'pipe', 'pipe'] });
    let [saida, erro] = ['', ''];
    processo.stdout.on('data', (p: Buffer) => (saida += p.toString()));
    processo.stderr.on('data', (p: Buffer) => (erro += p.toString()));
    processo.on('error', (e) =>
      rejeitar(new Error(`qpdf indisponível (${e.message}): instale o pacote qpdf do Debian.`))
    );
    processo.on('close', (codigo) => resolver({ codigo, saida, erro }));
    // O qpdf pode sair sem ler o stdin (ex.: `--show-encryption`): o EPIPE da escrita não é erro,
    // o resultado vem do código de saída.
    processo.stdin.on('error', () => undefined);
    processo.stdin.end(entrada ?? '');
  });

/** Junta os PDFs na ordem dada e grava o resultado; devolve páginas e bytes. */
export const juntarPdfs = async (
  arquivos: readonly string[],
  destino: string
): Promise<{ paginas: number; conteudo: Buffer }> => {
  const saida = await PDFDocument.create();
  for (const arquivo of arquivos) {
    if (!fs.existsSync(arquivo)) throw new Error(`Arquivo para juntar não existe: ${arquivo}`);
    const origem = await PDFDocument.load(fs.readFileSync(arquivo));
    for (const pagina of await saida.copyPages(origem, origem.getPageIndices())) saida.addPage(pagina);
  }
  const conteudo = Buffer.from(await saida.save());
  fs.mkdirSync(path.dirname(destino), { recursive: true });
  fs.writeFileSync(destino, conteudo);
  return { paginas: saida.getPageCount(), conteudo };
};

/** O PDF declara cifra? Pergunta ao próprio qpdf (sem senha ele ainda lê o dicionário de cifra). */
export const pdfCifrado = async (arquivo: string): Promise<boolean> => {
  const { codigo, saida, erro } = await qpdf(['--show-encryption', arquivo]);
  if (/File is not encrypted/i.test(saida)) return false;
  if (/invalid password/i.test(erro) || /R = \d|P = -?\d/.test(saida)) return true;
  if (codigo !== 0)
    throw new Error(`PDF ${path.basename(arquivo)} corrompido ou ilegível: ${erro.split('\n')[0]}`);
  return true;
};

export class ErroSenhaPdf extends Error {
  constructor(mensagem: string) {
    super(mensagem);
    this.name = 'ErroSenhaPdf';
  }
}

/**
 * Decifra `origem` em `destino` com a senha (só se estiver cifrado; senão copia). Senha errada →
 * ErroSenhaPdf; PDF corrompido → Error com o motivo do qpdf.
 */
export const decifrarPdf = async (
  origem: string,
  destino: string,
  senha: string
): Promise<{ cifrado: boolean }> => {
  fs.mkdirSync(path.dirname(destino), { recursive: true });
  if (!(await pdfCifrado(origem))) {
    fs.copyFileSync(origem, destino);
    return { cifrado: false };
  }
  const { codigo, erro } = await qpdf(['--password-file=-', '--decrypt', origem, destino], `${senha}\n`);
  // 3 = terminou com avisos: o arquivo decifrado foi gravado.
  if (codigo === 0 || (codigo === 3 && fs.existsSync(destino))) return { cifrado: true };
  if (/invalid password/i.test(erro))
    throw new ErroSenhaPdf(`A senha não abre o PDF ${path.basename(origem)}.`);
  throw new Error(`PDF ${path.basename(origem)} corrompido ou ilegível: ${erro.split('\n')[0]}`);
};
