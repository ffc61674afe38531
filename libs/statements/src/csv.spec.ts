import { csvAmount, csvDocument, csvText, UTF8_BOM } from './csv';

describe('csvText', () => {
  it('leaves plain text as it is', () => {
    expect(csvText('Frokost i Kantinen')).toBe('Frokost i Kantinen');
    expect(csvText('Æblegrød, øl & åbent')).toBe('Æblegrød, øl & åbent');
  });

  it('quotes per RFC 4180: separators, quotes and line breaks inside a cell', () => {
    expect(csvText('Kasse 1; Kantinen')).toBe('"Kasse 1; Kantinen"');
    expect(csvText('Den "store" frokost')).toBe('"Den ""store"" frokost"');
    expect(csvText('to\r\nlinjer')).toBe('"to\r\nlinjer"');
    expect(csvText(' luft ')).toBe('" luft "');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","Klik")', `"'=HYPERLINK(""http://evil.example"",""Klik"")"`],
    ['+45 12 34 56 78', "'+45 12 34 56 78"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', '"\'\r=1+1"'],
    ['＝1+1', "'＝1+1"],
  ])('keeps %p from running as a formula', (typed, written) => {
    expect(csvText(typed)).toBe(written);
  });
});

describe('csvAmount', () => {
  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [-5, '-0,05'],
    [123_450, '1234,50'],
    [-350_000, '-3500,00'],
    [100_000_000_00, '100000000,00'],
  ])('writes %p øre as %p', (ore, text) => {
    expect(csvAmount(ore)).toBe(text);
  });

  it('refuses what is not whole øre', () => {
    expect(() => csvAmount(1.5)).toThrow(/whole number/);
  });
});

describe('csvDocument', () => {
  it('is UTF-8 with a BOM, semicolons, CRLF, equal-width rows, and amounts never guarded', () => {
    const bytes = csvDocument([['Dato', 'Beløb', 'Tekst'], ['01-03-2025', { ore: -3500 }, '-Frokost'], []]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text.slice(1)).toBe("Dato;Beløb;Tekst\r\n01-03-2025;-35,00;'-Frokost\r\n;;\r\n");
  });
});
