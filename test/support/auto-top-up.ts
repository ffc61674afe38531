import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { loginIdOf, type LoginCaller } from '@kk/identity';
import { AutoTopUpService, type PaymentPageUrls, type PaymentPurpose } from '@kk/payments';
import { PosAuthorizationService, type PurchaseResponse, type Till } from '@kk/pos-authorization';
import type { TenantConfig } from '@kk/tenancy';
import { payOnHostedPage } from './gateway';
import { signUp } from './identity-context';
import type { LibTestContext } from './lib-context';
import { createPerson, type TestPerson } from './people';
import { createTill } from './pos-factories';

/**
 * "Automatisk Optankning" for every tier's specs: a parent with an agreement on a stored card,
 * a till that sells to the pupil (the real pos_purchase, which writes the low-balance event),
 * and what the database and the stand-in hold of the top-ups afterwards.
 */

/** Where the provider's page sends the parent back to; nothing listens (no webhooks arrive). */
export const TEST_PAGE_URLS: PaymentPageUrls = {
  returnUrl: (id) => `https://portal.example/optankning/${id}`,
  cancelUrl: (id) => `https://portal.example/optankning/${id}?afbrudt=1`,
  termsUrl: 'https://portal.example/handelsbetingelser',
  webhookUrl: () => 'http://127.0.0.1:9/hooks',
};

export interface TopUpParent {
  readonly caller: LoginCaller;
  readonly person: TestPerson;
  /** The agreement's card at the provider (Nexi's unscheduledSubscriptionId). */
  readonly storedCardId: string;
}

export interface AgreementOptions {
  /** The pupil's balance before, in øre. */
  readonly balance: number;
  /** The agreement's amount in kroner, as the parent types it; default 200. */
  readonly amount?: string;
  /** Default the stand-in's approved Visa (TEST_CARDS.visa). */
  readonly cardNumber?: string;
}

/**
 * A signed-up parent whose pupil has an active agreement: the card stored on Nexi's page
 * (amount 0, "Gennemfør Betaling") and activated on the provider's word. `lib` holds the
 * payments services (startPaymentsTestContext) for a tenant pointed at the stand-in.
 */
export async function parentWithAgreement(
  lib: LibTestContext,
  ds: DataSource,
  tenant: TenantConfig,
  options: AgreementOptions,
): Promise<TopUpParent> {
  const topUps = lib.get(AutoTopUpService);
  const person = await createPerson(ds, tenant.slug, { balance: options.balance });
  const { loginId } = await signUp(lib, tenant.slug, person);
  const caller = { tenantId: tenant.slug, loginId: loginIdOf(loginId) };
  const form = { amount: options.amount ?? '200', termsAccepted: true };
  const started = await topUps.start(caller, tenant, person.accountId, form, TEST_PAGE_URLS);
  if (started.kind !== 'redirect') throw new Error(`agreement: ${started.kind}`);
  const stored = await payOnHostedPage(started.url, { cardNumber: options.cardNumber ?? '4925000000000004' });
  if (stored.status !== 303) throw new Error(`the card page answered ${stored.status}`);
  const outcome = await topUps.registrationOutcome(caller, started.paymentId);
  if (outcome !== 'activated') throw new Error(`agreement: ${outcome}`);
  const [agreement] = await inTenant(ds, tenant.slug, (tx) =>
    tx.query<{ stored_card_id: string }>(
      `SELECT stored_card_id FROM top_up_agreements WHERE tenant_id = $1 AND account_id = $2 AND status = 'active'`,
      [tenant.slug, person.accountId],
    ),
  );
  if (!agreement) throw new Error('agreement: none active');
  return { caller, person, storedCardId: agreement.stored_card_id };
}

export interface TestCheckout {
  readonly till: Till;
  /** One purchase with a fresh idempotency key; throws on a reused key. */
  buy(person: Pick<TestPerson, 'cardNumber'>, amount: number): Promise<PurchaseResponse>;
}

/** A till of the tenant selling through PosAuthorizationService (pos_purchase) with the tenant's threshold. */
export async function testCheckout(ds: DataSource, tenant: TenantConfig): Promise<TestCheckout> {
  const created = await createTill(ds, tenant.slug);
  const till: Till = { tenantId: tenant.slug, tillId: created.tillId, unitId: created.unitId, name: 'Kantinen' };
  const pos = new PosAuthorizationService(
    { query: <T>(sql: string, params?: unknown[]) => ds.query<T[]>(sql, params) },
    { lowBalanceThreshold: () => tenant.autoTopUp.thresholdOre },
  );
  return {
    till,
    buy: async (person, amount) => {
      const outcome = await pos.purchase(till, {
        idempotencyKey: `top-up-${randomUUID()}`,
        cardNumber: person.cardNumber,
        amount,
        description: 'Frokost',
      });
      if (outcome.kind === 'key_reused') throw new Error('key reused');
      return outcome.response;
    },
  };
}

export interface LowBalanceEvent {
  readonly id: string;
  readonly payload: { accountId: string; purchaseId: string; balance: number };
  readonly sent: boolean;
  readonly processed: boolean;
}

/** The low-balance events the purchases of this account wrote, oldest first. */
export function lowBalanceEvents(ds: DataSource, tenantId: string, accountId: string): Promise<LowBalanceEvent[]> {
  return inTenant(ds, tenantId, (tx) =>
    tx.query<LowBalanceEvent>(
      `SELECT id, payload, sent_at IS NOT NULL AS sent, processed_at IS NOT NULL AS processed
         FROM outbox WHERE tenant_id = $1 AND topic = 'wallet.low_balance' AND payload->>'accountId' = $2
        ORDER BY created_at, id`,
      [tenantId, accountId],
    ),
  );
}

export interface TopUpRow {
  readonly id: string;
  readonly accountId: string;
  readonly status: string;
  readonly amount: number;
}

/** Every payment of the tenant for this purpose, oldest first. */
export async function paymentsFor(ds: DataSource, tenantId: string, purpose: PaymentPurpose): Promise<TopUpRow[]> {
  const rows = await inTenant(ds, tenantId, (tx) =>
    tx.query<{ id: string; account_id: string; status: string; amount: string }>(
      `SELECT id, account_id, status, amount FROM payments
        WHERE tenant_id = $1 AND purpose = $2 ORDER BY created_at, id`,
      [tenantId, purpose],
    ),
  );
  return rows.map((row) => ({ id: row.id, accountId: row.account_id, status: row.status, amount: Number(row.amount) }));
}

/** Every top-up payment of the tenant, oldest first. */
export const topUpPayments = (ds: DataSource, tenantId: string): Promise<TopUpRow[]> =>
  paymentsFor(ds, tenantId, 'top_up');

/** The part of the stand-in's ledger (sim.controls.ledger()) this needs, so support does not import the sim. */
interface ChargeEntry {
  readonly amount: number;
  readonly unscheduledSubscriptionId?: string;
}

/** How many charges, and how many øre, the stand-in made on each stored card. */
export function chargesByStoredCard(charges: readonly ChargeEntry[]): Map<string, { count: number; ore: number }> {
  const byCard = new Map<string, { count: number; ore: number }>();
  for (const charge of charges) {
    if (!charge.unscheduledSubscriptionId) continue;
    const seen = byCard.get(charge.unscheduledSubscriptionId) ?? { count: 0, ore: 0 };
    byCard.set(charge.unscheduledSubscriptionId, { count: seen.count + 1, ore: seen.ore + charge.amount });
  }
  return byCard;
}
