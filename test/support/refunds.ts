import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { loginIdOf, type LoginCaller } from '@kk/identity';
import { DepositService } from '@kk/payments';
import type { TenantConfig } from '@kk/tenancy';
import { TEST_PAGE_URLS } from './auto-top-up';
import { answerOnPhone, payOnHostedPage } from './gateway';
import { signUp } from './identity-context';
import type { LibTestContext } from './lib-context';
import { createPerson, uniqueCardNumber, type TestPerson } from './people';

/** Refunds for every tier's specs: a deposit the provider has charged and we credited, and our refund rows. */

export interface CompletedDeposit {
  readonly paymentId: string;
  /** Nexi's paymentId, or MobilePay's reference (our payment id). */
  readonly providerPaymentId: string;
  readonly person: TestPerson;
  readonly caller: LoginCaller;
}

export interface CompletedDepositOptions {
  /** Whole kroner, as the parent types it. */
  readonly kroner: string;
  readonly method?: 'card' | 'mobilepay';
  /** The pupil's card; a Gladsaxe copy needs one of letters and digits (see gladsaxeCardNumber). */
  readonly cardNumber?: string;
}

/** A canteen-card number of letters and digits, as Gladsaxe's are, unique in the suite. */
export const gladsaxeCardNumber = (): string => `GLX${uniqueCardNumber().slice(0, 12)}`;

/**
 * A Luhn-valid Visa number of its own, which the stand-in approves: the same card and amount
 * twice within 10 minutes would be refused there ("Identisk Transaktion").
 */
export function uniqueVisa(): string {
  const digits = `4${Array.from({ length: 14 }, () => randomInt(10)).join('')}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

/**
 * "Indbetal" by a signed-up parent, paid on the provider's page (a card of its own, or the
 * phone's "Godkend") and read back completed, so the wallet holds it. `lib` holds the payments
 * services (startPaymentsTestContext) for a tenant pointed at the stand-in.
 */
export async function completedDeposit(
  lib: LibTestContext,
  ds: DataSource,
  tenant: TenantConfig,
  options: CompletedDepositOptions,
): Promise<CompletedDeposit> {
  const person = await createPerson(ds, tenant.slug, { cardNumber: options.cardNumber });
  const { loginId } = await signUp(lib, tenant.slug, person);
  const caller = { tenantId: tenant.slug, loginId: loginIdOf(loginId) };
  const deposits = lib.get(DepositService);
  const method = options.method ?? 'card';
  const form = {
    method,
    amount: options.kroner,
    receiptEmail: 'mor@example.dk',
    termsAccepted: true,
    confirmRepeat: false,
  };
  const started = await deposits.start(caller, tenant, person.accountId, form, TEST_PAGE_URLS);
  if (started.kind !== 'redirect') throw new Error(`deposit: expected a redirect, got ${started.kind}`);
  const paid =
    method === 'card'
      ? await payOnHostedPage(started.url, { cardNumber: uniqueVisa() })
      : await answerOnPhone(started.url, 'approve');
  if (paid.status !== 303) throw new Error(`the provider's page answered ${paid.status}`);
  const status = (await deposits.status(caller, started.paymentId))?.status;
  if (status !== 'completed') throw new Error(`deposit: ${status}`);
  const [row] = await inTenant(ds, tenant.slug, (tx) =>
    tx.query<{ provider_payment_id: string }>(
      `SELECT provider_payment_id FROM payments WHERE tenant_id = $1 AND id = $2`,
      [tenant.slug, started.paymentId],
    ),
  );
  if (!row) throw new Error('deposit: no row');
  return { paymentId: started.paymentId, providerPaymentId: row.provider_payment_id, person, caller };
}

export interface RefundRow {
  readonly id: string;
  readonly amount: number;
  readonly status: string;
  readonly failure: string | null;
  readonly requestedBy: string;
  readonly providerRefundId: string | null;
}

/** The payment's refunds, oldest first. */
export async function refundsOfPayment(ds: DataSource, tenantId: string, paymentId: string): Promise<RefundRow[]> {
  const rows = await inTenant(ds, tenantId, (tx) =>
    tx.query<{
      id: string;
      amount: string;
      status: string;
      failure: string | null;
      requested_by: string;
      provider_refund_id: string | null;
    }>(
      `SELECT id, amount, status, failure, requested_by, provider_refund_id FROM payment_refunds
        WHERE tenant_id = $1 AND payment_id = $2 ORDER BY created_at, id`,
      [tenantId, paymentId],
    ),
  );
  return rows.map((row) => ({
    id: row.id,
    amount: Number(row.amount),
    status: row.status,
    failure: row.failure,
    requestedBy: row.requested_by,
    providerRefundId: row.provider_refund_id,
  }));
}
