import { Client } from 'pg';
import { createAppDataSource, syncTenants } from '@kk/database';
import { generateTillKey, hashTillKey } from '@kk/pos-authorization';
import type { BenchDatabase } from './database';
import { HOT_CARD, LOW_BALANCE_THRESHOLD, tenantSlug, type BenchTill, type Fixture } from './workload';

/** Plenty for every purchase a run makes on a random card (100 øre, a few times each). */
const CARD_BALANCE = 1_000_000_000;
/** The hot card takes every purchase of its phases: make sure it never runs dry. */
const HOT_CARD_BALANCE = 1_000_000_000_000_000;
/** Each card's one purchase of history (a meal, øre). */
const HISTORY_AMOUNT = 2500;
/**
 * A card with an agreement starts 1 kr. under the threshold: every purchase on it writes a
 * low-balance event (no worker runs to top it up), and 49 kr. last for the ~1 purchase per
 * card a run makes.
 */
const AGREEMENT_CARD_BALANCE = LOW_BALANCE_THRESHOLD - 100;

/**
 * Tenants through the app's own syncTenants (so their system ledger accounts are exactly
 * the app's), then cards set-based as the superuser: 100,000 cards in seconds, not minutes.
 */
export async function seed(
  db: BenchDatabase,
  tenants: number,
  cards: number,
  tillsPerTenant: number,
): Promise<Fixture> {
  const slugs = Array.from({ length: tenants }, (_, i) => tenantSlug(i));
  const app = await createAppDataSource({ url: db.appUrl, poolSize: 2, applicationName: 'bench-seed' }).initialize();
  try {
    await syncTenants(
      app,
      slugs.map((slug) => ({ slug, name: `Benchmark ${slug}` })),
    );
  } finally {
    await app.destroy();
  }

  const admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  try {
    await admin.query('BEGIN');
    const tills: BenchTill[][] = [];
    for (const tenantId of slugs) tills.push(await createTills(admin, tenantId, tillsPerTenant));
    await seedCards(admin, slugs, cards);
    await admin.query('COMMIT');
    // Fresh statistics and visibility map, and the seeding's WAL flushed, before any timing.
    await admin.query('VACUUM ANALYZE');
    await admin.query('CHECKPOINT');
    return { tills, cards };
  } catch (error) {
    await admin.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await admin.end();
  }
}

