import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { PosAuthorizationService, type PurchaseResponse, type Till } from '@kk/pos-authorization';
import { createTill, createUnit } from './pos-factories';

/**
 * Tills with names, for specs that read a till's place back ("Kasse 2, Caféen"): purchases go
 * through PosAuthorizationService, i.e. the real pos_purchase, as testCheckout's do.
 */
export interface NamedTill {
  readonly till: Till;
  readonly tillName: string;
  readonly unitName: string;
  buy(cardNumber: string, amount: number): Promise<PurchaseResponse>;
}

export interface NamedTillOptions {
  /** A unit of the tenant to stand in; unset, a new one named `unitName`. */
  readonly unitId?: string;
  /** Default a fresh "Kantine …"; unit names are unique per tenant. */
  readonly unitName?: string;
  /** The threshold pos_purchase writes low-balance events under (øre); default 0, none. */
  readonly lowBalanceBelow?: number;
}

export async function namedTill(ds: DataSource, tenantId: string, options: NamedTillOptions = {}): Promise<NamedTill> {
  const unitName = options.unitName ?? `Kantine ${randomBytes(3).toString('hex')}`;
  const unitId = options.unitId ?? (await createUnit(ds, tenantId, unitName));
  const created = await createTill(ds, tenantId, unitId);
  const [row] = await inTenant(ds, tenantId, (tx) =>
    tx.query<{ till_name: string; unit_name: string }>(
      `SELECT t.name AS till_name, u.name AS unit_name FROM tills t JOIN units u ON u.tenant_id = t.tenant_id AND u.id = t.unit_id
        WHERE t.tenant_id = $1 AND t.id = $2`,
      [tenantId, created.tillId],
    ),
  );
  const till: Till = { tenantId, tillId: created.tillId, unitId, name: row.till_name };
  const pos = new PosAuthorizationService(
    { query: <T>(sql: string, params?: unknown[]) => ds.query<T[]>(sql, params) },
    { lowBalanceThreshold: () => options.lowBalanceBelow ?? 0 },
  );
  return {
    till,
    tillName: row.till_name,
    unitName: row.unit_name,
    buy: async (cardNumber, amount) => {
      const outcome = await pos.purchase(till, {
        idempotencyKey: `named-${randomUUID()}`,
        cardNumber,
        amount,
        description: 'Frokost',
      });
      if (outcome.kind === 'key_reused') throw new Error('key reused');
      return outcome.response;
    },
  };
}

/**
 * A new card on the account, as the school office issues one and the parent links it: the old
 * card becomes `replaced` (the till then declines it card_replaced), the new one is active.
 */
export async function replaceCard(
  ds: DataSource,
  tenantId: string,
  accountId: string,
  newCardNumber: string,
): Promise<void> {
  await inTenant(ds, tenantId, async (tx) => {
    await tx.query(
      `UPDATE cards SET status = 'replaced', status_changed_at = now()
        WHERE tenant_id = $1 AND account_id = $2 AND status <> 'replaced'`,
      [tenantId, accountId],
    );
    await tx.query(`INSERT INTO cards (tenant_id, card_number, account_id, status) VALUES ($1, $2, $3, 'active')`, [
      tenantId,
      newCardNumber,
      accountId,
    ]);
  });
}

/** When the till's log says a purchase was decided. */
export async function purchaseTime(ds: DataSource, tenantId: string, purchaseId: string): Promise<Date> {
  const [row] = await inTenant(ds, tenantId, (tx) =>
    tx.query<{ created_at: Date }>('SELECT created_at FROM pos_purchases WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      purchaseId,
    ]),
  );
  if (!row) throw new Error(`no purchase ${purchaseId}`);
  return row.created_at;
}
