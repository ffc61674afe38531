import type { CardStatus } from '@kk/cardholders';
import type { DeclineReason } from '@kk/pos-authorization';

/** The three limit periods, as the POS counts them (spendingPeriods). */
export type LimitPeriod = 'day' | 'week' | 'month';

/** Øre per period; null: no limit. */
export type SpendingLimits = Readonly<Record<LimitPeriod, number | null>>;

/** Øre spent (approved, not reversed) since each period's start. */
export type SpendingSoFar = Readonly<Record<LimitPeriod, number>>;

export interface AllowedUnit {
  readonly id: string;
  readonly name: string;
}

/** The account as the till decides on it now. */
export interface AccountFacts {
  readonly holderName: string;
  readonly limits: SpendingLimits;
  /** Øre. */
  readonly balance: number;
  /** With `restricted`, the card pays only in `allowed`. */
  readonly units: { readonly restricted: boolean; readonly allowed: readonly AllowedUnit[] };
}

/** A card number on the account: the usable one (active or blocked) and the replaced ones. */
export interface CardOnFile {
  readonly cardNumber: string;
  readonly status: CardStatus;
  /** When it was put on the account. */
  readonly createdAt: Date;
  /** Its last purchase request at a till, approved or declined; null if never. */
  readonly lastSeenAt: Date | null;
}

/** The last card number a till saw for this account, where and when. */
export interface TillSighting {
  readonly cardNumber: string;
  readonly at: Date;
  readonly tillName: string;
  readonly unitName: string;
}

/** One declined purchase from the till's log. */
export interface DeclinedPurchase {
  readonly id: string;
  readonly at: Date;
  /** Øre asked for. */
  readonly amount: number;
  readonly reason: DeclineReason;
  readonly cardNumber: string;
  /** The balance when it was declined (øre); null for an unknown card. */
  readonly balanceAt: number | null;
  readonly unitId: string;
  readonly tillName: string;
  readonly unitName: string;
}

/** Everything the page shows, as facts; card-checklist.ts and decline-explanation.ts put it in words. */
export interface CardTroubleFacts {
  readonly accountId: string;
  readonly account: AccountFacts;
  /** The usable card first, then the replaced ones, newest first. */
  readonly cards: readonly CardOnFile[];
  readonly lastSighting: TillSighting | null;
  readonly spent: SpendingSoFar;
  readonly declines: readonly DeclinedPurchase[];
}
