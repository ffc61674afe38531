import type { DeclineReason } from '@kk/pos-authorization';
import { t, type Locale } from '@kk/texts';
import { formatKroner } from '@kk/web-kit';
import type { AccountFacts, CardOnFile, DeclinedPurchase, LimitPeriod } from './card-trouble.types';
import { limitAmount } from './wording';

/** Where the fix is done: Brugeroplysninger (block, card, limits, units) or Indbetal. */
export type FixAction = 'details' | 'deposit';

export interface DeclineExplanation {
  /** Why the till said no, in plain words. */
  readonly cause: string;
  /** What the parent can do about it, or that it is solved already. */
  readonly fix: string;
  readonly action: FixAction | null;
  /** Today's facts say the cause is gone (the card active again, the unit ticked, money put in). */
  readonly resolved: boolean;
}

/** The account as it is now, which a past decline is explained against. */
export interface AccountNow {
  readonly account: AccountFacts;
  /** The usable card (active or blocked); null when every card was replaced. */
  readonly currentCard: Pick<CardOnFile, 'cardNumber' | 'status'> | null;
  /** Every card number on the account, replaced ones too. */
  readonly cardNumbers: readonly string[];
}

type Explain = (decline: DeclinedPurchase, now: AccountNow, locale: Locale) => DeclineExplanation;

const LIMIT_OF: Record<'daily_limit_exceeded' | 'weekly_limit_exceeded' | 'monthly_limit_exceeded', LimitPeriod> = {
  daily_limit_exceeded: 'day',
  weekly_limit_exceeded: 'week',
  monthly_limit_exceeded: 'month',
};

function limitReached(reason: keyof typeof LIMIT_OF): Explain {
  return (_decline, now, locale) => {
    const limit = now.account.limits[LIMIT_OF[reason]];
    if (limit === null) {
      // The log keeps the decision, not the limit it was made under; that limit is gone now.
      return {
        cause: t(locale, `cardTrouble.cause.${reason}.gone`),
        fix: t(locale, 'cardTrouble.fix.limit.gone'),
        action: null,
        resolved: true,
      };
    }
    return {
      cause: t(locale, `cardTrouble.cause.${reason}`, { limit: limitAmount(limit) }),
      fix: t(locale, `cardTrouble.fix.${reason}`),
      action: 'details',
      resolved: false,
    };
  };
}

/** One explanation per contract reason: a reason added to the contract does not compile until it is explained. */
const EXPLAIN: Record<DeclineReason, Explain> = {
  card_unknown: (decline, now, locale) => {
    const linked = now.currentCard?.cardNumber === decline.cardNumber;
    const replacedSince = !linked && now.cardNumbers.includes(decline.cardNumber);
    return {
      cause: t(locale, 'cardTrouble.cause.card_unknown', { card: decline.cardNumber }),
      fix: linked
        ? t(locale, 'cardTrouble.fix.card_unknown.linked')
        : replacedSince
          ? replacedFix(now, locale)
          : t(locale, 'cardTrouble.fix.card_unknown'),
      action: linked || replacedSince ? null : 'details',
      resolved: linked,
    };
  },
  card_replaced: (decline, now, locale) => ({
    cause: t(locale, 'cardTrouble.cause.card_replaced', { card: decline.cardNumber }),
    fix: replacedFix(now, locale),
    action: null,
    resolved: false,
  }),
  card_blocked: (_decline, now, locale) => {
    const stillBlocked = now.currentCard?.status === 'blocked';
    return {
      cause: t(locale, 'cardTrouble.cause.card_blocked'),
      fix: t(locale, stillBlocked ? 'cardTrouble.fix.card_blocked' : 'cardTrouble.fix.card_blocked.resolved'),
      action: stillBlocked ? 'details' : null,
      resolved: !stillBlocked,
    };
  },
  device_not_allowed: (decline, now, locale) => {
    const { restricted, allowed } = now.account.units;
    const allowedNow = !restricted || allowed.some((unit) => unit.id === decline.unitId);
    const unit = decline.unitName;
    return {
      cause: t(locale, 'cardTrouble.cause.device_not_allowed', { unit }),
      fix: allowedNow
        ? t(locale, 'cardTrouble.fix.device_not_allowed.resolved', { unit })
        : t(locale, 'cardTrouble.fix.device_not_allowed', { unit }),
      action: allowedNow ? null : 'details',
      resolved: allowedNow,
    };
  },
  daily_limit_exceeded: limitReached('daily_limit_exceeded'),
  weekly_limit_exceeded: limitReached('weekly_limit_exceeded'),
  monthly_limit_exceeded: limitReached('monthly_limit_exceeded'),
  insufficient_funds: (decline, now, locale) => {
    const enoughNow = now.account.balance >= decline.amount;
    return {
      cause: t(locale, 'cardTrouble.cause.insufficient_funds', {
        balance: formatKroner(decline.balanceAt ?? 0),
        amount: formatKroner(decline.amount),
      }),
      fix: enoughNow
        ? t(locale, 'cardTrouble.fix.insufficient_funds.resolved', { balance: formatKroner(now.account.balance) })
        : t(locale, 'cardTrouble.fix.insufficient_funds'),
      action: enoughNow ? null : 'deposit',
      resolved: enoughNow,
    };
  },
};

function replacedFix(now: AccountNow, locale: Locale): string {
  return now.currentCard
    ? t(locale, 'cardTrouble.fix.card_replaced.current', { current: now.currentCard.cardNumber })
    : t(locale, 'cardTrouble.fix.card_replaced');
}

/**
 * A declined purchase in the parent's words: its actual reason from the till's log, and the
 * fix, judged against the account as it is now (a card since unblocked is said to work).
 */
export function explainDecline(decline: DeclinedPurchase, now: AccountNow, locale: Locale): DeclineExplanation {
  return EXPLAIN[decline.reason](decline, now, locale);
}
