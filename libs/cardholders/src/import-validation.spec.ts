import { parseCardholderCsv } from './cardholder-csv';
import { checkImportRows, isValidImportRow } from './import-validation';

const rule = { pattern: '[0-9]{16}', invalidMessage: 'Ugyldigt Kortnummer' };

function check(csv: string) {
  return checkImportRows(parseCardholderCsv(csv).rows, rule);
}

describe('checkImportRows', () => {
  it('normalises a good line', () => {
    const [row] = check(
      'cpr,name,card_number,email,address\n010190-1234, Anna ,1234 5678 9012 3456, Anna@Skole.DK ,\n',
    );
    expect(row).toEqual({
      line: 2,
      cpr: '0101901234',
      name: 'Anna',
      cardNumber: '1234567890123456',
      email: 'anna@skole.dk',
      address: null,
      problems: [],
    });
    expect(isValidImportRow(row)).toBe(true);
  });

  it('tells a missing column (keep) from an empty cell (clear)', () => {
    const [row] = check('cpr,name,card_number\n0101901234,Anna,1234567890123456\n');
    expect(row.email).toBeUndefined();
    expect(row.address).toBeUndefined();
  });

  it('lists every problem of a line', () => {
    const [row] = check('cpr,name,card_number,email\n3201901234, ,12AB,not-an-email\n');
    expect(row.problems).toEqual([
      'CPR-nummeret indeholder ikke en gyldig dato',
      'Navnet mangler',
      'Ugyldigt Kortnummer',
      'E-mailadressen er ugyldig',
    ]);
    expect(isValidImportRow(row)).toBe(false);
  });

  it('flags every line of a CPR or card number repeated in the file, in either written form', () => {
    const rows = check(
      'cpr,name,card_number\n' +
        '0101901234,Anna,1111222233334444\n' +
        '010190-1234,Anna igen,5555666677778888\n' +
        '0202901234,Bo,1111 2222 3333 4444\n',
    );
    expect(rows.map((r) => r.problems)).toEqual([
      ['CPR-nummeret står også på linje 3', 'Kortnummeret står også på linje 4'],
      ['CPR-nummeret står også på linje 2'],
      ['Kortnummeret står også på linje 2'],
    ]);
  });

  it('limits the length of names', () => {
    const [row] = check(`cpr,name,card_number\n0101901234,${'x'.repeat(201)},1234567890123456\n`);
    expect(row.problems).toEqual(['Navnet må højst være 200 tegn']);
  });
});
