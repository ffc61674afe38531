import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { postTransaction, systemAccountId } from '@kk/ledger';
import { generateTillKey, hashTillKey } from '@kk/pos-authorization';

export interface TestTill {
  readonly tillId: string;
  readonly unitId: string;
  readonly apiKey: string;
}

export async function createUnit(
  ds: DataSource,
  tenantId: string,
  name = `Kantine ${randomBytes(3).toString('hex')}`,
): Promise<string> {
  return inTenant(ds, tenantId, async (tx) => {
    const rows = await tx.query<{ id: string }>('INSERT INTO units (tenant_id, name) VALUES ($1, $2) RETURNING id', [
      tenantId,
      name,
    ]);
    return rows[0].id;
  });
}

export async function createTill(ds: DataSource, tenantId: string, unitId?: string): Promise<TestTill> {
  const unit = unitId ?? (await createUnit(ds, tenantId));
  const apiKey = generateTillKey(tenantId);
  const tillId = await inTenant(ds, tenantId, async (tx) => {
    const rows = await tx.query<{ id: string }>(
      'INSERT INTO tills (tenant_id, unit_id, name, api_key_hash) VALUES ($1, $2, $3, $4) RETURNING id',
      [tenantId, unit, `Kasse ${randomBytes(3).toString('hex')}`, hashTillKey(apiKey)],
    );
    return rows[0].id;
  });
  return { tillId, unitId: unit, apiKey };
}

export interface TestCardOptions {
  balance?: number;
  dailyLimit?: number | null;
  weeklyLimit?: number | null;
  monthlyLimit?: number | null;
  cardStatus?: 'active' | 'blocked' | 'replaced';
  /** When given, the card may pay only in these units. */
  allowedUnits?: string[];
  holderName?: string;
}

export interface TestCard {
  readonly cardNumber: string;
  readonly accountId: string;
}

let cardCounter = 0;
/** 16 digits, unique across parallel test files. */
export function uniqueCardNumber(): string {
  cardCounter += 1;
  const random = BigInt(`0x${randomBytes(6).toString('hex')}`) % 10_000_000_000n;
  return `${String(cardCounter % 1_000_000).padStart(6, '0')}${random.toString().padStart(10, '0')}`;
}

/** A cardholder with one account, its wallet and one card; the balance arrives as a real ledger credit. */
export async function createCard(ds: DataSource, tenantId: string, options: TestCardOptions = {}): Promise<TestCard> {
  const cardNumber = uniqueCardNumber();
  const accountId = randomUUID();
  await inTenant(ds, tenantId, async (tx) => {
    const holder = await tx.query<{ id: string }>(
      `INSERT INTO cardholders (tenant_id, name, cpr_encrypted, cpr_hmac) VALUES ($1, $2, $3, $4) RETURNING id`,
      [tenantId, options.holderName ?? 'Test Elev', randomBytes(40), randomBytes(32)],
    );
    await tx.query(
      `INSERT INTO accounts (tenant_id, id, cardholder_id, daily_limit, weekly_limit, monthly_limit, units_restricted)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        tenantId,
        accountId,
        holder[0].id,
        options.dailyLimit ?? null,
        options.weeklyLimit ?? null,
        options.monthlyLimit ?? null,
        options.allowedUnits !== undefined,
      ],
    );
    await tx.query(
      `INSERT INTO ledger_accounts (tenant_id, id, kind, account_id, balance) VALUES ($1, $2, 'wallet', $2, 0)`,
      [tenantId, accountId],
    );
    await tx.query(`INSERT INTO cards (tenant_id, card_number, account_id, status) VALUES ($1, $2, $3, $4)`, [
      tenantId,
      cardNumber,
      accountId,
      options.cardStatus ?? 'active',
    ]);
    for (const unitId of options.allowedUnits ?? []) {
      await tx.query('INSERT INTO account_allowed_units (tenant_id, account_id, unit_id) VALUES ($1, $2, $3)', [
        tenantId,
        accountId,
        unitId,
      ]);
    }
    if (options.balance) {
      await postTransaction(tx, {
        kind: 'test_credit',
        idempotencyKey: `test-credit:${accountId}`,
        postings: [
          { ledgerAccountId: accountId, amount: options.balance },
          { ledgerAccountId: await systemAccountId(tx, 'cash_office'), amount: -options.balance },
        ],
      });
    }
  });
  return { cardNumber, accountId };
}

export async function walletBalance(ds: DataSource, tenantId: string, accountId: string): Promise<number> {
  return inTenant(ds, tenantId, async (tx) => {
    const rows = await tx.query<{ balance: string }>(
      'SELECT balance FROM ledger_accounts WHERE tenant_id = $1 AND id = $2',
      [tenantId, accountId],
    );
    return Number(rows[0].balance);
  });
}
