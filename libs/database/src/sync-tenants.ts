import type { DataSource } from 'typeorm';
import { ensureSystemAccounts, upsertTenant } from './database.queries';
import { inTenant } from './tenant-transaction';

export interface TenantIdentity {
  readonly slug: string;
  readonly name: string;
}

// Till sales are booked per till (an account created with each till), not tenant-wide.
const SYSTEM_ACCOUNT_KINDS = [
  'gateway_clearing',
  'payout_clearing',
  'card_fee_revenue',
  'webshop_sales',
  'subscription_revenue',
  'cash_office',
] as const;

/** Tenants are configuration; their database rows and system ledger accounts follow it. */
export async function syncTenants(ds: DataSource, tenants: readonly TenantIdentity[]): Promise<void> {
  for (const tenant of tenants) {
    await inTenant(ds, tenant.slug, async (tx) => {
      await upsertTenant(tx, tenant);
      await ensureSystemAccounts(tx, SYSTEM_ACCOUNT_KINDS);
    });
  }
}
