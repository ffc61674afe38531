import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { CprCipher, createCardholderWithAccount } from '@kk/cardholders';
import { inTenant } from '@kk/database';
import { systemAccountId } from '@kk/ledger';
import { generateTillKey, hashTillKey, PosAuthorizationService, type Till } from '@kk/pos-authorization';
import type { TenantConfig } from '@kk/tenancy';
import type { BenchDatabase } from './database';

/**
 * bench:statement's data: a pupil's year through the real purchase paths, amid 200 other
 * pupils' purchases on the same days.
 */
export interface Seeded {
  readonly accountId: string;
  readonly loginId: string;
  readonly movements: number;
}

export async function adminQuery(db: BenchDatabase, sql: string, params: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: db.adminUrl });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

async function till(
  ds: DataSource,
  tenant: TenantConfig,
  unitName: string,
  clock: () => Date,
): Promise<Till & { pos: PosAuthorizationService }> {
  const { unitId, tillId } = await inTenant(ds, tenant.slug, async (tx) => {
    const [unit] = await tx.query<{ id: string }>('INSERT INTO units (tenant_id, name) VALUES ($1, $2) RETURNING id', [
      tenant.slug,
      unitName,
    ]);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO tills (tenant_id, unit_id, name, api_key_hash) VALUES ($1, $2, 'Kasse 1', $3) RETURNING id`,
      [tenant.slug, unit.id, hashTillKey(generateTillKey(tenant.slug))],
    );
    return { unitId: unit.id, tillId: row.id };
  });
  const pos = new PosAuthorizationService(
    { query: <T>(sql: string, params?: unknown[]) => ds.query<T[]>(sql, params) },
    { lowBalanceThreshold: () => 0, clock },
  );
  return { tenantId: tenant.slug, tillId, unitId, name: 'Kasse 1', pos };
}

/** A deposit on a past day: the ledger's cash deposit, dated (postTransaction stamps now()). */
async function depositAt(ds: DataSource, tenantId: string, accountId: string, amount: number, at: Date): Promise<void> {
  await inTenant(ds, tenantId, async (tx) => {
    const cash = await systemAccountId(tx, 'cash_office');
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO ledger_transactions (tenant_id, kind, idempotency_key, description, created_at)
       VALUES ($1, 'nexi_deposit', $2, 'Indbetaling', $3) RETURNING id`,
      [tenantId, `bench:${randomUUID()}`, at],
    );
    await tx.query(
      `INSERT INTO postings (tenant_id, transaction_id, ledger_account_id, amount, created_at)
       VALUES ($1, $2, $3, $4, $6), ($1, $2, $5, -$4::bigint, $6)`,
      [tenantId, row.id, accountId, amount, cash, at],
    );
    await tx.query('UPDATE ledger_accounts SET balance = balance + $3 WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      accountId,
      amount,
    ]);
  });
}

