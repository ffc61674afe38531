import type { TenantTx } from '@kk/database';
import { oreFromDb } from '@kk/ledger';

/**
 * The SQL of "Besked ved lav saldo", all in the caller's tenant transaction (RLS): the account
 * lock and the amount the till compares with, the worker's locked read of the subscriptions,
 * the ledger's high-water mark since the last alert, and the once-per-event record.
 */

/**
 * Serialises the changes of one account's subscriptions, so two guardians saving at once
 * cannot leave accounts.low_balance_alert_below at the lower of their amounts. NO KEY UPDATE
 * does not conflict with the key-share locks of the till's foreign-key checks.
 */
export async function lockAccountForAlerts(tx: TenantTx, accountId: string): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    'SELECT id FROM accounts WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE',
    [tx.tenantId, accountId],
  );
  return rows.length > 0;
}

/** The amount pos_purchase compares with: the highest active one, NULL when none. */
export async function refreshAccountAlertAmount(tx: TenantTx, accountId: string): Promise<void> {
  await tx.query(
    `UPDATE accounts SET low_balance_alert_below = (
        SELECT max(s.below) FROM balance_alert_subscriptions s WHERE s.tenant_id = $1 AND s.account_id = $2)
      WHERE tenant_id = $1 AND id = $2`,
    [tx.tenantId, accountId],
  );
}

export interface AccountSummary {
  readonly holderName: string;
  /** Øre. */
  readonly balance: number;
  /** What the till compares with now (the highest subscriber's amount), øre. */
  readonly alertBelow: number | null;
}

export async function accountSummary(tx: TenantTx, accountId: string): Promise<AccountSummary | undefined> {
  const [row] = await tx.query<{ holder_name: string; balance: string; low_balance_alert_below: string | null }>(
    `SELECT h.name AS holder_name, w.balance, a.low_balance_alert_below
       FROM accounts a
       JOIN cardholders h ON h.tenant_id = a.tenant_id AND h.id = a.cardholder_id
       JOIN ledger_accounts w ON w.tenant_id = a.tenant_id AND w.id = a.id
      WHERE a.tenant_id = $1 AND a.id = $2`,
    [tx.tenantId, accountId],
  );
  if (!row) return undefined;
  return {
    holderName: row.holder_name,
    balance: oreFromDb(row.balance) ?? 0,
    alertBelow: oreFromDb(row.low_balance_alert_below),
  };
}

export interface ActiveSubscription {
  readonly id: string;
  readonly loginId: string;
  readonly below: number;
  readonly email: string;
  readonly locale: 'da' | 'en';
  readonly lastAlertAt: Date | null;
}

/**
 * The account's subscriptions that are on, locked (the events of one account are decided one
 * at a time), of logins that still see the account and are not disabled: access taken away
 * since (a relation deleted) stops the e-mails with it. The check reads identity's tables
 * here, as MyAccountsService.canAccessAccount does, because the worker has no portal identity.
 */
export async function lockActiveSubscriptions(tx: TenantTx, accountId: string): Promise<ActiveSubscription[]> {
  const rows = await tx.query<{
    id: string;
    login_id: string;
    below: string;
    email: string;
    locale: 'da' | 'en';
    last_alert_at: Date | null;
  }>(
    `SELECT s.id, s.login_id, s.below, s.email, s.locale, s.last_alert_at
       FROM balance_alert_subscriptions s
      WHERE s.tenant_id = $1 AND s.account_id = $2 AND s.below IS NOT NULL
        AND EXISTS (SELECT 1 FROM login_access la
                      JOIN accounts a ON a.tenant_id = la.tenant_id AND a.cardholder_id = la.cardholder_id
                     WHERE la.tenant_id = s.tenant_id AND la.login_id = s.login_id AND a.id = s.account_id)
        AND EXISTS (SELECT 1 FROM logins l
                     WHERE l.tenant_id = s.tenant_id AND l.id = s.login_id AND l.disabled_at IS NULL)
      ORDER BY s.id
      FOR UPDATE OF s`,
    [tx.tenantId, accountId],
  );
  return rows.map((row) => ({
    id: row.id,
    loginId: row.login_id,
    below: oreFromDb(row.below) ?? 0,
    email: row.email,
    locale: row.locale,
    lastAlertAt: row.last_alert_at,
  }));
}

