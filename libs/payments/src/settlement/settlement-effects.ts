import { Injectable } from '@nestjs/common';
import { CardholdersRepository } from '@kk/cardholders';
import type { TenantTx } from '@kk/database';
import { LoginsRepository } from '@kk/identity';
import { EmailOutbox, type TopUpFailureReason } from '@kk/notifications';
import { TenantRegistry } from '@kk/tenancy';
import type { PaymentEntity } from '../entities';
import type { ProviderPaymentState } from '../gateway/payment-gateway';
import { PaymentsRepository } from '../payments.repository';
import { TopUpAgreementsRepository } from '../top-up/top-up-agreements.repository';

const TOP_UP_FAILURES: readonly string[] = [
  'card_expired',
  'card_blocked',
  'no_funds',
  'declined',
  'canteen_card_blocked',
];
/** A card that keeps failing fails at every purchase: the parent hears of it once a day. */
const FAILURE_NOTICE_EVERY_MS = 24 * 60 * 60_000;

function isTopUpFailure(value: string | null): value is TopUpFailureReason {
  return value !== null && TOP_UP_FAILURES.includes(value);
}

/**
 * What else happens, in the settlement's own transaction, when a payment ends: a deposit's
 * receipt, a stored card activating its agreement, a failed top-up's notice to the parent.
 * E-mails go through the outbox, so they leave exactly when the settlement commits.
 */
@Injectable()
export class SettlementEffects {
  constructor(
    private readonly outbox: EmailOutbox,
    private readonly holders: CardholdersRepository,
    private readonly logins: LoginsRepository,
    private readonly agreements: TopUpAgreementsRepository,
    private readonly payments: PaymentsRepository,
    private readonly tenants: TenantRegistry,
  ) {}

  async onCompleted(
    tx: TenantTx,
    payment: PaymentEntity,
    state: Extract<ProviderPaymentState, { status: 'completed' }>,
  ): Promise<void> {
    if (payment.purpose === 'card_registration' && payment.agreementId) {
      const storedCardId = state.card?.storedCardId;
      if (storedCardId)
        await this.agreements.activate(payment.agreementId, payment.accountId, { ...state.card, storedCardId });
      else await this.agreements.end(payment.agreementId, 'abandoned');
      return;
    }
    if (payment.purpose !== 'deposit' || !payment.receiptEmail) return;
    const tenant = this.tenants.require(tx.tenantId);
    await this.outbox.enqueue(tx, tenant, payment.receiptEmail, 'deposit-receipt', tenant.locale.default, {
      amount: state.chargedAmount,
      paidAt: payment.settledAt ?? new Date(),
      method: payment.provider === 'mobilepay' ? 'mobilepay' : 'card',
      maskedPan: payment.cardMaskedPan,
      accountHolderName: await this.holderName(payment.accountId, tenant.productName),
      reference: payment.id,
    });
  }

  async onEnded(tx: TenantTx, payment: PaymentEntity): Promise<void> {
    if (payment.purpose === 'card_registration' && payment.agreementId) {
      await this.agreements.end(payment.agreementId, 'abandoned');
      return;
    }
    // A failed or cancelled deposit needs no e-mail: the parent is on the status page.
    if (payment.purpose !== 'top_up' || payment.status !== 'failed' || !isTopUpFailure(payment.failure)) return;
    const agreement = payment.agreementId ? await this.agreements.findById(payment.agreementId) : null;
    if (!agreement) return;
    const since = new Date(Date.now() - FAILURE_NOTICE_EVERY_MS);
    if (await this.payments.hasOtherFailedTopUp(agreement.id, payment.id, since)) return;
    const to = await this.logins.emailOf(agreement.loginId);
    if (!to) return; // A MitID login without an email: the tab shows the failure instead.
    const tenant = this.tenants.require(tx.tenantId);
    await this.outbox.enqueue(tx, tenant, to, 'top-up-failed', tenant.locale.default, {
      amount: payment.amount,
      failedAt: new Date(),
      reason: payment.failure,
      maskedPan: agreement.cardMaskedPan,
      accountHolderName: await this.holderName(payment.accountId, tenant.productName),
    });
  }

  private async holderName(accountId: string, fallback: string): Promise<string> {
    return (await this.holders.nameOfAccountHolder(accountId)) ?? fallback;
  }
}
