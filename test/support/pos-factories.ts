import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { generateTillKey, hashTillKey } from '@kk/pos-authorization';
import { createPerson, type TestPerson, type TestPersonOptions } from './people';

export { uniqueCardNumber } from './people';

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

export interface TestCardOptions extends Omit<TestPersonOptions, 'name'> {
  /** Defaults to "Test Elev". */
  readonly holderName?: string;
}

export type TestCard = TestPerson;

/** A card as POS specs need it: a person (createPerson, the one factory) seen from the till. */
export function createCard(ds: DataSource, tenantId: string, options: TestCardOptions = {}): Promise<TestCard> {
  const { holderName, ...person } = options;
  return createPerson(ds, tenantId, { ...person, name: holderName ?? 'Test Elev' });
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
