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
});
