import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@kk/tenant-transactions';
import { CardEntity } from './entities/card.entity';
import { CardholderEntity } from './entities/cardholder.entity';

/** Cardholders of the active tenant transaction's tenant; by CPR only through its blind index. */
@Injectable()
export class CardholdersRepository extends TenantRepository<CardholderEntity> {
  constructor() {
    super(CardholderEntity);
  }

  async idByCprIndex(cprHmac: Buffer): Promise<string | undefined> {
    const found = await this.repo.findOne({ select: { id: true }, where: { tenantId: this.tenantId, cprHmac } });
    return found?.id;
  }

  /** The name of the person who holds the account (for receipts), never their CPR. */
  async nameOfAccountHolder(accountId: string): Promise<string | undefined> {
    const found = await this.repo
      .createQueryBuilder('holder')
      .select(['holder.name'])
      .innerJoin('accounts', 'account', 'account.tenant_id = holder.tenant_id AND account.cardholder_id = holder.id')
      .where('holder.tenant_id = :tenant AND account.id = :accountId', { tenant: this.tenantId, accountId })
      .getOne();
    return found?.name;
  }
}

/** Cards of the active tenant transaction's tenant. */
@Injectable()
export class CardsRepository extends TenantRepository<CardEntity> {
  constructor() {
    super(CardEntity);
  }

  /**
   * The proof that someone holds the card: the number is the active card of one of the
   * cardholder's accounts. A replaced (old) or blocked card proves nothing.
   */
  async isActiveCardOf(cardholderId: string, cardNumber: string): Promise<boolean> {
    const count = await this.repo
      .createQueryBuilder('card')
      .innerJoin('accounts', 'account', 'account.tenant_id = card.tenant_id AND account.id = card.account_id')
      .where('card.tenant_id = :tenant AND card.card_number = :cardNumber AND card.status = :active', {
        tenant: this.tenantId,
        cardNumber,
        active: 'active',
      })
      .andWhere('account.cardholder_id = :cardholderId', { cardholderId })
      .getCount();
    return count > 0;
  }

  /**
   * The card and its account, share-locked: a card blocked meanwhile waits for the caller's
   * transaction, or the caller sees it blocked.
   */
  async lockForUpdateOfBalance(cardNumber: string): Promise<Pick<CardEntity, 'accountId' | 'status'> | undefined> {
    const card = await this.repo
      .createQueryBuilder('card')
      .select(['card.accountId', 'card.status'])
      .where('card.tenant_id = :tenant AND card.card_number = :cardNumber', { tenant: this.tenantId, cardNumber })
      .setLock('pessimistic_read')
      .getOne();
    return card ?? undefined;
  }

  /** The account's usable card (active or blocked; at most one), share-locked like lockForUpdateOfBalance. */
  async currentCardOfAccount(accountId: string): Promise<Pick<CardEntity, 'cardNumber' | 'status'> | undefined> {
    const card = await this.repo
      .createQueryBuilder('card')
      .select(['card.cardNumber', 'card.status'])
      .where('card.tenant_id = :tenant AND card.account_id = :accountId AND card.status <> :replaced', {
        tenant: this.tenantId,
        accountId,
        replaced: 'replaced',
      })
      .setLock('pessimistic_read')
      .getOne();
    return card ?? undefined;
  }
}
