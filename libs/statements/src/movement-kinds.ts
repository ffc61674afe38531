/**
 * What a statement calls a movement, from the ledger's words for it. The totals are by these
 * kinds: the brief's eight, plus refunds to the payer's card and anything else (so every øre
 * of the period lands in exactly one total).
 */
export const MOVEMENT_KINDS = [
  'deposits',
  'purchases',
  'reversals',
  'topUps',
  'fees',
  'payouts',
  'subscriptions',
  'webshop',
  'refunds',
  'other',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** The kinds every statement lists, zero or not; the last two only when they occurred. */
export const ALWAYS_LISTED: ReadonlySet<MovementKind> = new Set(MOVEMENT_KINDS.slice(0, 8));

/** ledger_transactions.kind as the features write it (migrations, libs/ledger, libs/payments). */
const BY_TRANSACTION_KIND: Readonly<Record<string, MovementKind>> = {
  pos_purchase: 'purchases',
  pos_reversal: 'reversals',
  cash_deposit: 'deposits',
  nexi_deposit: 'deposits',
  mobilepay_deposit: 'deposits',
  auto_top_up: 'topUps',
  refund: 'refunds',
  refund_reversal: 'refunds',
};

/** The transaction kinds that say what a movement is by themselves, whatever the other side. */
export const TRANSACTION_KINDS_NAMING_THEIR_MOVEMENT: readonly string[] = Object.keys(BY_TRANSACTION_KIND);

/**
 * A feature not yet written (payouts, card fees, subscriptions, the webshop) names its own
 * transaction kind, but books against its own system account (migrations/…-core-schema.ts):
 * the other side of the wallet's posting says what the money was for.
 */
const BY_COUNTERPART: Readonly<Record<string, MovementKind>> = {
  payout_clearing: 'payouts',
  card_fee_revenue: 'fees',
  webshop_sales: 'webshop',
  subscription_revenue: 'subscriptions',
  cash_office: 'deposits',
};

export interface LedgerMovementKind {
  /** ledger_transactions.kind */
  readonly transactionKind: string;
  /** ledger_accounts.kind of the transaction's other side; null if it has none besides this wallet. */
  readonly counterpartKind: string | null;
  /** Signed øre on the wallet. */
  readonly amount: number;
}

export function movementKindOf(movement: LedgerMovementKind): MovementKind {
  // Own keys only: a kind spelt like a prototype member ('constructor') is just unknown.
  const kind = movement.transactionKind;
  if (Object.hasOwn(BY_TRANSACTION_KIND, kind)) return BY_TRANSACTION_KIND[kind];
  const counterpart = movement.counterpartKind;
  if (counterpart === 'till_sales') return movement.amount < 0 ? 'purchases' : 'reversals';
  if (counterpart === 'gateway_clearing') return movement.amount > 0 ? 'deposits' : 'refunds';
  return counterpart !== null && Object.hasOwn(BY_COUNTERPART, counterpart) ? BY_COUNTERPART[counterpart] : 'other';
}
