/**
 * One unit per tenant and --tills tills in it (default 16), one per load lane: a till at a
 * canteen sends one purchase at a time, so each of the bench's connections (lanes) is a till
 * of its own in every tenant, never two connections one till at once. A purchase uses its
 * lane's till of the card's tenant.
 */

export interface BenchTill {
  readonly tenantId: string;
  readonly tillId: string;
  readonly unitId: string;
  readonly apiKey: string;
}

export interface Fixture {
  /** By tenant index, then by lane. */
  readonly tills: readonly (readonly BenchTill[])[];
  /** Random cards are 1..cards; card 0 is the hot card. */
  readonly cards: number;
}

export const HOT_CARD = 0;
/** What the app passes when the tenant has no auto top-up configured (apps/pos/src/main.ts). */
export const LOW_BALANCE_THRESHOLD = 5000;

export function tenantSlug(index: number): string {
  return `bench-${String(index).padStart(2, '0')}`;
}

/** seed.ts writes the same numbers with SQL ('B' || lpad(i, 10, '0')): nothing to read back. */
export function cardNumber(i: number): string {
  return `B${String(i).padStart(10, '0')}`;
}

/** Cards are dealt round-robin over the tenants; the hot card (0) is the first tenant's. */
export function tenantOfCard(i: number, tenants: number): number {
  return i % tenants;
}

/**
 * Cards with an active auto top-up agreement ("Automatisk Optankning"): 10% of them, spread
 * over every tenant (cards are dealt round-robin, so i % 100 < 10 hits each tenant alike).
 * seed.ts gives them a balance under the threshold, so each purchase on one also writes the
 * low-balance outbox row the worker's top-up consumes: the worst case agreements can cost.
 */
export function hasAgreement(i: number): boolean {
  return i !== HOT_CARD && i % 100 < 10;
}

/** Random cards from all of them, or only from those without an agreement (the baseline). */
export type CardPopulation = 'all' | 'without-agreements';

export interface Pick {
  readonly till: BenchTill;
  readonly cardNumber: string;
}

/**
 * A card and its own tenant's till for the lane (the connection asking): random over the
 * population's cards, or always the hot card.
 */
export function picker(fixture: Fixture, hot: boolean, population: CardPopulation): (lane: number) => Pick {
  const tenants = fixture.tills.length;
  const tillOf = (card: number, lane: number) => {
    const lanes = fixture.tills[tenantOfCard(card, tenants)];
    return lanes[lane % lanes.length];
  };
  if (hot) return (lane) => ({ till: tillOf(HOT_CARD, lane), cardNumber: cardNumber(HOT_CARD) });
  return (lane) => {
    let i = 1 + Math.floor(Math.random() * fixture.cards);
    while (population === 'without-agreements' && hasAgreement(i)) i = 1 + Math.floor(Math.random() * fixture.cards);
    return { till: tillOf(i, lane), cardNumber: cardNumber(i) };
  };
}

/**
 * Idempotency keys unique per phase, with the phase as prefix so the database can be asked
 * afterwards what each phase's purchases were decided (approved vs declined).
 */
export function keyMaker(phasePrefix: string): () => string {
  let sequence = 0;
  return () => `${phasePrefix}${(sequence++).toString(36)}`;
}
