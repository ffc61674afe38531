import { randomBytes, randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createCardholderWithAccount, CprCipher } from '@kk/cardholders';
import { inTenant, type TenantTx } from '@kk/database';
import { loginIdOf, PasswordHasher, type LoginId } from '@kk/identity';
import { postTransaction, systemAccountId } from '@kk/ledger';

/**
 * The one factory for people, their accounts and cards, and email logins, for every test
 * tier: lib integration specs, app e2e specs and browser journeys.
 */

/** The suite's CPR keys: every test app and factory encrypts and looks up CPR numbers with these. */
export const TEST_CPR_CIPHER = new CprCipher(
  Buffer.alloc(32, 7).toString('base64'),
  Buffer.alloc(32, 9).toString('base64'),
);

// A random start per process, then a counter: unique within a test file (CPRs are unique
// per tenant, and each file has tenants of its own) and unlikely to repeat across files.
let cprCounter = randomInt(0, 1_000_000);

/**
 * A valid CPR number (a real date, 10 digits; no modulus 11, as the CPR office issues since
 * 2007), different on every call in a process.
 */
export function uniqueCpr(): string {
  cprCounter += 1;
  const day = (cprCounter % 28) + 1;
  const month = (Math.floor(cprCounter / 28) % 12) + 1;
  const year = Math.floor(cprCounter / 336) % 100;
  const serial = Math.floor(cprCounter / 33_600) % 10_000;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(day, 2)}${pad(month, 2)}${pad(year, 2)}${pad(serial, 4)}`;
}

let cardCounter = 0;
/** 16 digits (the strictest tenant's format), unique across parallel test files. */
export function uniqueCardNumber(): string {
  cardCounter += 1;
  const random = BigInt(`0x${randomBytes(6).toString('hex')}`) % 10_000_000_000n;
  return `${String(cardCounter % 1_000_000).padStart(6, '0')}${random.toString().padStart(10, '0')}`;
}

export function uniqueEmail(prefix = 'forælder'): string {
  return `${prefix}.${randomBytes(4).toString('hex')}@example.dk`;
}

export interface TestPersonOptions {
  readonly name?: string;
  readonly cpr?: string;
  readonly cardNumber?: string;
  /** Øre, credited through the ledger (cash_office gives). */
  readonly balance?: number;
  readonly dailyLimit?: number | null;
  readonly weeklyLimit?: number | null;
  readonly monthlyLimit?: number | null;
  readonly cardStatus?: 'active' | 'blocked' | 'replaced';
  /** When given, the card may pay only in these units. */
  readonly allowedUnits?: readonly string[];
}

export interface TestPerson {
  readonly cpr: string;
  readonly name: string;
  readonly cardholderId: string;
  readonly accountId: string;
  readonly cardNumber: string;
}

/** A cardholder with a real (encrypted) CPR, one account with its wallet, and one card. */
export async function createPerson(
  ds: DataSource,
  tenantId: string,
  options: TestPersonOptions = {},
): Promise<TestPerson> {
  const cpr = options.cpr ?? uniqueCpr();
  const name = options.name ?? `Elev ${randomBytes(3).toString('hex')}`;
  const created = await inTenant(ds, tenantId, async (tx) => {
    const holder = await createCardholderWithAccount(tx, TEST_CPR_CIPHER, {
      cpr,
      name,
      cardNumber: options.cardNumber ?? uniqueCardNumber(),
    });
    await applyAccountOptions(tx, holder.accountId, holder.cardNumber, options);
    if (options.balance) await credit(tx, holder.accountId, options.balance);
    return holder;
  });
  return { cpr, name, ...created };
}

async function applyAccountOptions(
  tx: TenantTx,
  accountId: string,
  cardNumber: string,
  options: TestPersonOptions,
): Promise<void> {
  const limited = options.dailyLimit ?? options.weeklyLimit ?? options.monthlyLimit;
  if (limited !== undefined || options.allowedUnits !== undefined) {
    await tx.query(
      `UPDATE accounts SET daily_limit = $3, weekly_limit = $4, monthly_limit = $5, units_restricted = $6
        WHERE tenant_id = $1 AND id = $2`,
      [
        tx.tenantId,
        accountId,
        options.dailyLimit ?? null,
        options.weeklyLimit ?? null,
        options.monthlyLimit ?? null,
        options.allowedUnits !== undefined,
      ],
    );
  }
  for (const unitId of options.allowedUnits ?? []) {
    await tx.query('INSERT INTO account_allowed_units (tenant_id, account_id, unit_id) VALUES ($1, $2, $3)', [
      tx.tenantId,
      accountId,
      unitId,
    ]);
  }
  if (options.cardStatus && options.cardStatus !== 'active') await updateCardStatus(tx, cardNumber, options.cardStatus);
}

function updateCardStatus(tx: TenantTx, cardNumber: string, status: 'active' | 'blocked' | 'replaced') {
  return tx.query('UPDATE cards SET status = $3 WHERE tenant_id = $1 AND card_number = $2', [
    tx.tenantId,
    cardNumber,
    status,
  ]);
}

/** "Spær kort" / "Aktiver kort" as the office or the parent would, for a person made earlier. */
export async function setCardStatus(
  ds: DataSource,
  tenantId: string,
  cardNumber: string,
  status: 'active' | 'blocked',
): Promise<void> {
  await inTenant(ds, tenantId, (tx) => updateCardStatus(tx, cardNumber, status));
}

async function credit(tx: TenantTx, accountId: string, amount: number): Promise<void> {
  await postTransaction(tx, {
    kind: 'test_credit',
    idempotencyKey: `test-credit:${accountId}:${randomBytes(4).toString('hex')}`,
    postings: [
      { ledgerAccountId: accountId, amount },
      { ledgerAccountId: await systemAccountId(tx, 'cash_office'), amount: -amount },
    ],
  });
}

export interface TestLogin extends TestPerson {
  readonly loginId: LoginId;
  readonly email: string;
  readonly password: string;
}

/** One per process: argon2's dummy hash is cached. */
const hasher = new PasswordHasher();

/** A person and an email login that sees them ('self'), made directly (not through the sign-up). */
export async function createEmailLogin(
  ds: DataSource,
  tenantId: string,
  options: TestPersonOptions & { readonly password?: string; readonly email?: string } = {},
): Promise<TestLogin> {
  const person = await createPerson(ds, tenantId, options);
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? 'korrekt hest batteri hæfteklamme';
  const hash = await hasher.hash(password);
  const loginId = await inTenant(ds, tenantId, async (tx) => {
    const [login] = await tx.query<{ id: string }>(
      `INSERT INTO logins (tenant_id, email, password_hash, cardholder_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [tenantId, email, hash, person.cardholderId],
    );
    await tx.query(`INSERT INTO login_access (tenant_id, login_id, cardholder_id, kind) VALUES ($1, $2, $3, 'self')`, [
      tenantId,
      login.id,
      person.cardholderId,
    ]);
    return loginIdOf(login.id);
  });
  return { ...person, loginId, email, password };
}