/** The tenant's canteen and its tills, lane 0 first: "Bench kasse 00" … (the history is lane 0's). */
async function createTills(admin: Client, tenantId: string, count: number): Promise<BenchTill[]> {
  const unit = await admin.query<{ id: string }>(
    `INSERT INTO units (tenant_id, name) VALUES ($1, 'Bench kantine') RETURNING id`,
    [tenantId],
  );
  const unitId = unit.rows[0].id;
  const tills: BenchTill[] = [];
  for (let lane = 0; lane < count; lane += 1) {
    const apiKey = generateTillKey(tenantId);
    const till = await admin.query<{ id: string }>(
      `INSERT INTO tills (tenant_id, unit_id, name, api_key_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
      [tenantId, unitId, tillName(lane), hashTillKey(apiKey)],
    );
    tills.push({ tenantId, tillId: till.rows[0].id, unitId, apiKey });
  }
  return tills;
}

/** Lane n's till is named "Bench kasse nn" (ceiling-fixtures.ts finds the lanes by it). */
export const tillName = (lane: number) => `Bench kasse ${String(lane).padStart(2, '0')}`;

/**
 * Card i (0 = hot) belongs to tenant i % tenants, numbered as workload.cardNumber(i). Ids are
 * md5-derived so one generate_series drives every table without reading anything back.
 * Balances arrive as a real ledger credit from the tenant's cash office, so the ledger
 * invariants (postings balance; wallet balance = its postings) hold from the start.
 *
 * Every card also gets one past approved purchase (pos_purchases row, ledger transaction,
 * postings), as pos_purchase itself would have written it. Not just for realism: with an
 * empty pos_purchases at ANALYZE time each session caches a generic plan that seq-scans it
 * for the idempotency check, and that scan grows with every purchase until autoanalyze
 * (up to a minute later) invalidates the plan — the bench would measure that instead.
 */
async function seedCards(admin: Client, slugs: readonly string[], cards: number): Promise<void> {
  // Foreign-key and ledger triggers fire per row/statement and were most of the seeding time
  // (~25 of ~37 s); every reference here holds by construction (joins), and the bench checks
  // the ledger invariants over all tenants after the run. Superuser-only, this transaction only.
  await admin.query(`SET LOCAL session_replication_role = replica`);
  await admin.query(`SET LOCAL work_mem = '256MB'`);
  await admin.query(
    `CREATE TEMP TABLE bench_seed ON COMMIT DROP AS
     SELECT i,
            ($1::text[])[1 + i % cardinality($1::text[])] AS tenant_id,
            md5('holder' || i)::uuid AS holder_id,
            md5('account' || i)::uuid AS account_id,
            md5('credit' || i)::uuid AS tx_id,
            md5('purchase' || i)::uuid AS purchase_id,
            md5('purchase-tx' || i)::uuid AS purchase_tx_id,
            now() - make_interval(days => i % 30, hours => 1) AS purchased_at,
            'B' || lpad(i::text, 10, '0') AS card_number,
            i <> $2 AND i % 100 < 10 AS has_agreement,
            CASE WHEN i = $2 THEN $3::bigint
                 WHEN i % 100 < 10 THEN $6::bigint + ${HISTORY_AMOUNT}
                 ELSE $4::bigint END AS credit
       FROM generate_series(0, $5::int) AS i`,
    [slugs, HOT_CARD, HOT_CARD_BALANCE, CARD_BALANCE, cards, AGREEMENT_CARD_BALANCE],
  );
  const statements = [
    `INSERT INTO cardholders (tenant_id, id, name, cpr_encrypted, cpr_hmac)
     SELECT tenant_id, holder_id, 'Bench elev ' || i, decode(md5('cpr' || i), 'hex'), decode(md5(i::text), 'hex') FROM bench_seed`,
    `INSERT INTO accounts (tenant_id, id, cardholder_id) SELECT tenant_id, account_id, holder_id FROM bench_seed`,
    `INSERT INTO ledger_accounts (tenant_id, id, kind, account_id, balance)
     SELECT tenant_id, account_id, 'wallet', account_id, credit - ${HISTORY_AMOUNT} FROM bench_seed`,
    `INSERT INTO cards (tenant_id, card_number, account_id) SELECT tenant_id, card_number, account_id FROM bench_seed`,
    `INSERT INTO ledger_transactions (tenant_id, id, kind, idempotency_key, description)
     SELECT tenant_id, tx_id, 'bench_credit', 'bench-credit:' || account_id, 'Benchmark opening balance' FROM bench_seed`,
    `INSERT INTO postings (tenant_id, transaction_id, ledger_account_id, amount)
     SELECT s.tenant_id, s.tx_id, p.ledger_account_id, p.amount
       FROM bench_seed s
       JOIN ledger_accounts office ON office.tenant_id = s.tenant_id AND office.kind = 'cash_office'
      CROSS JOIN LATERAL (VALUES (s.account_id, s.credit), (office.id, -s.credit)) AS p (ledger_account_id, amount)`,
    `INSERT INTO ledger_transactions (tenant_id, id, kind, idempotency_key, created_at)
     SELECT tenant_id, purchase_tx_id, 'pos_purchase', 'pos-purchase:' || purchase_id, purchased_at FROM bench_seed`,
    `INSERT INTO postings (tenant_id, transaction_id, ledger_account_id, amount, created_at)
     SELECT s.tenant_id, s.purchase_tx_id, p.ledger_account_id, p.amount, s.purchased_at
       FROM bench_seed s
       JOIN tills t ON t.tenant_id = s.tenant_id AND t.name = '${tillName(0)}'
       JOIN ledger_accounts sales ON sales.tenant_id = s.tenant_id AND sales.till_id = t.id
      CROSS JOIN LATERAL (VALUES (s.account_id, -${HISTORY_AMOUNT}), (sales.id, ${HISTORY_AMOUNT})) AS p (ledger_account_id, amount)`,
    `INSERT INTO pos_purchases (tenant_id, id, till_id, unit_id, idempotency_key, request_hash, card_number, account_id,
                                amount, decision, balance_after, transaction_id, created_at)
     SELECT s.tenant_id, s.purchase_id, t.id, t.unit_id, 'history-' || s.i, 'history', s.card_number, s.account_id,
            ${HISTORY_AMOUNT}, 'approved', s.credit - ${HISTORY_AMOUNT}, s.purchase_tx_id, s.purchased_at
       FROM bench_seed s JOIN tills t ON t.tenant_id = s.tenant_id AND t.name = '${tillName(0)}'`,
    // workload.hasAgreement's cards: an active agreement on a stored card, set up by one parent per tenant.
    `INSERT INTO logins (tenant_id, id, email)
     SELECT tenant_id, md5('login' || tenant_id)::uuid, 'bench-parent@' || tenant_id || '.example' FROM unnest($1::text[]) AS tenant_id`,
    `INSERT INTO top_up_agreements (tenant_id, account_id, login_id, amount, status, stored_card_id, card_masked_pan,
                                    card_expiry, card_brand, activated_at)
     SELECT tenant_id, account_id, md5('login' || tenant_id)::uuid, 20000, 'active', 'bench-card-' || i, '492500******0004',
            '1230', 'Visa', now()
       FROM bench_seed WHERE has_agreement`,
  ];
  for (const sql of statements) await admin.query(sql, sql.includes('$1') ? [slugs] : []);
}
