import { ALERT_QUIET_HOURS, decideAlert, type AlertFacts } from './alert-rule';

const HOUR = 60 * 60 * 1000;
const first = new Date('2026-03-02T11:00:00Z');
const later = (hours: number) => new Date(first.getTime() + hours * HOUR);

/** A purchase leaving 40 kr. against an alert at 50 kr., alerted 47 hours ago, not re-armed. */
const base: AlertFacts = {
  below: 5_000,
  balanceAfter: 4_000,
  purchasedAt: later(47),
  lastAlertAt: first,
  highestSinceLastAlert: 4_500,
};

describe('decideAlert: at most one e-mail per 48 hours, unless a deposit lifted the balance again', () => {
  it.each<[string, Partial<AlertFacts>, ReturnType<typeof decideAlert>]>([
    ['the first purchase under the amount', { lastAlertAt: null, highestSinceLastAlert: null }, 'send'],
    ['a second purchase within 48 hours', {}, 'quiet'],
    ['a purchase just before 48 hours are up', { purchasedAt: new Date(later(48).getTime() - 1) }, 'quiet'],
    ['a purchase 48 hours after the last alert', { purchasedAt: later(48) }, 'send'],
    ['a deposit lifted it to exactly the amount since', { highestSinceLastAlert: 5_000 }, 'send'],
    ['a deposit lifted it above the amount since', { highestSinceLastAlert: 20_000 }, 'send'],
    ['a deposit that stayed under the amount', { highestSinceLastAlert: 4_999 }, 'quiet'],
    ['a balance exactly at the amount is not under it', { balanceAfter: 5_000, lastAlertAt: null }, 'notBelow'],
    ['a balance over the amount (an event for the top-up or a higher alert)', { balanceAfter: 9_000 }, 'notBelow'],
    ['the last alert’s own event again', { purchasedAt: first }, 'stale'],
    ['an event older than the last alert', { purchasedAt: later(-1), highestSinceLastAlert: 20_000 }, 'stale'],
  ])('%s', (_case, over, expected) => {
    expect(decideAlert({ ...base, ...over })).toBe(expected);
  });

  it('waits exactly ALERT_QUIET_HOURS', () => {
    expect(ALERT_QUIET_HOURS).toBe(48);
  });

  it('decides the same facts the same way every time (a redelivered job)', () => {
    const facts = { ...base, highestSinceLastAlert: 6_000 };
    expect([decideAlert(facts), decideAlert(facts)]).toEqual(['send', 'send']);
  });
});
