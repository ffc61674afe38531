import { defaultTenantsDir, loadTenants } from '@kk/tenancy';
import { oreOf, parseCsv, pdfText } from '@kk/testing';
import { buildStatement, type LedgerMovement } from './statement';
import { statementCsvFile, statementPdfFile } from './statement-files';
import { checkPeriod } from './statement-period';
import { totalLines } from './statement-wording';

const tenants = loadTenants(defaultTenantsDir());
const sctibs = tenants.require('sctibs');
const gladsaxe = tenants.require('gladsaxe');
const NOW = new Date('2025-04-01T10:00:00Z');
const PRINTED = new Date('2025-04-01T10:15:00Z');

function period(fra: string, til: string) {
  const checked = checkPeriod({ fra, til }, NOW);
  if (!checked.ok) throw new Error('fixture period');
  return checked.period;
}

function movement(i: number, amount: number, kind: string, extra: Partial<LedgerMovement> = {}): LedgerMovement {
  return {
    id: String(i),
    at: new Date(Date.UTC(2025, 2, 1, 7) + i * 3_600_000),
    amount,
    transactionKind: kind,
    counterpartKind: null,
    description: kind === 'pos_purchase' ? 'Frokost' : 'Indbetaling',
    tillName: kind === 'pos_purchase' ? 'Kasse 1' : null,
    unitName: kind === 'pos_purchase' ? 'Kantinen' : null,
    ...extra,
  };
}

const ACCOUNT = { accountId: 'a1', holderName: 'Ida Hansen', cardNumber: '1000200030004001' };

/** A month of lunches with a deposit every tenth movement, plus hostile descriptions. */
function month(count: number) {
  const ledger = Array.from({ length: count }, (_, i) =>
    i % 10 === 0 ? movement(i, 20_000, 'nexi_deposit') : movement(i, -3_550, 'pos_purchase'),
  );
  ledger.push(movement(count, -1_000, 'pos_purchase', { description: '=HYPERLINK("http://x.example","Klik")' }));
  ledger.push(movement(count + 1, 1_000, 'pos_reversal', { description: 'Frokost; "stor"\nmed salat' }));
  return buildStatement(ACCOUNT, period('2025-03-01', '2025-03-31'), 150_000, ledger);
}

