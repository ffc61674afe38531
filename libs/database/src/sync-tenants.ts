import type { DataSource } from 'typeorm';
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
      await tx.query(
        `INSERT INTO tenants (id, name) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name WHERE tenants.name IS DISTINCT FROM EXCLUDED.name`,
        [tenant.slug, tenant.name],
      );
      await tx.query(
        `INSERT INTO ledger_accounts (tenant_id, kind)
         SELECT $1, kind FROM unnest($2::text[]) AS kind
         ON CONFLICT (tenant_id, kind) WHERE kind <> 'wallet' AND till_id IS NULL DO NOTHING`,
        [tenant.slug, SYSTEM_ACCOUNT_KINDS],
      );
    });
  }
}