export interface PurchaseFacts {
  readonly at: Date;
  readonly tillName: string;
  readonly unitName: string;
}

/** When and where the purchase that wrote the event was made (the till's log). */
export async function purchaseFacts(tx: TenantTx, purchaseId: string): Promise<PurchaseFacts | undefined> {
  const [row] = await tx.query<{ created_at: Date; till_name: string; unit_name: string }>(
    `SELECT p.created_at, t.name AS till_name, u.name AS unit_name
       FROM pos_purchases p
       JOIN tills t ON t.tenant_id = p.tenant_id AND t.id = p.till_id
       JOIN units u ON u.tenant_id = p.tenant_id AND u.id = p.unit_id
      WHERE p.tenant_id = $1 AND p.id = $2`,
    [tx.tenantId, purchaseId],
  );
  return row && { at: row.created_at, tillName: row.till_name, unitName: row.unit_name };
}

/**
 * The highest balance the wallet had after `after` and up to `upTo` (both the till's purchase
 * times), read back from the ledger: the balance just after each posting in that window is the
 * balance at `upTo` less every later posting of the window. A deposit or top-up that lifted the
 * balance to the alert's amount in between shows here as a value at or over it.
 */
export async function highestBalanceBetween(
  tx: TenantTx,
  walletId: string,
  window: { readonly after: Date; readonly upTo: Date; readonly balanceAtUpTo: number },
): Promise<number | null> {
  const [row] = await tx.query<{ highest: string | null }>(
    `SELECT max(s.after) AS highest FROM (
        SELECT $5::bigint - coalesce(sum(p.amount) OVER (
                 ORDER BY p.created_at DESC, p.id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS after
          FROM postings p
         WHERE p.tenant_id = $1 AND p.ledger_account_id = $2 AND p.created_at > $3 AND p.created_at <= $4
      ) s`,
    [tx.tenantId, walletId, window.after, window.upTo, window.balanceAtUpTo],
  );
  return oreFromDb(row?.highest ?? null);
}

export async function alertSent(tx: TenantTx, outboxId: string, subscriptionId: string): Promise<boolean> {
  const rows = await tx.query<{ found: number }>(
    'SELECT 1 AS found FROM balance_alerts WHERE tenant_id = $1 AND outbox_id = $2 AND subscription_id = $3',
    [tx.tenantId, outboxId, subscriptionId],
  );
  return rows.length > 0;
}

export interface SentAlert {
  readonly outboxId: string;
  readonly subscriptionId: string;
  readonly accountId: string;
  readonly purchaseId: string;
  readonly purchasedAt: Date;
  readonly balance: number;
  readonly below: number;
  readonly emailOutboxId: string;
}

/** The record of one alert and the subscription's new last alert, with the e-mail in the same transaction. */
export async function recordAlert(tx: TenantTx, alert: SentAlert): Promise<void> {
  await tx.query(
    `INSERT INTO balance_alerts (tenant_id, outbox_id, subscription_id, account_id, purchase_id, purchased_at,
                                 balance, below, email_outbox_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      tx.tenantId,
      alert.outboxId,
      alert.subscriptionId,
      alert.accountId,
      alert.purchaseId,
      alert.purchasedAt,
      alert.balance,
      alert.below,
      alert.emailOutboxId,
    ],
  );
  await tx.query('UPDATE balance_alert_subscriptions SET last_alert_at = $3 WHERE tenant_id = $1 AND id = $2', [
    tx.tenantId,
    alert.subscriptionId,
    alert.purchasedAt,
  ]);
}