describe('the CSV', () => {
  const statement = month(40);
  const file = statementCsvFile(sctibs, statement, 'da', PRINTED);
  const { bom, rows } = parseCsv(file.body);

  it('is named and typed for a download', () => {
    expect(file.filename).toBe('kontoudskrift-2025-03-01-2025-03-31.csv');
    expect(statementCsvFile(gladsaxe, statement, 'da', PRINTED).filename).toBe('rapporter-2025-03-01-2025-03-31.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
  });

  it('begins with the BOM and has seven fields on every line', () => {
    expect(bom).toBe(true);
    expect(new Set(rows.map((row) => row.length))).toEqual(new Set([7]));
  });

  it('names the tenant, the holder and the period at the top', () => {
    expect(rows.slice(0, 4).map((row) => row.filter(Boolean))).toEqual([
      ['Kontoudskrift', 'Sct. Ibs Kantinekort'],
      ['Konto', 'Ida Hansen, kort 1000200030004001'],
      ['Periode', '01-03-2025', '31-03-2025'],
      ['Udskrevet 01-04-2025 12:15'],
    ]);
  });

  it('lists every movement between the balances, with the balance after each, in Danish numbers', () => {
    const header = rows.findIndex((row) => row[0] === 'Dato');
    expect(rows[header]).toEqual(['Dato', 'Tid', 'Sted', 'Tekst', 'Type', 'Beløb', 'Saldo']);
    const opening = rows[header + 1];
    expect(opening).toEqual(['01-03-2025', '', '', 'Saldo ved periodens start', '', '', '1500,00']);
    const body = rows.slice(header + 2, header + 2 + statement.movements.length);
    expect(body.map((row) => [oreOf(row[5]), oreOf(row[6])])).toEqual(
      statement.movements.map((m) => [m.amount, m.balance]),
    );
    expect(body[1]).toEqual(['01-03-2025', '09:00', 'Kasse 1, Kantinen', 'Frokost', 'Køb', '-35,50', '1664,50']);
    expect(body[0].slice(2, 5)).toEqual(['Betalingskort', 'Indbetaling', 'Indbetaling']);
    const closing = rows[header + 2 + statement.movements.length];
    expect(closing[3]).toBe('Saldo ved periodens slut');
    expect(oreOf(closing[6])).toBe(statement.closingBalance);
  });

  it('keeps a formula in a description from running, and a semicolon or a line break in its cell', () => {
    const texts = rows.map((row) => row[3]);
    expect(texts).toContain('\'=HYPERLINK("http://x.example","Klik")');
    expect(texts).toContain('Frokost; "stor"\nmed salat');
    expect(file.body.toString('utf8')).toContain(`;"'=HYPERLINK(""http://x.example"",""Klik"")";`);
  });

  it('ends with the totals by kind in the amount column, summing to the movements in all', () => {
    const start = rows.findIndex((row) => row[0] === 'I alt fordelt på type');
    const totals = rows.slice(start + 1).map((row) => [row[0], oreOf(row[5])]);
    expect(totals).toEqual([
      ...totalLines(statement, 'da').map((line) => [line.label, line.amount]),
      ['Bevægelser i alt', statement.net],
    ]);
    expect(totals.slice(0, -1).reduce((sum, [, ore]) => sum + Number(ore), 0)).toBe(statement.net);
  });
});

describe('the PDF', () => {
  it('breaks a long table over pages, repeats its header, numbers every page and ends with the totals', async () => {
    const statement = month(180);
    const file = await statementPdfFile(sctibs, statement, 'da', PRINTED);
    expect(file.filename).toBe('kontoudskrift-2025-03-01-2025-03-31.pdf');
    expect(file.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = await pdfText(file.body);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page).toContain(`Side ${i + 1} af ${pages.length}`);
      expect(page).toMatch(/Tidspunkt\s+Sted\s+Tekst\s+Type\s+Beløb\s+Saldo/);
    });
    expect(pages[0]).toContain('Sct. Ibs Kantinekort');
    expect(pages[0]).toContain('Ida Hansen, kort 1000200030004001');
    expect(pages[0]).toContain('1. marts 2025 – 31. marts 2025');
    expect(pages[1]).toContain('Kontoudskrift (fortsat)');
    const all = pages.join('\n').replace(/\u00a0/g, ' ');
    // Every movement's amount and running balance is on paper.
    for (const m of statement.movements) expect(all).toContain(`${formatted(m.amount)}`);
    for (const m of statement.movements) expect(all).toContain(`${formatted(m.balance)}`);
    const last = pages[pages.length - 1].replace(/\u00a0/g, ' ');
    for (const line of totalLines(statement, 'da'))
      expect(last).toMatch(new RegExp(`${line.label}\\s+${esc(formatted(line.amount))}`));
    expect(last).toMatch(new RegExp(`Bevægelser i alt\\s+${esc(formatted(statement.net))}`));
  });

  it("carries the tenant's logo (its SVG drawn as PNG) and colours", async () => {
    const statement = month(3);
    for (const tenant of [sctibs, gladsaxe]) {
      const pdf = (await statementPdfFile(tenant, statement, 'da', PRINTED)).body.toString('latin1');
      expect(pdf).toMatch(/\/Subtype \/Image/);
    }
    const pages = await pdfText((await statementPdfFile(gladsaxe, statement, 'da', PRINTED)).body);
    expect(pages[0]).toContain('Rapporter');
    expect(pages[0]).toContain('Gladsaxe Kommune');
  });

  it('draws names outside WinAnsi by their base letters, never as broken bytes', async () => {
    const statement = buildStatement(
      { accountId: 'a2', holderName: 'Çağrı Nguyễn Łukasz', cardNumber: 'GLX1234' },
      period('2025-03-01', '2025-03-31'),
      0,
      [movement(1, 500, 'cash_deposit', { description: 'Kaffe ☕ og kage' })],
    );
    const [page] = await pdfText((await statementPdfFile(gladsaxe, statement, 'en', PRINTED)).body);
    expect(page).toContain('Çagri Nguyen Lukasz, card GLX1234');
    expect(page).toContain('Kaffe ? og kage');
    expect(page).toContain('Page 1 of 1');
  });
});

const formatted = (ore: number) =>
  new Intl.NumberFormat('da-DK', { style: 'currency', currency: 'DKK' }).format(ore / 100).replace(/\u00a0/g, ' ');
const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
