import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@kk/tenant-transactions';
import { PaymentEventEntity } from '../entities';
import type { ProviderName } from '../gateway/payment-gateway';

/** The audit trail of accepted provider events. */
@Injectable()
export class PaymentEventsRepository extends TenantRepository<PaymentEventEntity> {
  constructor() {
    super(PaymentEventEntity);
  }

  /** Keeps the first delivery of an event; a duplicate adds nothing. */
  async recordOnce(
    provider: ProviderName,
    eventId: string,
    eventName: string,
    paymentId: string | null,
  ): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .values({
        tenantId: this.tenantId,
        provider,
        eventId: eventId.slice(0, 200),
        eventName: eventName.slice(0, 100),
        paymentId,
      })
      .orIgnore()
      .execute();
  }
}
