import { Injectable } from '@nestjs/common';
import type { TenantConfig } from '@kk/tenancy';
import { SettingsCardsRepository } from './account-settings.repositories';
import type { AttemptBudget, BlockFieldError, SettingsCaller, SettingsOutcome } from './account-settings.types';
import { checkNewCardNumber, type CardNumberFieldError } from './rules/card-number-change';
import { invalid, NOT_FOUND, SAVED, SettingsChanges, UNCHANGED } from './settings-changes';

/** Thrown inside the change so that its transaction (the old card's retirement too) rolls back. */
class CardNumberTakenMeanwhile extends Error {}

/**
 * "Kortoplysninger": "Spær kort" / "Aktiver kort", and a new card number where the tenant lets
 * the parent link one (seed 000). The till reads the card's row on every purchase, so either
 * change holds from the next purchase on: no 15 minutes as at cPOS.
 */
@Injectable()
export class CardSettingsService {
  constructor(
    private readonly changes: SettingsChanges,
    private readonly cards: SettingsCardsRepository,
  ) {}

  /** The button says what it does ("Spær kort" posts blocked: true), so a repeated post changes nothing. */
  setBlocked(caller: SettingsCaller, accountId: string, blocked: boolean): Promise<SettingsOutcome<BlockFieldError>> {
    return this.changes.within(caller, accountId, async (account) => {
      const card = account.card;
      if (!card) return invalid<BlockFieldError>({ field: 'block', reason: 'noCard' });
      const status = blocked ? 'blocked' : 'active';
      if (card.status === status) return UNCHANGED;
      await this.cards.setStatus(card.cardNumber, status);
      await this.changes.record(caller, accountId, {
        action: blocked ? 'card_blocked' : 'card_unblocked',
        before: { cardNumber: card.cardNumber, status: card.status },
        after: { cardNumber: card.cardNumber, status },
      });
      return SAVED;
    });
  }

  /**
   * The new number, exactly the tenant's pattern, becomes the account's active card and the
   * old one `replaced` (declined card_replaced), with the account locked. A number the tenant
   * knows on any card is refused without saying whose; each lookup spends the login's budget.
   */
  async changeCardNumber(
    caller: SettingsCaller,
    tenant: TenantConfig,
    accountId: string,
    typed: string,
    budget: AttemptBudget,
  ): Promise<SettingsOutcome<CardNumberFieldError>> {
    if (!tenant.features.cardNumberChange || !(await this.changes.canAccess(caller, accountId))) return NOT_FOUND;
    const form = checkNewCardNumber(typed, tenant.cardNumber, null);
    if (!form.ok) return invalid(form.error);
    const refuse = (reason: CardNumberFieldError['reason']) =>
      invalid<CardNumberFieldError>({ field: 'cardNumber', reason });
    try {
      return await this.changes.within(caller, accountId, async (account) => {
        const before = account.card;
        if (before?.cardNumber === form.cardNumber) return refuse('same');
        if (!(await budget.take())) return refuse('tooManyAttempts');
        if (await this.cards.isKnown(form.cardNumber)) return refuse('unavailable');
        await this.cards.retireUsable(accountId);
        if (!(await this.cards.insertActive(accountId, form.cardNumber))) throw new CardNumberTakenMeanwhile();
        await this.changes.record(caller, accountId, {
          action: 'card_number_changed',
          before: { cardNumber: before?.cardNumber ?? null, status: before?.status ?? null },
          after: { cardNumber: form.cardNumber, status: 'active' },
        });
        return SAVED;
      });
    } catch (error) {
      if (error instanceof CardNumberTakenMeanwhile) return refuse('unavailable');
      throw error;
    }
  }
}
