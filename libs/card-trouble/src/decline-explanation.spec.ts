import { DECLINE_REASONS, type DeclineReason } from '@kk/pos-authorization';
import { t } from '@kk/texts';
import type { AccountFacts, DeclinedPurchase } from './card-trouble.types';
import { explainDecline, type AccountNow, type DeclineExplanation } from './decline-explanation';

/**
 * Every decline reason of the contract (CONTRACTS.md, in its order), explained against the
 * account as it is now: still so (the fix, and where to do it) and solved since.
 */
const CAFE = { id: '6f1c3f0e-0000-4000-8000-00000000cafe', name: 'Caféen' };
const CANTEEN = { id: '6f1c3f0e-0000-4000-8000-0000000000ca', name: 'Kantinen' };

const account: AccountFacts = {
  holderName: 'Ida',
  limits: { day: 6000, week: 20000, month: 60000 },
  balance: 1200,
  units: { restricted: true, allowed: [CANTEEN] },
};

const now: AccountNow = {
  account,
  currentCard: { cardNumber: '1111222233334444', status: 'blocked' },
  cardNumbers: ['1111222233334444', '9999888877776666'],
};

function decline(reason: DeclineReason, over: Partial<DeclinedPurchase> = {}): DeclinedPurchase {
  return {
    id: 'p1',
    at: new Date('2025-03-12T11:05:00Z'),
    amount: 3500,
    reason,
    cardNumber: '1111222233334444',
    balanceAt: 1200,
    unitId: CAFE.id,
    tillName: 'Kasse 2',
    unitName: CAFE.name,
    ...over,
  };
}

/** The case where the cause still stands: what the page must say and link to. */
const STILL: Record<DeclineReason, { d: Partial<DeclinedPurchase>; expected: DeclineExplanation }> = {
  card_unknown: {
    d: { cardNumber: '5555000011112222', balanceAt: null },
    expected: {
      cause: 'Kassen kendte ikke kortnummeret 5555000011112222: det var ikke tilknyttet kontoen, da kortet blev brugt.',
      fix: 'Kontroller, at kortnummeret på kortet er det samme som under Brugeroplysninger.',
      action: 'details',
      resolved: false,
    },
  },
  card_replaced: {
    d: { cardNumber: '9999888877776666' },
    expected: {
      cause: 'Kortet 9999888877776666 er et gammelt kort, som ikke længere er tilknyttet kontoen.',
      fix: 'Det gamle kort er erstattet af et nyt; brug det nye kort (1111222233334444). Destruér det gamle kort.',
      action: null,
      resolved: false,
    },
  },
  card_blocked: {
    d: {},
    expected: {
      cause: 'Kortet var spærret.',
      fix: 'Kortet er spærret — tryk Aktiver kort under Brugeroplysninger.',
      action: 'details',
      resolved: false,
    },
  },
  device_not_allowed: {
    d: {},
    expected: {
      cause: 'Kortet må ikke bruges i Caféen.',
      fix: 'Skal kortet kunne bruges i Caféen, så sæt flueben ved enheden under Brugeroplysninger.',
      action: 'details',
      resolved: false,
    },
  },
  daily_limit_exceeded: {
    d: {},
    expected: {
      cause: 'Dagens grænse på 60\u00a0kr. er nået.',
      fix: 'Grænsen begynder forfra ved midnat. Du kan ændre den under Brugeroplysninger.',
      action: 'details',
      resolved: false,
    },
  },
  weekly_limit_exceeded: {
    d: {},
    expected: {
      cause: 'Ugens grænse på 200\u00a0kr. er nået.',
      fix: 'Grænsen begynder forfra hver mandag. Du kan ændre den under Brugeroplysninger.',
      action: 'details',
      resolved: false,
    },
  },
  monthly_limit_exceeded: {
    d: {},
    expected: {
      cause: 'Månedens grænse på 600\u00a0kr. er nået.',
      fix: 'Grænsen begynder forfra den 1. i hver måned. Du kan ændre den under Brugeroplysninger.',
      action: 'details',
      resolved: false,
    },
  },
  insufficient_funds: {
    d: { amount: 3500, balanceAt: 1200 },
    expected: {
      cause: 'Saldoen på 12,00\u00a0kr. var mindre end købet på 35,00\u00a0kr., så der var ikke penge nok på kortet.',
      fix: 'Sæt penge ind på kortet med Indbetal.',
      action: 'deposit',
      resolved: false,
    },
  },
};

