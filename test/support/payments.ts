import type { DataSource } from 'typeorm';
import { DEMO_PAYMENT_KEYS } from '@kk/config';
import { inTenant, type TenantTx } from '@kk/database';
import { checkLedgerInvariants } from '@kk/ledger';
import { defaultTenantsDir, loadTenants, tenantIdFromSlug, type TenantConfig } from '@kk/tenancy';
import { TEST_EMAIL_SEALER } from './identity-context';
import { minimalTenantYaml } from './tenants-dir';
import { uniqueSlug } from './test-env';

/**
 * The payment settings of the suite: tenants pointed at a gateway stand-in, and the variables
 * their tenant.yaml names filled with the stand-in's demo keys, as `npm run demo` fills them.
 */

/** The tenant with both providers at `gatewayUrl`, as PAYMENT_GATEWAY_URL would set them. */
export function withGateway(tenant: TenantConfig, gatewayUrl: string): TenantConfig {
  const payments = tenant.payments;
  if (!payments) throw new Error(`tenant ${tenant.slug} takes no payments`);
  return {
    ...tenant,
    payments: {
      ...payments,
      ...(payments.nexi ? { nexi: { ...payments.nexi, baseUrl: gatewayUrl } } : {}),
      ...(payments.mobilepay ? { mobilepay: { ...payments.mobilepay, baseUrl: gatewayUrl } } : {}),
    },
  };
}

/** Every payment variable the tenants name, with the stand-in's demo values. */
export function testPaymentEnv(
  tenants: readonly TenantConfig[],
  mobilePayWebhookSecret = 'test-mobilepay-webhook-secret',
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const { payments } of tenants) {
    if (payments?.nexi) {
      env[payments.nexi.secretKeyEnv] = DEMO_PAYMENT_KEYS.nexiSecretKey;
      env[payments.nexi.webhookAuthorizationEnv] = DEMO_PAYMENT_KEYS.nexiWebhookAuthorization;
    }
    if (payments?.mobilepay) {
      env[payments.mobilepay.clientSecretEnv] = DEMO_PAYMENT_KEYS.mobilePayClientSecret;
      env[payments.mobilepay.subscriptionKeyEnv] = DEMO_PAYMENT_KEYS.mobilePaySubscriptionKey;
      env[payments.mobilepay.webhookSecretEnv] = mobilePayWebhookSecret;
    }
  }
  return env;
}

/** A copy of a tenant of the repository (sctibs, gladsaxe) with a slug and host of the test's own. */
export function repoTenantCopy(slug: 'sctibs' | 'gladsaxe'): TenantConfig {
  const source = loadTenants(defaultTenantsDir()).require(slug);
  const copy = tenantIdFromSlug(uniqueSlug());
  return { ...source, slug: copy, hosts: [`${copy}.localhost`] };
}

export interface PaymentsLedger {
  /**
   * The ledger's invariants; every completed payment credited exactly once by its amount; every
   * refund debited once (and, failed, reversed once); gateway clearing = credits − refunds not
   * failed; and, given the provider's movements, what it charged and refunded for our payments
   * equal to what we credited and completed.
   */
  readonly problems: string[];
  /** A wallet's balance in øre (0 for an unknown one). */
  balanceOf(accountId: string): number;
  /** Receipt e-mails queued in the outbox that name this payment. */
  receiptsFor(paymentId: string): number;
  /** Øre moved out of gateway clearing into wallets, per tenant: what the providers must have charged. */
  readonly clearedOre: number;
  /** Øre of completed refunds, moved from wallets back into clearing: what the providers must have refunded. */
  readonly refundedOre: number;
  /** Øre of refunds still pending: out of the wallets, not yet refunded by the provider. */
  readonly pendingRefundOre: number;
}

/** One movement of money at a provider, as the stand-in's ledger (sim.controls.ledger()) lists it. */
export interface ProviderMovement {
  /** Nexi's paymentId or MobilePay's reference: our payments' provider_payment_id. */
  readonly payment: string;
  readonly amount: number;
}

/** What a provider charged and refunded; pass the stand-in's ledger to compare it with ours. */
export interface ProviderMovements {
  readonly charges: readonly ProviderMovement[];
  readonly refunds: readonly ProviderMovement[];
}

interface PaymentRow {
  readonly id: string;
  readonly status: string;
  readonly purpose: string;
  readonly amount: string;
  readonly provider_payment_id: string | null;
  readonly credits: string;
  readonly credited: string | null;
}

