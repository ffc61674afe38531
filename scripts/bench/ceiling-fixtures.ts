import { Client } from 'pg';
import { cardNumber, HOT_CARD } from './workload';

/**
 * What phases (c) and (d) need in the bench database, created by the bench as the superuser
 * after seeding, never by a migration: the product knows nothing of either.
 *
 * - `bench_cards`: the random-card population of (a) and (b) (every seeded card but the hot
 *   card and those with an auto top-up agreement), numbered densely 1..n with each card's
 *   tenant, so a pgbench script picks one with `random(1, n)` and one primary-key lookup in
 *   the same statement as the call; `bench_tills`, each tenant's till per lane (its unit and
 *   sales account), so each pgbench client is a till of its own (`:client_id`), as each
 *   connection of (a) and (b) is. Read from
 *   the seeded rows, not recomputed, so it cannot drift from seed.ts.
 * - `bench_reference_purchase`: the least a card purchase must do on these tables, as the
 *   ceiling pos_purchase is compared to: lock the card's wallet, check the funds, one
 *   ledger_transactions row, two postings (so the same indexes and the postings statement
 *   trigger fire), debit the wallet. No idempotency log, no decision log, no limits, no
 *   low-balance event; a declined purchase writes nothing. SECURITY INVOKER like
 *   pos_purchase, so the app role calls it under the same grants and forced RLS, after the
 *   same set_config of app.tenant_id. The only extra to "lock, check, debit" is the card's
 *   status in the row it reads anyway; the till's sales account comes in as a parameter
 *   (an app could cache it), where pos_purchase looks it up.
 */
const CREATE_BENCH_CARDS = `
  CREATE TABLE bench_cards (
    n integer PRIMARY KEY,
    tenant_id text NOT NULL,
    card_number text NOT NULL
  );
  CREATE TABLE bench_tills (
    tenant_id text NOT NULL,
    lane integer NOT NULL,
    till_id uuid NOT NULL,
    unit_id uuid NOT NULL,
    sales_account_id uuid NOT NULL,
    PRIMARY KEY (tenant_id, lane)
  );
  GRANT SELECT ON bench_cards, bench_tills TO kantinekort_app`;

const FILL_BENCH_CARDS = `
  INSERT INTO bench_cards (n, tenant_id, card_number)
  SELECT row_number() OVER (ORDER BY c.card_number), c.tenant_id, c.card_number
    FROM cards c
   WHERE c.card_number <> $1
     AND NOT EXISTS (SELECT 1 FROM top_up_agreements g WHERE g.tenant_id = c.tenant_id AND g.account_id = c.account_id)`;

// Each tenant's tills by lane, from their names (seed.ts's tillName: "Bench kasse 00" is lane 0).
const FILL_BENCH_TILLS = `
  INSERT INTO bench_tills (tenant_id, lane, till_id, unit_id, sales_account_id)
  SELECT t.tenant_id, right(t.name, 2)::integer, t.id, t.unit_id, s.id
    FROM tills t
    JOIN ledger_accounts s ON s.tenant_id = t.tenant_id AND s.till_id = t.id
   WHERE t.name LIKE 'Bench kasse __'`;

export const REFERENCE_KIND = 'bench_reference';

const CREATE_REFERENCE_FUNCTION = `
  CREATE FUNCTION bench_reference_purchase(
    p_tenant_id text, p_card_number text, p_sales_account_id uuid, p_key text, p_amount bigint, p_now timestamptz
  ) RETURNS bigint LANGUAGE plpgsql AS $fn$
  DECLARE
    v_wallet uuid;
    v_balance bigint;
    v_tx uuid := gen_random_uuid();
  BEGIN
    PERFORM set_config('app.tenant_id', p_tenant_id, true);
    SELECT w.id, w.balance INTO v_wallet, v_balance
      FROM cards c JOIN ledger_accounts w ON w.tenant_id = c.tenant_id AND w.id = c.account_id
     WHERE c.tenant_id = p_tenant_id AND c.card_number = p_card_number AND c.status = 'active'
       FOR NO KEY UPDATE OF w;
    IF NOT FOUND OR v_balance < p_amount THEN
      RETURN NULL;
    END IF;
    INSERT INTO ledger_transactions (tenant_id, id, kind, idempotency_key, created_at)
    VALUES (p_tenant_id, v_tx, '${REFERENCE_KIND}', p_key, p_now);
    INSERT INTO postings (tenant_id, transaction_id, ledger_account_id, amount, created_at)
    VALUES (p_tenant_id, v_tx, v_wallet, -p_amount, p_now), (p_tenant_id, v_tx, p_sales_account_id, p_amount, p_now);
    UPDATE ledger_accounts w SET balance = w.balance - p_amount
     WHERE w.tenant_id = p_tenant_id AND w.id = v_wallet
    RETURNING w.balance INTO v_balance;
    RETURN v_balance;
  END
  $fn$`;

/** Creates both; returns how many cards bench_cards holds (the scripts' random range). */
export async function installCeilingFixtures(adminUrl: string): Promise<number> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(CREATE_BENCH_CARDS);
    const filled = await admin.query(FILL_BENCH_CARDS, [cardNumber(HOT_CARD)]);
    await admin.query(FILL_BENCH_TILLS);
    await admin.query(CREATE_REFERENCE_FUNCTION);
    await admin.query('VACUUM ANALYZE bench_cards, bench_tills');
    if (!filled.rowCount) throw new Error('bench_cards is empty: nothing seeded?');
    return filled.rowCount;
  } finally {
    await admin.end();
  }
}
