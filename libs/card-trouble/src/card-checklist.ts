import { t, type Locale } from '@kk/texts';
import { formatKroner } from '@kk/web-kit';
import type { CardOnFile, CardTroubleFacts, LimitPeriod, TillSighting } from './card-trouble.types';
import type { FixAction } from './decline-explanation';
import { copenhagenTime, limitAmount, tillPlace } from './wording';

/** `problem`: this stops the card now; `info`: worth knowing, not wrong. */
export type CheckState = 'ok' | 'problem' | 'info';

export type CheckTopic = 'cardNumber' | 'blocked' | 'spending' | 'balance' | 'units';

/** One point of the seeds' checklist, answered for this account. */
export interface CheckItem {
  readonly topic: CheckTopic;
  readonly state: CheckState;
  readonly lines: readonly string[];
  readonly fix: string | null;
  readonly action: FixAction | null;
}

const PERIODS: readonly LimitPeriod[] = ['day', 'week', 'month'];

/** The usable card: at most one per account is not replaced. */
export function currentCardOf(cards: readonly CardOnFile[]): CardOnFile | null {
  return cards.find((card) => card.status !== 'replaced') ?? null;
}

function cardNumberCheck(current: CardOnFile | null, seen: TillSighting | null, locale: Locale): CheckItem {
  const item = { topic: 'cardNumber', action: null } as const;
  if (!current) {
    return {
      ...item,
      state: 'problem',
      lines: [t(locale, 'cardTrouble.card.none')],
      fix: t(locale, 'cardTrouble.card.noneFix'),
      action: 'details',
    };
  }
  const onFile = t(locale, 'cardTrouble.card.onFile', { card: current.cardNumber });
  if (!seen) return { ...item, state: 'ok', lines: [onFile, t(locale, 'cardTrouble.card.neverSeen')], fix: null };
  const when = copenhagenTime(seen.at, locale);
  const place = tillPlace(locale, seen.tillName, seen.unitName);
  if (seen.cardNumber === current.cardNumber) {
    return {
      ...item,
      state: 'ok',
      lines: [onFile, t(locale, 'cardTrouble.card.seenSame', { when, place })],
      fix: null,
    };
  }
  // A sighting from before this card was put on the account is the old card's last use, not a mistake.
  if (seen.at < current.createdAt) {
    return { ...item, state: 'ok', lines: [onFile, t(locale, 'cardTrouble.card.newNotSeen')], fix: null };
  }
  return {
    ...item,
    state: 'problem',
    lines: [onFile, t(locale, 'cardTrouble.card.seenOther', { seen: seen.cardNumber, when, place })],
    fix: t(locale, 'cardTrouble.card.seenOtherFix'),
  };
}

function blockedCheck(current: CardOnFile | null, locale: Locale): CheckItem | undefined {
  if (!current) return undefined;
  const blocked = current.status === 'blocked';
  return {
    topic: 'blocked',
    state: blocked ? 'problem' : 'ok',
    lines: [t(locale, blocked ? 'cardTrouble.blocked.yes' : 'cardTrouble.blocked.no')],
    fix: null,
    action: blocked ? 'details' : null,
  };
}

function spendingCheck(facts: CardTroubleFacts, locale: Locale): CheckItem {
  const { limits } = facts.account;
  const lines = PERIODS.map((period) => {
    const spent = formatKroner(facts.spent[period]);
    const limit = limits[period];
    return limit === null
      ? t(locale, `cardTrouble.spending.${period}`, { spent })
      : t(locale, `cardTrouble.spending.${period}OfLimit`, { spent, limit: limitAmount(limit) });
  });
  // Reached: the POS declines any purchase that would go over, and at the limit every one does.
  const reached = PERIODS.filter((period) => {
    const limit = limits[period];
    return limit !== null && facts.spent[period] >= limit;
  });
  const anyLimit = PERIODS.some((period) => limits[period] !== null);
  return {
    topic: 'spending',
    state: reached.length > 0 ? 'problem' : 'ok',
    lines: [
      ...lines,
      ...(anyLimit ? [] : [t(locale, 'cardTrouble.spending.noLimits')]),
      ...reached.map((period) =>
        t(locale, `cardTrouble.spending.reached.${period}`, { limit: limitAmount(limits[period] ?? 0) }),
      ),
    ],
    fix: anyLimit ? t(locale, 'cardTrouble.spending.fix') : null,
    action: anyLimit ? 'details' : null,
  };
}

function balanceCheck(balance: number, locale: Locale): CheckItem {
  const empty = balance <= 0;
  return {
    topic: 'balance',
    state: empty ? 'problem' : 'ok',
    lines: [
      empty
        ? t(locale, 'cardTrouble.balance.none')
        : t(locale, 'cardTrouble.balance.some', { balance: formatKroner(balance) }),
    ],
    fix: empty ? t(locale, 'cardTrouble.balance.fix') : null,
    action: 'deposit',
  };
}

function unitsCheck(facts: CardTroubleFacts, locale: Locale): CheckItem {
  const { restricted, allowed } = facts.account.units;
  if (!restricted) {
    return { topic: 'units', state: 'ok', lines: [t(locale, 'cardTrouble.units.all')], fix: null, action: null };
  }
  const names = allowed.map((unit) => unit.name).join(', ');
  return {
    topic: 'units',
    state: allowed.length === 0 ? 'problem' : 'info',
    lines: [
      allowed.length === 0
        ? t(locale, 'cardTrouble.units.none')
        : t(locale, 'cardTrouble.units.some', { units: names }),
    ],
    fix: t(locale, 'cardTrouble.units.fix'),
    action: 'details',
  };
}

/**
 * The seeds' "Sådan gør du hvis kortet ikke virker", each point answered from the account's
 * facts: the number on file against the last number a till saw, blocked or not, the spending
 * against the limits (the POS's own periods), the balance, the units the card may pay in.
 */
export function cardChecklist(facts: CardTroubleFacts, locale: Locale): CheckItem[] {
  const current = currentCardOf(facts.cards);
  const blocked = blockedCheck(current, locale);
  return [
    cardNumberCheck(current, facts.lastSighting, locale),
    ...(blocked ? [blocked] : []),
    spendingCheck(facts, locale),
    balanceCheck(facts.account.balance, locale),
    unitsCheck(facts, locale),
  ];
}