interface RefundRow {
  readonly id: string;
  readonly payment_id: string;
  readonly amount: string;
  readonly status: string;
  readonly debits: string;
  readonly debited: string | null;
  readonly reversals: string;
  readonly reversed: string | null;
}

/**
 * The auditor's view of the tenants' money in, read as the superuser would not: through
 * the app role and RLS, tenant by tenant. Called after every payments test; `provider`, when
 * given (the stand-in's ledger), is held against our books payment by payment.
 */
export async function paymentsLedger(
  ds: DataSource,
  tenants: readonly string[],
  provider?: ProviderMovements,
): Promise<PaymentsLedger> {
  const problems: string[] = [];
  const balances = new Map<string, number>();
  const receipts = new Map<string, number>();
  let clearedOre = 0;
  let refundedOre = 0;
  let pendingRefundOre = 0;
  const ours = new Map<string, { credited: number; refunded: number }>();
  for (const tenant of tenants) {
    await inTenant(ds, tenant, async (tx) => {
      const violations = await checkLedgerInvariants(tx);
      if (violations.unbalancedTransactions.length > 0) problems.push(`${tenant}: unbalanced transactions`);
      if (violations.walletMismatches.length > 0) problems.push(`${tenant}: wallets differ from their postings`);
      if (violations.totalOfAllPostings !== 0)
        problems.push(`${tenant}: postings sum to ${violations.totalOfAllPostings}`);
      const wallets = await tx.query<{ id: string; balance: string }>(
        `SELECT id, balance FROM ledger_accounts WHERE tenant_id = $1 AND kind = 'wallet'`,
        [tenant],
      );
      for (const w of wallets) balances.set(w.id, Number(w.balance));
      const payments = await tx.query<PaymentRow>(
        `SELECT p.id, p.status, p.purpose, p.amount, p.provider_payment_id,
                (SELECT count(*) FROM ledger_transactions t WHERE t.tenant_id = p.tenant_id AND t.idempotency_key = 'payment:' || p.id) AS credits,
                (SELECT sum(po.amount) FROM postings po WHERE po.tenant_id = p.tenant_id AND po.transaction_id = p.transaction_id
                   AND po.ledger_account_id = p.account_id) AS credited
           FROM payments p WHERE p.tenant_id = $1`,
        [tenant],
      );
      for (const p of payments) {
        const credits = Number(p.credits);
        const expected = p.status === 'completed' && p.purpose !== 'card_registration' ? 1 : 0;
        if (credits !== expected) problems.push(`${tenant}: payment ${p.id} (${p.status}) has ${credits} credits`);
        clearedOre += Number(p.credited ?? 0);
      }
      const refunds = await refundsOf(tx, tenant, problems);
      const clearing = await tx.query<{ total: string | null }>(
        `SELECT sum(po.amount) AS total FROM postings po JOIN ledger_accounts a
            ON a.tenant_id = po.tenant_id AND a.id = po.ledger_account_id
          WHERE po.tenant_id = $1 AND a.kind = 'gateway_clearing'`,
        [tenant],
      );
      const fromClearing = -Number(clearing[0]?.total ?? 0);
      const credited = payments.reduce((sum, p) => sum + Number(p.credited ?? 0), 0);
      const refundedBack = refunds.reduce((sum, r) => sum + (r.status === 'failed' ? 0 : Number(r.amount)), 0);
      if (fromClearing !== credited - refundedBack)
        problems.push(
          `${tenant}: clearing gave ${fromClearing}, payments credited ${credited} and refunds took back ${refundedBack}`,
        );
      for (const p of payments) {
        const taken = refunds.filter((r) => r.payment_id === p.id && r.status !== 'failed');
        const total = taken.reduce((sum, r) => sum + Number(r.amount), 0);
        if (total > Number(p.credited ?? 0))
          problems.push(`${tenant}: payment ${p.id} refunds ${total} of ${p.credited}`);
        const refunded = taken.filter((r) => r.status === 'completed').reduce((sum, r) => sum + Number(r.amount), 0);
        refundedOre += refunded;
        pendingRefundOre += total - refunded;
        if (p.provider_payment_id) ours.set(p.provider_payment_id, { credited: Number(p.credited ?? 0), refunded });
      }
      const outbox = await tx.query<{ id: string; payload: unknown }>(
        `SELECT id, payload FROM outbox WHERE tenant_id = $1 AND topic = 'email.send'`,
        [tenant],
      );
      for (const row of outbox) {
        let text: string;
        try {
          text = TEST_EMAIL_SEALER.open(row.payload, { tenantId: tenant, outboxId: row.id }).text;
        } catch {
          continue; // sealed by another app's key (a portal test app's): not a lib spec's receipt
        }
        for (const p of payments) if (text.includes(p.id)) receipts.set(p.id, (receipts.get(p.id) ?? 0) + 1);
      }
    });
  }
  if (provider) problems.push(...againstProvider(ours, provider));
  return {
    problems,
    balanceOf: (accountId) => balances.get(accountId) ?? 0,
    receiptsFor: (paymentId) => receipts.get(paymentId) ?? 0,
    clearedOre,
    refundedOre,
    pendingRefundOre,
  };
}

