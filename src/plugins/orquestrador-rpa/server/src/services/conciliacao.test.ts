import { PDFDocument, StandardFonts } from 'pdf-lib';
import { paraFonte } from './conciliacao';

describe('texto do PDF da conciliação na fonte padrão (WinAnsi)', () => {
  test('NFC, letra base quando a acentuada não existe, invisíveis fora, o resto vira ?', async () => {
    const documento = await PDFDocument.create();
    const fonte = await documento.embedFont(StandardFonts.Helvetica);
    const aceitos = new Set(fonte.getCharacterSet());
    const casos: Array<[string, string]> = [
      ['CAFE\u0301 ACAO\u0303', 'CAFÉ ACAÕ'],
      ['Ação — “ok” …', 'Ação — “ok” …'],
      ['Łódź Ąę', '?ódz Ae'],
      ['Loja 😀 東京', 'Loja ? ??'],
      ['👨\u200d👩\u200d👧 ❤\ufe0f', '??? ?'],
      ['q\u0303 linha\nnova\ttab', 'q linha nova tab'],
    ];
    for (const [entrada, esperado] of casos) {
      const texto = paraFonte(entrada, aceitos);
      expect(texto).toBe(esperado);
      // A fonte desenha tudo (sem a troca, o pdf-lib lança "WinAnsi cannot encode").
      expect(() => fonte.encodeText(texto)).not.toThrow();
    }
    expect(() => fonte.encodeText('Loja 😀')).toThrow(/WinAnsi cannot encode/);
  });
});
