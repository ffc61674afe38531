import type { CardOnFile, CardTroubleFacts } from './card-trouble.types';
import { cardChecklist, type CheckItem, type CheckTopic } from './card-checklist';
import { copenhagenTime } from './wording';

const current: CardOnFile = {
  cardNumber: '1111222233334444',
  status: 'active',
  createdAt: new Date('2025-03-01T08:00:00Z'),
  lastSeenAt: new Date('2025-03-12T11:05:00Z'),
};
const old: CardOnFile = {
  cardNumber: '9999888877776666',
  status: 'replaced',
  createdAt: new Date('2024-08-01T08:00:00Z'),
  lastSeenAt: new Date('2025-03-14T10:00:00Z'),
};

const facts: CardTroubleFacts = {
  accountId: 'a1',
  account: {
    holderName: 'Ida',
    limits: { day: null, week: null, month: null },
    balance: 12_345,
    units: { restricted: false, allowed: [] },
  },
  cards: [current, old],
  lastSighting: { cardNumber: current.cardNumber, at: current.lastSeenAt!, tillName: 'Kasse 1', unitName: 'Kantinen' },
  spent: { day: 0, week: 4_500, month: 9_000 },
  declines: [],
};

const item = (list: CheckItem[], topic: CheckTopic) => {
  const found = list.find((i) => i.topic === topic);
  if (!found) throw new Error(`no ${topic} item`);
  return found;
};

describe('cardChecklist', () => {
  it('answers the seeds’ points in their order, all fine for a healthy card', () => {
    const list = cardChecklist(facts, 'da');
    expect(list.map((i) => i.topic)).toEqual(['cardNumber', 'blocked', 'spending', 'balance', 'units']);
    expect(list.map((i) => i.state)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(item(list, 'cardNumber').lines).toEqual([
      'Kortnummeret på kontoen er 1111222233334444.',
      `En kasse så sidst dette kort ${copenhagenTime(current.lastSeenAt!, 'da')} (Kasse 1, Kantinen).`,
    ]);
    expect(item(list, 'spending').lines).toEqual([
      'I dag: 0,00\u00a0kr.',
      'Denne uge: 45,00\u00a0kr.',
      'Denne måned: 90,00\u00a0kr.',
      'Kontoen har ingen beløbsgrænser.',
    ]);
    expect(item(list, 'balance').lines).toEqual(['Der står 123,45\u00a0kr. på kortet.']);
    expect(item(list, 'units').lines).toEqual(['Kortet må bruges i alle enheder.']);
  });

  it('says so when a till last saw an old card after the new one was put on the account', () => {
    const seen = { cardNumber: old.cardNumber, at: old.lastSeenAt!, tillName: 'Kasse 2', unitName: 'Caféen' };
    const check = item(cardChecklist({ ...facts, lastSighting: seen }, 'da'), 'cardNumber');
    expect(check.state).toBe('problem');
    expect(check.lines[1]).toBe(
      `En kasse så sidst kortnummeret 9999888877776666 ${copenhagenTime(old.lastSeenAt!, 'da')} (Kasse 2, Caféen). Det er ikke kortet på kontoen.`,
    );
    expect(check.fix).toBe(
      'Det kan være et ældre kort, der ikke længere er tilknyttet kontoen. Destruér det, og brug det nyeste kort.',
    );
  });

  it('does not blame an old card whose last use was before the new card arrived', () => {
    const seen = { cardNumber: old.cardNumber, at: new Date('2025-02-01T10:00:00Z'), tillName: 'K', unitName: 'U' };
    const check = item(cardChecklist({ ...facts, lastSighting: seen }, 'da'), 'cardNumber');
    expect(check.state).toBe('ok');
    expect(check.lines[1]).toBe('Kortet er ikke brugt ved en kasse, siden det blev tilknyttet kontoen.');
  });

  it('flags a blocked card, an empty wallet and a reached limit, each with where to fix it', () => {
    const list = cardChecklist(
      {
        ...facts,
        cards: [{ ...current, status: 'blocked' }, old],
        account: { ...facts.account, balance: 0, limits: { day: 6000, week: null, month: 60_000 } },
        spent: { day: 6000, week: 6000, month: 6000 },
      },
      'da',
    );
    expect(item(list, 'blocked')).toMatchObject({
      state: 'problem',
      lines: ['Kortet er spærret — tryk Aktiver kort under Brugeroplysninger.'],
      action: 'details',
    });
    expect(item(list, 'balance')).toMatchObject({
      state: 'problem',
      lines: ['Der er ingen penge på kortet.'],
      fix: 'Sæt penge ind på kortet med Indbetal.',
      action: 'deposit',
    });
    expect(item(list, 'spending')).toMatchObject({
      state: 'problem',
      lines: [
        'I dag: 60,00\u00a0kr. af 60\u00a0kr.',
        'Denne uge: 60,00\u00a0kr.',
        'Denne måned: 60,00\u00a0kr. af 600\u00a0kr.',
        'Dagens grænse på 60\u00a0kr. er nået.',
      ],
      action: 'details',
    });
  });

  it('lists the units a restricted card may pay in, and flags none at all', () => {
    const some = cardChecklist(
      {
        ...facts,
        account: {
          ...facts.account,
          units: {
            restricted: true,
            allowed: [
              { id: 'u1', name: 'Caféen' },
              { id: 'u2', name: 'Kantinen' },
            ],
          },
        },
      },
      'da',
    );
    expect(item(some, 'units')).toMatchObject({ state: 'info', lines: ['Kortet må kun bruges i: Caféen, Kantinen.'] });
    const none = cardChecklist(
      { ...facts, account: { ...facts.account, units: { restricted: true, allowed: [] } } },
      'da',
    );
    expect(item(none, 'units')).toMatchObject({ state: 'problem', lines: ['Kortet må ikke bruges i nogen enhed.'] });
  });

  it('has no blocked point, but a problem, when every card was replaced', () => {
    const list = cardChecklist({ ...facts, cards: [old] }, 'da');
    expect(list.map((i) => i.topic)).not.toContain('blocked');
    expect(item(list, 'cardNumber')).toMatchObject({
      state: 'problem',
      lines: ['Kontoen har intet kort, der kan bruges.'],
    });
  });

  it('speaks English when asked', () => {
    expect(item(cardChecklist(facts, 'en'), 'units').lines).toEqual(['The card may be used in every unit.']);
  });
});
