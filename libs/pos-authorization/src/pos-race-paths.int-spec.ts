import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createCard, createTestTenant, createTill, openAppDataSource, testEnv, walletBalance } from '@kk/testing';
import { purchaseRequestHash } from './purchase-request';
import { spendingPeriods } from './spending-periods';

/**
 * The two races of the lock-last purchase, made to happen every time: connection A holds an
 * uncommitted purchase (and so the wallet lock) while connection B runs into it.
 */
describe('pos_purchase race paths (two real connections)', () => {
  let ds: DataSource;
  let a: Client;
  let b: Client;
  let tenant: string;
  let till: { tillId: string; unitId: string };

  beforeAll(async () => {
    ds = await openAppDataSource(2);
    tenant = await createTestTenant(ds);
    till = await createTill(ds, tenant);
    a = new Client({ connectionString: testEnv().appUrl });
    b = new Client({ connectionString: testEnv().appUrl });
    await Promise.all([a.connect(), b.connect()]);
  });
  afterAll(async () => {
    await Promise.all([a.end(), b.end()]);
    await ds.destroy();
  });

  function call(client: Client, key: string, cardNumber: string, amount: number, lockFirst = false) {
    const now = new Date();
    const periods = spendingPeriods(now);
    const hash = purchaseRequestHash({ idempotencyKey: key, cardNumber, amount, description: null });
    return client.query<{ outcome: string; decision: string; balance: string }>(
      'SELECT * FROM pos_purchase($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)',
      [
        tenant,
        till.tillId,
        till.unitId,
        key,
        hash,
        cardNumber,
        amount,
        null,
        now,
        periods.dayStart,
        periods.weekStart,
        periods.monthStart,
        0,
        lockFirst,
      ],
    );
  }

  /** Waits until the client's backend waits on a lock: B has read the old balance and now waits for the wallet. */
  async function waitUntilBlocked(client: Client): Promise<void> {
    const pid = (client as unknown as { processID: number }).processID;
    for (let i = 0; i < 250; i++) {
      const rows = await ds.query<{ wait_event_type: string | null }[]>(
        'SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1',
        [pid],
      );
      if (rows[0]?.wait_event_type === 'Lock') return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the second purchase never waited for the wallet lock');
  }

  /** B's call, started while A's transaction is open; resolves to its error code or outcome. */
  async function raceAgainstOpenPurchase(aKey: string, bKey: string, card: string, aAmount: number, bAmount: number) {
    await a.query('BEGIN');
    await call(a, aKey, card, aAmount);
    const racing = call(b, bKey, card, bAmount).then(
      (r) => r.rows[0].outcome,
      (e: { code?: string }) => e.code,
    );
    await waitUntilBlocked(b);
    await a.query('COMMIT');
    return racing;
  }

  it('KK002: the same key decided meanwhile undoes the second debit and asks for a re-read', async () => {
    const card = await createCard(ds, tenant, { balance: 10_000 });
    expect(await raceAgainstOpenPurchase('race-key', 'race-key', card.cardNumber, 1000, 1000)).toBe('KK002');
    expect(await walletBalance(ds, tenant, card.accountId)).toBe(9000);
    const reread = await call(b, 'race-key', card.cardNumber, 1000);
    expect(reread.rows[0]).toMatchObject({ outcome: 'replayed', decision: 'approved', balance: '9000' });
  });

  it('KK001: funds spent meanwhile refuse the optimistic debit; locked first, it declines', async () => {
    const card = await createCard(ds, tenant, { balance: 1000 });
    expect(await raceAgainstOpenPurchase('race-a', 'race-b', card.cardNumber, 800, 500)).toBe('KK001');
    expect(await walletBalance(ds, tenant, card.accountId)).toBe(200);
    const locked = await call(b, 'race-b', card.cardNumber, 500, true);
    expect(locked.rows[0]).toMatchObject({ outcome: 'new', decision: 'declined', balance: '200' });
  });
});
