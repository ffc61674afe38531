import { Injectable } from '@nestjs/common';
import { CardholdersRepository } from '@kk/cardholders';
import type { TenantTx } from '@kk/database';
import { EmailOutbox } from '@kk/notifications';
import { TenantRegistry } from '@kk/tenancy';
import type { PaymentEntity } from '../entities';
import type { ProviderPaymentState } from '../gateway/payment-gateway';

/**
 * What else happens, in the settlement's own transaction, when a payment ends: the receipt
 * e-mail of a deposit (through the outbox, so it goes exactly when the credit commits).
 * Card registrations and top-ups add theirs here as they are built.
 */
@Injectable()
export class SettlementEffects {
  constructor(
    private readonly outbox: EmailOutbox,
    private readonly holders: CardholdersRepository,
    private readonly tenants: TenantRegistry,
  ) {}

  async onCompleted(
    tx: TenantTx,
    payment: PaymentEntity,
    state: Extract<ProviderPaymentState, { status: 'completed' }>,
  ): Promise<void> {
    if (payment.purpose !== 'deposit' || !payment.receiptEmail) return;
    const tenant = this.tenants.require(tx.tenantId);
    await this.outbox.enqueue(tx, tenant, payment.receiptEmail, 'deposit-receipt', tenant.locale.default, {
      amount: state.chargedAmount,
      paidAt: payment.settledAt ?? new Date(),
      method: payment.provider === 'mobilepay' ? 'mobilepay' : 'card',
      maskedPan: payment.cardMaskedPan,
      accountHolderName: (await this.holders.nameOfAccountHolder(payment.accountId)) ?? tenant.productName,
      reference: payment.id,
    });
  }

  async onEnded(_tx: TenantTx, _payment: PaymentEntity): Promise<void> {
    // A failed or cancelled deposit needs no e-mail: the parent is on the status page.
  }
}