/** The account changed since: the cause is gone (or, for an old card, the same advice). */
const SOLVED: Record<DeclineReason, { d: Partial<DeclinedPurchase>; now: AccountNow; fix: string; resolved: boolean }> =
  {
    card_unknown: {
      d: { cardNumber: '1111222233334444', balanceAt: null },
      now,
      fix: 'Kortet er tilknyttet kontoen nu, så kassen kender det.',
      resolved: true,
    },
    card_replaced: {
      d: { cardNumber: '9999888877776666' },
      now: { ...now, currentCard: null },
      fix: 'Det gamle kort er erstattet af et nyt; brug det nye kort. Destruér det gamle kort.',
      resolved: false,
    },
    card_blocked: {
      d: {},
      now: { ...now, currentCard: { cardNumber: '1111222233334444', status: 'active' } },
      fix: 'Kortet er aktiveret igen, så det virker nu.',
      resolved: true,
    },
    device_not_allowed: {
      d: {},
      now: { ...now, account: { ...account, units: { restricted: true, allowed: [CANTEEN, CAFE] } } },
      fix: 'Kortet må bruges i Caféen nu.',
      resolved: true,
    },
    daily_limit_exceeded: {
      d: {},
      now: { ...now, account: { ...account, limits: { ...account.limits, day: null } } },
      fix: 'Kontoen har ikke længere den grænse.',
      resolved: true,
    },
    weekly_limit_exceeded: {
      d: {},
      now: { ...now, account: { ...account, limits: { ...account.limits, week: null } } },
      fix: 'Kontoen har ikke længere den grænse.',
      resolved: true,
    },
    monthly_limit_exceeded: {
      d: {},
      now: { ...now, account: { ...account, limits: { ...account.limits, month: null } } },
      fix: 'Kontoen har ikke længere den grænse.',
      resolved: true,
    },
    insufficient_funds: {
      d: { amount: 3500, balanceAt: 1200 },
      now: { ...now, account: { ...account, balance: 3500 } },
      fix: 'Der er penge nok på kortet nu (saldo 35,00\u00a0kr.).',
      resolved: true,
    },
  };

describe('explainDecline', () => {
  it('covers exactly the contract’s decline reasons', () => {
    expect(Object.keys(STILL)).toEqual([...DECLINE_REASONS]);
    expect(Object.keys(SOLVED)).toEqual([...DECLINE_REASONS]);
  });

  it.each(DECLINE_REASONS)('%s: says the actual reason and the fix, in Danish', (reason) => {
    const { d, expected } = STILL[reason];
    expect(explainDecline(decline(reason, d), now, 'da')).toEqual(expected);
  });

  it.each(DECLINE_REASONS)('%s: judged against the account as it is now', (reason) => {
    const { d, now: changed, fix, resolved } = SOLVED[reason];
    const explained = explainDecline(decline(reason, d), changed, 'da');
    expect({ fix: explained.fix, resolved: explained.resolved }).toEqual({ fix, resolved });
    if (resolved) expect(explained.action).toBeNull();
  });

  it.each(DECLINE_REASONS)('%s: has an English wording too, never the Danish one', (reason) => {
    const da = explainDecline(decline(reason, STILL[reason].d), now, 'da');
    const en = explainDecline(decline(reason, STILL[reason].d), now, 'en');
    expect(en.cause).not.toBe(da.cause);
    expect(en.fix).not.toBe(da.fix);
    expect(en.action).toBe(da.action);
  });

  it('names an unknown card that was an old card of the account by the new card', () => {
    const explained = explainDecline(decline('card_unknown', { cardNumber: '9999888877776666' }), now, 'da');
    expect(explained.fix).toBe(t('da', 'cardTrouble.fix.card_replaced.current', { current: '1111222233334444' }));
    expect(explained.resolved).toBe(false);
  });

  it('counts a unit as allowed when the account is no longer restricted at all', () => {
    const open = { ...now, account: { ...account, units: { restricted: false, allowed: [] } } };
    expect(explainDecline(decline('device_not_allowed'), open, 'da').resolved).toBe(true);
  });

  it('keeps the øre of a limit that is not whole kroner', () => {
    const odd = { ...now, account: { ...account, limits: { ...account.limits, day: 6050 } } };
    expect(explainDecline(decline('daily_limit_exceeded'), odd, 'da').cause).toBe(
      'Dagens grænse på 60,50\u00a0kr. er nået.',
    );
  });
});
