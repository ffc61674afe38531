import { movementKindOf } from './movement-kinds';
import { buildStatement, type LedgerMovement } from './statement';
import { checkPeriod, type StatementPeriod } from './statement-period';
import { movementPlace, movementText, totalLines } from './statement-wording';

const checked = checkPeriod({ fra: '2025-03-01', til: '2025-03-31' }, new Date('2025-04-01T10:00:00Z'));
if (!checked.ok) throw new Error('the fixture period is valid');
const PERIOD: StatementPeriod = checked.period;
const ACCOUNT = { accountId: 'a1', holderName: 'Ida Hansen', cardNumber: '1000200030004001' };

let seq = 0;
function posting(amount: number, transactionKind: string, extra: Partial<LedgerMovement> = {}): LedgerMovement {
  seq += 1;
  return {
    id: String(seq),
    at: new Date(Date.UTC(2025, 2, 1 + seq, 11, 5)),
    amount,
    transactionKind,
    counterpartKind: null,
    description: null,
    tillName: null,
    unitName: null,
    ...extra,
  };
}

describe('buildStatement', () => {
  it('gives each movement the balance after it, and closes at opening + movements', () => {
    const ledger = [
      posting(20_000, 'nexi_deposit', { description: 'Indbetaling' }),
      posting(-3_500, 'pos_purchase', { description: 'Frokost', tillName: 'Kasse 1', unitName: 'Kantinen' }),
      posting(3_500, 'pos_reversal', { description: 'Frokost', tillName: 'Kasse 1', unitName: 'Kantinen' }),
      posting(-4_250, 'pos_purchase', { tillName: 'Kasse 2', unitName: 'Caféen' }),
      posting(20_000, 'auto_top_up', { description: 'Automatisk optankning' }),
    ];
    const statement = buildStatement(ACCOUNT, PERIOD, 1_000, ledger);
    expect(statement.movements.map((m) => [m.kind, m.amount, m.balance])).toEqual([
      ['deposits', 20_000, 21_000],
      ['purchases', -3_500, 17_500],
      ['reversals', 3_500, 21_000],
      ['purchases', -4_250, 16_750],
      ['topUps', 20_000, 36_750],
    ]);
    expect(statement.openingBalance).toBe(1_000);
    expect(statement.closingBalance).toBe(36_750);
    expect(statement.net).toBe(35_750);
  });

  it('totals by kind, and the totals sum to the net movement', () => {
    const ledger = [
      posting(10_000, 'cash_deposit', { counterpartKind: 'cash_office' }),
      posting(5_000, 'mobilepay_deposit'),
      posting(-2_000, 'pos_purchase'),
      posting(-1_500, 'pos_purchase'),
      posting(2_000, 'pos_reversal'),
      posting(-2_500, 'card_order_fee', { counterpartKind: 'card_fee_revenue' }),
      posting(-3_000, 'refund'),
    ];
    const statement = buildStatement(ACCOUNT, PERIOD, 0, ledger);
    expect(statement.totals).toEqual({
      deposits: 15_000,
      purchases: -3_500,
      reversals: 2_000,
      topUps: 0,
      fees: -2_500,
      payouts: 0,
      subscriptions: 0,
      webshop: 0,
      refunds: -3_000,
      other: 0,
    });
    const sum = Object.values(statement.totals).reduce((a, b) => a + b, 0);
    expect(sum).toBe(statement.net);
    expect(statement.closingBalance).toBe(8_000);
  });

  it('an empty period closes where it opened, every total zero', () => {
    const statement = buildStatement(ACCOUNT, PERIOD, 12_345, []);
    expect([statement.closingBalance, statement.net, statement.movements]).toEqual([12_345, 0, []]);
    expect(Object.values(statement.totals).every((total) => total === 0)).toBe(true);
  });

  it('refuses amounts that are not whole øre', () => {
    expect(() => buildStatement(ACCOUNT, PERIOD, 0.5, [])).toThrow(/whole number of øre/);
    expect(() => buildStatement(ACCOUNT, PERIOD, 0, [posting(12.5, 'pos_purchase')])).toThrow(/whole number/);
  });
});

describe('movementKindOf', () => {
  const kind = (transactionKind: string, counterpartKind: string | null, amount: number) =>
    movementKindOf({ transactionKind, counterpartKind, amount });

  it('reads the kinds the ledger writes today', () => {
    expect(kind('pos_purchase', 'till_sales', -100)).toBe('purchases');
    expect(kind('pos_reversal', 'till_sales', 100)).toBe('reversals');
    expect(kind('cash_deposit', 'cash_office', 100)).toBe('deposits');
    expect(kind('nexi_deposit', 'gateway_clearing', 100)).toBe('deposits');
    expect(kind('mobilepay_deposit', 'gateway_clearing', 100)).toBe('deposits');
    expect(kind('auto_top_up', 'gateway_clearing', 100)).toBe('topUps');
    expect(kind('refund', 'gateway_clearing', -100)).toBe('refunds');
    expect(kind('refund_reversal', 'gateway_clearing', 100)).toBe('refunds');
  });

  it("places a kind it does not know by the transaction's other side", () => {
    expect(kind('payout_request', 'payout_clearing', -100)).toBe('payouts');
    expect(kind('payout_rejected', 'payout_clearing', 100)).toBe('payouts');
    expect(kind('new_card_fee', 'card_fee_revenue', -2_500)).toBe('fees');
    expect(kind('webshop_order', 'webshop_sales', -100)).toBe('webshop');
    expect(kind('subscription_charge', 'subscription_revenue', -100)).toBe('subscriptions');
    expect(kind('test_credit', 'cash_office', 100)).toBe('deposits');
    expect(kind('offline_sale', 'till_sales', -100)).toBe('purchases');
    expect(kind('sibling_transfer', 'wallet', 100)).toBe('other');
    expect(kind('constructor', null, 100)).toBe('other');
    expect(kind('toString', 'hasOwnProperty', 100)).toBe('other');
  });
});

describe('the words of a movement', () => {
  const [till, deposit, undescribed] = buildStatement(ACCOUNT, PERIOD, 0, [
    posting(1_000, 'pos_reversal', { tillName: 'Kasse 1', unitName: 'Kantinen', description: 'Frokost' }),
    posting(1_000, 'mobilepay_deposit', { description: 'Indbetaling' }),
    posting(-500, 'pos_purchase', { description: '  ', tillName: 'Kasse 2', unitName: 'Caféen' }),
  ]).movements;

  it('names a till and its unit, or the channel money came by', () => {
    expect(movementPlace(till, 'da')).toBe('Kasse 1, Kantinen');
    expect(movementPlace(deposit, 'da')).toBe('MobilePay');
    expect(movementPlace(deposit, 'en')).toBe('MobilePay');
  });

  it("uses the till's description, else the movement's type", () => {
    expect(movementText(till, 'da')).toBe('Frokost');
    expect(movementText(undescribed, 'da')).toBe('Køb');
    expect(movementText(undescribed, 'en')).toBe('Purchase');
  });

  it('lists the eight kinds always, refunds and other only when they occurred', () => {
    const statement = buildStatement(ACCOUNT, PERIOD, 0, [posting(-100, 'refund')]);
    expect(totalLines(statement, 'da').map((line) => line.label)).toEqual([
      'Indbetalinger',
      'Køb',
      'Tilbageførte køb',
      'Automatisk optankning',
      'Gebyrer',
      'Udbetalinger',
      'Abonnementer',
      'Webshop',
      'Tilbagebetalt til betalingskort',
    ]);
  });
});