/** The pupil and the parent's login, then a year day by day through pos_purchase and pos_reverse. */
export async function seedYear(
  ds: DataSource,
  tenant: TenantConfig,
  cipher: CprCipher,
  from: DateTime,
  years: number,
  afterDay: (day: DateTime) => Promise<void>,
): Promise<Seeded> {
  const holder = await inTenant(ds, tenant.slug, (tx) =>
    createCardholderWithAccount(tx, cipher, { cpr: '0101101234', name: 'Ida Hansen', cardNumber: '1000200030004001' }),
  );
  const loginId = await inTenant(ds, tenant.slug, async (tx) => {
    const [login] = await tx.query<{ id: string }>(
      `INSERT INTO logins (tenant_id, email, password_hash, cardholder_id) VALUES ($1, 'mor@example.dk', 'x', $2) RETURNING id`,
      [tenant.slug, holder.cardholderId],
    );
    await tx.query(`INSERT INTO login_access (tenant_id, login_id, cardholder_id, kind) VALUES ($1, $2, $3, 'self')`, [
      tenant.slug,
      login.id,
      holder.cardholderId,
    ]);
    return login.id;
  });
  let now = new Date();
  const tills = await Promise.all(['Kantinen', 'Caféen', 'Boden'].map((unit) => till(ds, tenant, unit, () => now)));
  let movements = 0;
  for (let day = from; day < from.plus({ years }); day = day.plus({ days: 1 })) {
    // 300 kr. every Monday and Thursday (and on the first day) for 525 kr. of meals a week.
    if (day.weekday === 1 || day.weekday === 4 || day.equals(from)) {
      await depositAt(ds, tenant.slug, holder.accountId, 30_000, day.set({ hour: 7 }).toJSDate());
      movements += 1;
    }
    for (let meal = 0; meal < 5; meal += 1) {
      now = day.set({ hour: 8 + meal * 2, minute: (meal * 17) % 60 }).toJSDate();
      const at = tills[meal % 3];
      const outcome = await at.pos.purchase(at, {
        idempotencyKey: randomUUID(),
        cardNumber: holder.cardNumber,
        amount: 1_000 + meal * 250,
        description: meal === 2 ? 'Frokost' : 'Snack',
      });
      if (outcome.kind === 'key_reused' || outcome.response.status !== 'approved')
        throw new Error('a seeded purchase was declined');
      movements += 1;
      if (day.day === 15 && meal === 4) {
        now = new Date(now.getTime() + 60_000);
        await at.pos.reverse(at, outcome.response.id);
        movements += 1;
      }
    }
    await afterDay(day);
  }
  return { accountId: holder.accountId, loginId, movements };
}

/**
 * 200 other pupils buying at the same tills on the same days: their postings land on the heap
 * between ours, day by day, as in production (a wallet's year is spread over thousands of heap
 * pages, not packed in a few). Written as the superuser, without triggers or foreign-key
 * checks, for rows that hold by construction.
 */
export async function otherPupils(
  db: BenchDatabase,
  tenantId: string,
): Promise<{ day(day: DateTime): Promise<void>; end(): Promise<void> }> {
  const admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  await admin.query(`SET session_replication_role = replica`);
  await admin.query(
    `CREATE TEMP TABLE other AS SELECT md5('w' || i)::uuid AS wallet, md5('h' || i)::uuid AS holder FROM generate_series(1, 200) i;
     INSERT INTO cardholders (tenant_id, id, name, cpr_encrypted, cpr_hmac)
       SELECT '${tenantId}', holder, 'Anden elev', decode(md5(holder::text), 'hex'), decode(md5(wallet::text), 'hex') FROM other;
     INSERT INTO accounts (tenant_id, id, cardholder_id) SELECT '${tenantId}', wallet, holder FROM other;
     INSERT INTO ledger_accounts (tenant_id, id, kind, account_id, balance) SELECT '${tenantId}', wallet, 'wallet', wallet, 50000 FROM other;`,
  );
  const [office] = (
    await admin.query<{ id: string }>(`SELECT id FROM ledger_accounts WHERE tenant_id = $1 AND kind = 'cash_office'`, [
      tenantId,
    ])
  ).rows;
  return {
    // ~275 purchases a day among the others: 100,000 in the year.
    day: async (day) => {
      await admin.query(
        `WITH moves AS (
           SELECT gen_random_uuid() AS tx, o.wallet, $2::timestamptz + make_interval(mins => 480 + (random() * 480)::int) AS at
             FROM other o, generate_series(1, CASE WHEN random() < 0.375 THEN 2 ELSE 1 END) n),
         t AS (INSERT INTO ledger_transactions (tenant_id, id, kind, idempotency_key, created_at)
               SELECT $1, tx, 'pos_purchase', 'noise:' || tx, at FROM moves)
         INSERT INTO postings (tenant_id, transaction_id, ledger_account_id, amount, created_at)
         SELECT $1, m.tx, p.account, p.amount, m.at FROM moves m
          CROSS JOIN LATERAL (VALUES (m.wallet, -100::bigint), ($3::uuid, 100::bigint)) p (account, amount)`,
        [tenantId, day.toJSDate(), office.id],
      );
    },
    end: () => admin.end(),
  };
}