/** The tenant's refunds, each checked: debited once by its amount, reversed once exactly when it failed. */
async function refundsOf(tx: TenantTx, tenant: string, problems: string[]): Promise<RefundRow[]> {
  const movement = (key: string, column: string) => `
    (SELECT count(*) FROM ledger_transactions t WHERE t.tenant_id = r.tenant_id AND t.idempotency_key = '${key}:' || r.id) AS ${column}s,
    (SELECT sum(po.amount) FROM postings po JOIN payments p ON p.tenant_id = r.tenant_id AND p.id = r.payment_id
      WHERE po.tenant_id = r.tenant_id AND po.transaction_id = r.${column === 'debit' ? 'transaction_id' : 'reversal_transaction_id'}
        AND po.ledger_account_id = p.account_id) AS ${column === 'debit' ? 'debited' : 'reversed'}`;
  const rows = await tx.query<RefundRow>(
    `SELECT r.id, r.payment_id, r.amount, r.status, ${movement('refund', 'debit')}, ${movement('refund-reversal', 'reversal')}
       FROM payment_refunds r WHERE r.tenant_id = $1`,
    [tenant],
  );
  for (const r of rows) {
    const amount = Number(r.amount);
    if (Number(r.debits) !== 1 || Number(r.debited) !== -amount)
      problems.push(`${tenant}: refund ${r.id} has ${r.debits} debits of ${r.debited}, not one of -${amount}`);
    const failed = r.status === 'failed';
    if (Number(r.reversals) !== (failed ? 1 : 0) || Number(r.reversed ?? 0) !== (failed ? amount : 0))
      problems.push(`${tenant}: refund ${r.id} (${r.status}) has ${r.reversals} reversals of ${r.reversed}`);
  }
  return rows;
}

/** For each payment of ours the provider moved money for: charged = credited, refunded = our completed refunds. */
function againstProvider(
  ours: ReadonlyMap<string, { credited: number; refunded: number }>,
  provider: ProviderMovements,
): string[] {
  const sums = (movements: readonly ProviderMovement[]) => {
    const byPayment = new Map<string, number>();
    for (const m of movements)
      if (ours.has(m.payment)) byPayment.set(m.payment, (byPayment.get(m.payment) ?? 0) + m.amount);
    return byPayment;
  };
  const charged = sums(provider.charges);
  const refunded = sums(provider.refunds);
  const problems: string[] = [];
  for (const [payment, books] of ours) {
    const theirs = { charged: charged.get(payment) ?? 0, refunded: refunded.get(payment) ?? 0 };
    if (theirs.charged !== books.credited || theirs.refunded !== books.refunded)
      problems.push(
        `provider payment ${payment}: charged ${theirs.charged} and refunded ${theirs.refunded}, ` +
          `we credited ${books.credited} and completed refunds of ${books.refunded}`,
      );
  }
  return problems;
}

/**
 * tenant.yaml content (minimalTenantYaml) for a tenant taking card payments through Nexi at
 * `gatewayUrl` (the stand-in), with "Automatisk Optankning" under 50 kr.; its keys are read
 * from variables named after the slug, which testPaymentEnv fills.
 */
export function payingTenantYaml(
  slug: string,
  gatewayUrl: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const variable = slug.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return minimalTenantYaml(slug, {
    login: { method: 'email', selfSignUp: true },
    autoTopUp: { thresholdOre: 5000 },
    payments: {
      terms: 'Indbetalinger modtages af skolen.',
      nexi: {
        baseUrl: gatewayUrl,
        secretKeyEnv: `${variable}_NEXI_SECRET_KEY`,
        webhookAuthorizationEnv: `${variable}_NEXI_WEBHOOK_AUTHORIZATION`,
      },
    },
    ...overrides,
  });
}
