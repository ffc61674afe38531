import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TenantRepository } from '@kk/tenant-transactions';
import { TopUpAgreementEntity } from '../entities';
import type { StoredCardDetails } from '../gateway/payment-gateway';

/** "Automatisk Optankning" agreements of the active tenant transaction's tenant. */
@Injectable()
export class TopUpAgreementsRepository extends TenantRepository<TopUpAgreementEntity> {
  constructor() {
    super(TopUpAgreementEntity);
  }

  async createAwaitingCard(accountId: string, loginId: string, amount: number): Promise<TopUpAgreementEntity> {
    return this.repo.save(
      this.repo.create({ tenantId: this.tenantId, accountId, loginId, amount, status: 'awaiting_card' }),
      { reload: true },
    );
  }

  findById(id: string): Promise<TopUpAgreementEntity | null> {
    return this.repo.findOneBy({ tenantId: this.tenantId, id });
  }

  /**
   * The account's one active agreement, locked (FOR NO KEY UPDATE: rows that merely point at it,
   * a top-up's payment, may still be written meanwhile): a top-up and a cancel do not cross.
   */
  lockActive(accountId: string): Promise<TopUpAgreementEntity | null> {
    return this.repo
      .createQueryBuilder('agreement')
      .where('agreement.tenant_id = :tenant AND agreement.account_id = :accountId AND agreement.status = :active', {
        tenant: this.tenantId,
        accountId,
        active: 'active',
      })
      .setLock('for_no_key_update')
      .getOne();
  }

  findActive(accountId: string): Promise<TopUpAgreementEntity | null> {
    return this.repo.findOneBy({ tenantId: this.tenantId, accountId, status: 'active' });
  }

  /** The stored card takes over: the account's earlier agreement, if any, is replaced. */
  async activate(agreementId: string, accountId: string, card: StoredCardDetails & { storedCardId: string }) {
    const now = new Date();
    await this.repo.update(
      { tenantId: this.tenantId, accountId, status: 'active' },
      { status: 'replaced', endedAt: now },
    );
    await this.repo.update(
      { tenantId: this.tenantId, id: agreementId, status: 'awaiting_card' },
      {
        status: 'active',
        storedCardId: card.storedCardId,
        cardMaskedPan: card.maskedPan ?? null,
        cardExpiry: card.expiry && /^[0-9]{4}$/.test(card.expiry) ? card.expiry : null,
        cardBrand: card.brand ?? null,
        activatedAt: now,
      },
    );
  }

  async end(agreementId: string, status: 'cancelled' | 'abandoned'): Promise<void> {
    await this.repo.update(
      { tenantId: this.tenantId, id: agreementId, status: In(['awaiting_card', 'active']) },
      { status, endedAt: new Date() },
    );
  }
}
