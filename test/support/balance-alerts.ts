import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BalanceAlertSettingsModule } from '@kk/balance-alerts';
import { inTenant } from '@kk/database';
import { IdentityModule } from '@kk/identity';
import { postTransaction, systemAccountId } from '@kk/ledger';
import type { EmailOutbox } from '@kk/notifications';
import { ConfiguredPaymentProviders, DepositsModule, PaymentsModule } from '@kk/payments';
import { TenancyModule, TenantRegistry, type TenantConfig } from '@kk/tenancy';
import { TEST_PASSWORD_HASHER, TEST_TOTP_BOX } from './identity-context';
import { startLibTestContext, type LibTestContext } from './lib-context';
import { testPaymentEnv } from './payments';
import { TEST_CPR_CIPHER } from './people';

/**
 * "Besked ved lav saldo" for the specs beside a worker: the portal's services (the settings
 * form's, and the payments stack's for "Automatisk Optankning"), money put in at the office,
 * and what the database holds of the alerts afterwards.
 */
export function startBalanceAlertsTestContext(
  ds: DataSource,
  tenants: readonly TenantConfig[],
  emailOutbox: EmailOutbox,
): Promise<LibTestContext> {
  const providers = new ConfiguredPaymentProviders(tenants, testPaymentEnv(tenants), true);
  return startLibTestContext(ds, TEST_CPR_CIPHER, [
    TenancyModule.forRoot({ registry: new TenantRegistry(tenants) }),
    IdentityModule.forRoot({ passwordHasher: TEST_PASSWORD_HASHER, totpSecretBox: TEST_TOTP_BOX, emailOutbox }),
    PaymentsModule.forRoot({ providers, emailOutbox }),
    DepositsModule,
    BalanceAlertSettingsModule,
  ]);
}

/** Cash paid in at the office (the ledger's cash_office gives), e.g. to lift a balance over an alert. */
export async function depositCash(ds: DataSource, tenantId: string, accountId: string, amount: number): Promise<void> {
  await inTenant(ds, tenantId, async (tx) => {
    await postTransaction(tx, {
      kind: 'cash_deposit',
      idempotencyKey: `test-cash:${accountId}:${randomBytes(4).toString('hex')}`,
      postings: [
        { ledgerAccountId: accountId, amount },
        { ledgerAccountId: await systemAccountId(tx, 'cash_office'), amount: -amount },
      ],
    });
  });
}

export interface SentAlertRow {
  readonly outboxId: string;
  readonly subscriptionId: string;
  readonly balance: number;
}

/** The alerts sent for an account, oldest first. */
export async function alertsSent(ds: DataSource, tenantId: string, accountId: string): Promise<SentAlertRow[]> {
  const rows = await inTenant(ds, tenantId, (tx) =>
    tx.query<{ outbox_id: string; subscription_id: string; balance: string }>(
      `SELECT outbox_id, subscription_id, balance FROM balance_alerts
        WHERE tenant_id = $1 AND account_id = $2 ORDER BY created_at, outbox_id`,
      [tenantId, accountId],
    ),
  );
  return rows.map((row) => ({
    outboxId: row.outbox_id,
    subscriptionId: row.subscription_id,
    balance: Number(row.balance),
  }));
}

/** The amount the till compares with for the account (accounts.low_balance_alert_below), øre. */
export async function accountAlertAmount(ds: DataSource, tenantId: string, accountId: string): Promise<number | null> {
  const [row] = await inTenant(ds, tenantId, (tx) =>
    tx.query<{ below: string | null }>(
      'SELECT low_balance_alert_below AS below FROM accounts WHERE tenant_id = $1 AND id = $2',
      [tenantId, accountId],
    ),
  );
  return row?.below === null || row?.below === undefined ? null : Number(row.below);
}
