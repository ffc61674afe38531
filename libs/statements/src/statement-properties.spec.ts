import fc from 'fast-check';
import { oreOf, parseCsv } from '@kk/testing';
import { MOVEMENT_KINDS } from './movement-kinds';
import { buildStatement, type LedgerMovement } from './statement';
import { statementCsv } from './statement-csv';
import { checkPeriod } from './statement-period';

/**
 * Random histories on one wallet, cut by a random period: whatever the ledger holds, the
 * statement reconciles with it, and its CSV says the same numbers.
 */
const DAY = 86_400_000;
const FIRST = Date.UTC(2024, 0, 1);
const NOW = new Date(Date.UTC(2024, 5, 1));

const LEDGER_KINDS = [
  'pos_purchase',
  'pos_reversal',
  'cash_deposit',
  'nexi_deposit',
  'mobilepay_deposit',
  'auto_top_up',
  'refund',
  'refund_reversal',
  'test_credit',
  'payout_request',
  'new_card_fee',
  'subscription_charge',
  'webshop_order',
  'sibling_transfer',
];
const COUNTERPARTS = [
  null,
  'till_sales',
  'gateway_clearing',
  'cash_office',
  'payout_clearing',
  'card_fee_revenue',
  'webshop_sales',
  'subscription_revenue',
  'wallet',
];

const posting = fc.record({
  amount: fc.integer({ min: -2_000_000, max: 2_000_000 }).filter((amount) => amount !== 0),
  transactionKind: fc.constantFrom(...LEDGER_KINDS),
  counterpartKind: fc.constantFrom(...COUNTERPARTS),
  // Anywhere in 150 days, to the minute, so many fall on a period's edges.
  minute: fc.integer({ min: 0, max: 150 * 24 * 60 }),
  description: fc.option(fc.string({ maxLength: 30 }), { nil: null }),
});

const history = fc.array(posting, { maxLength: 150 }).map((rows) =>
  rows
    .map((row, i) => ({ ...row, at: new Date(FIRST + row.minute * 60_000), seq: i }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq)
    .map((row, i): LedgerMovement => ({
      id: String(i + 1),
      at: row.at,
      amount: row.amount,
      transactionKind: row.transactionKind,
      counterpartKind: row.counterpartKind,
      description: row.description,
      tillName: row.counterpartKind === 'till_sales' ? 'Kasse 1' : null,
      unitName: row.counterpartKind === 'till_sales' ? 'Kantinen' : null,
    })),
);

const isoDay = (offset: number) => new Date(FIRST + offset * DAY).toISOString().slice(0, 10);
const periodArb = fc
  .tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 150 }))
  .map(([a, b]) => ({ fra: isoDay(Math.min(a, b)), til: isoDay(Math.max(a, b)) }));

const sum = (amounts: readonly number[]) => amounts.reduce((total, amount) => total + amount, 0);
const ACCOUNT = { accountId: 'a1', holderName: 'Ida', cardNumber: '1' };

describe('a statement of any history', () => {
  it('opens with everything before, closes with everything up to the end, and its totals sum to the net', () => {
    fc.assert(
      fc.property(history, periodArb, (ledger, input) => {
        const checked = checkPeriod(input, NOW);
        if (!checked.ok) throw new Error(`the generator made a refused period: ${JSON.stringify(input)}`);
        const { start, end } = checked.period;
        const before = ledger.filter((m) => m.at < start);
        const inside = ledger.filter((m) => m.at >= start && m.at < end);
        const opening = sum(before.map((m) => m.amount));
        const statement = buildStatement(ACCOUNT, checked.period, opening, inside);

        expect(statement.openingBalance + sum(statement.movements.map((m) => m.amount))).toBe(statement.closingBalance);
        expect(statement.closingBalance).toBe(sum(ledger.filter((m) => m.at < end).map((m) => m.amount)));
        expect(sum(MOVEMENT_KINDS.map((kind) => statement.totals[kind]))).toBe(statement.net);
        expect(statement.net).toBe(statement.closingBalance - statement.openingBalance);
        let running = opening;
        for (const m of statement.movements) {
          running += m.amount;
          expect(m.balance).toBe(running);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('writes the same numbers into its CSV', () => {
    fc.assert(
      fc.property(history, periodArb, (ledger, input) => {
        const checked = checkPeriod(input, NOW);
        if (!checked.ok) return;
        const inside = ledger.filter((m) => m.at >= checked.period.start && m.at < checked.period.end);
        const statement = buildStatement(ACCOUNT, checked.period, 12_345, inside);
        const { rows } = parseCsv(
          statementCsv(statement, { title: 'Kontoudskrift', productName: 'P', locale: 'da', printedAt: NOW }),
        );
        const header = rows.findIndex((row) => row[0] === 'Dato');
        const table = rows.slice(header + 1, header + 3 + statement.movements.length);
        expect(oreOf(table[0][6])).toBe(statement.openingBalance);
        expect(table.slice(1, -1).map((row) => [oreOf(row[5]), oreOf(row[6])])).toEqual(
          statement.movements.map((m) => [m.amount, m.balance]),
        );
        expect(oreOf(table[table.length - 1][6])).toBe(statement.closingBalance);
        const net = rows.find((row) => row[0] === 'Bevægelser i alt');
        expect(net && oreOf(net[5])).toBe(statement.net);
      }),
      { numRuns: 150 },
    );
  });
});
