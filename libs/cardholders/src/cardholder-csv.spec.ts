import { parseCardholderCsv } from './cardholder-csv';

describe('parseCardholderCsv', () => {
  it('reads a comma-separated file', () => {
    const parsed = parseCardholderCsv('cpr,name,card_number\n0101901234,Anna Hansen,1234567890123456\n');
    expect(parsed).toEqual({
      errors: [],
      rows: [
        {
          line: 2,
          cpr: '0101901234',
          name: 'Anna Hansen',
          cardNumber: '1234567890123456',
          email: undefined,
          address: undefined,
        },
      ],
    });
  });

  it('detects semicolons from the header (Danish Excel), with commas inside fields', () => {
    const parsed = parseCardholderCsv(
      'cpr;name;card_number;address\n0101901234;Hansen, Anna;1234;Vej 1, 2860 Søborg\n',
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({ name: 'Hansen, Anna', address: 'Vej 1, 2860 Søborg' });
  });

  it('strips a UTF-8 byte order mark, from a Buffer and from a string', () => {
    const text = '\ufeffcpr;name;card_number\n0101901234;Åse Ødegård;1234\n';
    for (const content of [Buffer.from(text, 'utf8'), text]) {
      const parsed = parseCardholderCsv(content);
      expect(parsed.errors).toEqual([]);
      expect(parsed.rows[0]).toMatchObject({ cpr: '0101901234', name: 'Åse Ødegård' });
    }
  });

  it('takes headers in any case and order, with surrounding spaces', () => {
    const parsed = parseCardholderCsv(' Card_Number ;EMAIL;Name;CPR\n1234;a@b.dk;Anna;0101901234\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({ cpr: '0101901234', name: 'Anna', cardNumber: '1234', email: 'a@b.dk' });
  });

  it('reads CRLF line endings', () => {
    const parsed = parseCardholderCsv('cpr,name,card_number\r\n0101901234,Anna,1234\r\n0202901234,Bo,5678\r\n');
    expect(parsed.rows.map((r) => [r.line, r.name])).toEqual([
      [2, 'Anna'],
      [3, 'Bo'],
    ]);
  });

  it('numbers lines as the file does, across blank lines and quoted line breaks', () => {
    const parsed = parseCardholderCsv(
      'cpr,name,card_number,address\n\n0101901234,Anna,1234,"Vej 1\n2860 Søborg"\n   \n0202901234,Bo,5678,\n',
    );
    expect(parsed.rows.map((r) => r.line)).toEqual([3, 6]);
    expect(parsed.rows[0].address).toBe('Vej 1\n2860 Søborg');
  });

  it('reports a line with the wrong number of fields and keeps the others', () => {
    const parsed = parseCardholderCsv('cpr,name,card_number\n0101901234,Anna\n0202901234,Bo,5678\n');
    expect(parsed.errors).toEqual([{ line: 2, message: 'Linjen har 2 felter, men overskriften har 3' }]);
    expect(parsed.rows.map((r) => r.line)).toEqual([3]);
  });

  it('reports missing, unknown and repeated header columns on line 1', () => {
    expect(parseCardholderCsv('cpr,navn,name,name\n').errors).toEqual([
      { line: 1, message: 'Ukendt kolonne "navn"; kolonnerne hedder cpr, name, card_number, email, address' },
      { line: 1, message: 'Kolonnen "name" står to gange i overskriften' },
      { line: 1, message: 'Kolonnen "card_number" mangler i overskriften' },
    ]);
  });

  it('ignores unnamed columns, as spreadsheets sometimes add at the end', () => {
    const parsed = parseCardholderCsv('cpr;name;card_number;;\n0101901234;Anna;1234;;\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({ cpr: '0101901234', name: 'Anna', cardNumber: '1234' });
  });

  it('reports an empty file', () => {
    expect(parseCardholderCsv('\n\n').errors).toEqual([
      { line: 1, message: 'Filen er tom; den skal have en overskriftslinje' },
    ]);
  });

  it('reports an unclosed quote with its line', () => {
    const parsed = parseCardholderCsv('cpr,name,card_number\n0101901234,"Anna,1234\n');
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toEqual([{ line: 2, message: expect.stringContaining('anførselstegn') }]);
  });

  it('refuses a file that is not UTF-8, naming the first bad line', () => {
    const latin1 = Buffer.from('cpr;name;card_number\n0101901234;Anna;1234\n0202901234;S\xf8ren;5678\n', 'latin1');
    expect(parseCardholderCsv(latin1)).toEqual({
      rows: [],
      errors: [{ line: 3, message: 'Filen er ikke gemt som UTF-8; gem den som "CSV UTF-8"' }],
    });
  });

  describe('control characters', () => {
    const header = 'cpr,name,card_number,address\n';
    const refusal = (what: string) => `Linjen indeholder et styretegn, som ikke kan importeres: ${what}`;

    it('refuses a NUL in a plain or a quoted cell as a line error, lists every such line and keeps the others', () => {
      const parsed = parseCardholderCsv(
        `${header}0101901234,An\0na,1234,\n0202901234,Bo,5678,\n0303901234,Cai,9999,"Vej\u0000 1"\n`,
      );
      expect(parsed.errors).toEqual([
        { line: 2, message: refusal('NUL (U+0000) i "name"') },
        { line: 4, message: refusal('NUL (U+0000) i "address"') },
      ]);
      expect(parsed.rows.map((r) => r.line)).toEqual([3]);
    });

    it('refuses every C0 character, DEL and the C1 range, but not æøå, a no-break space or an emoji', () => {
      for (const code of [0x01, 0x07, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f]) {
        const hex = code.toString(16).toUpperCase().padStart(4, '0');
        const parsed = parseCardholderCsv(`${header}0101901234,Anna${String.fromCharCode(code)},1234,\n`);
        expect(parsed.errors).toEqual([{ line: 2, message: refusal(`U+${hex} i "name"`) }]);
      }
      const fine = parseCardholderCsv(`${header}0101901234,Åse\u00a0Ødegård 😀,1234,Ærøvej 2\n`);
      expect(fine.errors).toEqual([]);
    });

    it('refuses a tab, also one that trimming would hide', () => {
      expect(parseCardholderCsv(`${header}0101901234,Anna\t,1234,\n`).errors).toEqual([
        { line: 2, message: refusal('tabulator (U+0009) i "name"') },
      ]);
    });

    it('lets a quoted address span lines (LF or CRLF) but refuses a line break in any other cell', () => {
      const parsed = parseCardholderCsv(
        `${header}0101901234,Anna,1234,"Vej 1\r\n2860 Søborg"\n0202901234,"Bo\nJensen",5678,\n0303901234,Cai\rX,9999,\n`,
      );
      expect(parsed.rows.map((r) => [r.line, r.address])).toEqual([[2, 'Vej 1\r\n2860 Søborg']]);
      expect(parsed.errors).toEqual([
        { line: 4, message: refusal('linjeskift (U+000A) i "name"') },
        { line: 6, message: refusal('linjeskift (U+000D) i "name"') },
      ]);
    });

    it('names every bad cell of a line, unnamed columns by position', () => {
      const parsed = parseCardholderCsv('cpr;name;card_number;\n0101901234\u001b;Anna\u0000;1234;x\u0007\n');
      expect(parsed.errors).toEqual([
        {
          line: 2,
          message:
            'Linjen indeholder styretegn, som ikke kan importeres: U+001B i "cpr", NUL (U+0000) i "name", U+0007 i kolonne 4',
        },
      ]);
    });

    it('refuses them in the header too, e.g. a UTF-16 file without a byte order mark', () => {
      const utf16 = Buffer.from('cpr,name,card_number\n0101901234,Anna,1234\n', 'utf16le');
      expect(parseCardholderCsv(utf16)).toEqual({
        rows: [],
        errors: [
          {
            line: 1,
            message:
              'Linjen indeholder styretegn, som ikke kan importeres: NUL (U+0000) i kolonne 1, NUL (U+0000) i kolonne 2, NUL (U+0000) i kolonne 3',
          },
        ],
      });
    });
  });

  it('numbers lines as the file does after a quoted CRLF line break (csv-parse counts it twice)', () => {
    const parsed = parseCardholderCsv(
      'cpr,name,card_number,address\r\n0101901234,Anna,1234,"Vej 1\r\n2860 Søborg"\r\n0202901234,Bo,5678,\r\n0303901234,Cai\r\n',
    );
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(parsed.errors).toEqual([{ line: 5, message: 'Linjen har 2 felter, men overskriften har 4' }]);
  });
});
