/**
 * pdfkit's standard fonts (Helvetica, no font file to ship) draw WinAnsi (Windows-1252) only: a
 * character outside it is written as broken bytes, not as a missing glyph. Every text the PDF
 * draws passes here first: a letter with a diacritic WinAnsi lacks keeps its base letter
 * ("Çağrı" → "Çagri", "Łukasz" → "Lukasz"), anything else becomes "?". The page and the CSV
 * keep the text exactly as it is.
 */

// The 27 characters WinAnsi puts at 0x80–0x9F, besides Latin-1 (0x20–0x7E, 0xA0–0xFF).
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function drawable(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
}

// Letters without a decomposition into a base letter and a mark.
const BASE_LETTER: Readonly<Record<string, string>> = {
  ı: 'i',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ŧ: 't',
  Ŧ: 'T',
  ŋ: 'n',
  Ŋ: 'N',
};

// Most statements are plain Danish: one test per string spares the per-character work.
const ALL_LATIN_1 = /^[\x20-\x7e\xa0-\xff]*$/;

export function winAnsi(text: string): string {
  if (ALL_LATIN_1.test(text)) return text;
  let out = '';
  for (const char of text) {
    if (drawable(char)) {
      out += char;
      continue;
    }
    const base = Object.hasOwn(BASE_LETTER, char) ? BASE_LETTER[char] : char.normalize('NFKD').replace(/\p{M}/gu, '');
    out += base !== '' && [...base].every(drawable) ? base : char === '\n' || char === '\t' ? ' ' : '?';
  }
  return out;
}
