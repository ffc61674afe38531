import { purchaseRequestHash, spendingPeriods, type SpendingPeriods } from '@kk/pos-authorization';

/** One unit and one till per tenant; a purchase uses the till of its card's tenant. */
export interface BenchTill {
  readonly tenantId: string;
  readonly tillId: string;
  readonly unitId: string;
  readonly apiKey: string;
}

export interface Fixture {
  /** Indexed by tenant index. */
  readonly tills: readonly BenchTill[];
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

export interface Pick {
  readonly till: BenchTill;
  readonly cardNumber: string;
}

/** A card and its own tenant's till: random over all seeded cards, or always the hot card. */
export function picker(fixture: Fixture, hot: boolean): () => Pick {
  const tenants = fixture.tills.length;
  const hotPick = { till: fixture.tills[tenantOfCard(HOT_CARD, tenants)], cardNumber: cardNumber(HOT_CARD) };
  if (hot) return () => hotPick;
  return () => {
    const i = 1 + Math.floor(Math.random() * fixture.cards);
    return { till: fixture.tills[tenantOfCard(i, tenants)], cardNumber: cardNumber(i) };
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

export const PURCHASE_SQL = 'SELECT * FROM pos_purchase($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)';

let cachedPeriods: { minute: number; periods: SpendingPeriods } | undefined;

/**
 * Period starts are local midnights, so they can only change on a whole minute: computing
 * them once a minute is exact, and keeps luxon's time-zone work (a noticeable share of a
 * purchase's client-side CPU) off the load generator, which shares the cores with PostgreSQL.
 */
function periodsAt(now: Date): SpendingPeriods {
  const minute = Math.floor(now.getTime() / 60_000);
  if (cachedPeriods?.minute !== minute) cachedPeriods = { minute, periods: spendingPeriods(now) };
  return cachedPeriods.periods;
}

/** Exactly the parameters PosAuthorizationService.purchase sends. */
export function purchaseParams(pick: Pick, idempotencyKey: string, amount: number): unknown[] {
  const now = new Date();
  const periods = periodsAt(now);
  const request = { idempotencyKey, cardNumber: pick.cardNumber, amount, description: null };
  return [
    pick.till.tenantId,
    pick.till.tillId,
    pick.till.unitId,
    idempotencyKey,
    purchaseRequestHash(request),
    pick.cardNumber,
    amount,
    null,
    now,
    periods.dayStart,
    periods.weekStart,
    periods.monthStart,
    LOW_BALANCE_THRESHOLD,
  ];
}
