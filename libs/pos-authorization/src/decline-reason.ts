/** The contract's decline reasons, in the order they are checked. */
export const DECLINE_REASONS = [
  'card_unknown',
  'card_replaced',
  'card_blocked',
  'device_not_allowed',
  'daily_limit_exceeded',
  'weekly_limit_exceeded',
  'monthly_limit_exceeded',
  'insufficient_funds',
] as const;

export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Short Danish texts for the till's display. */
const TILL_MESSAGES: Record<DeclineReason | 'approved', string> = {
  approved: 'Godkendt',
  card_unknown: 'Ukendt kort',
  card_replaced: 'Kortet er erstattet af et nyt kort',
  card_blocked: 'Kortet er spærret',
  device_not_allowed: 'Kortet kan ikke bruges her',
  daily_limit_exceeded: 'Dagens beløbsgrænse er nået',
  weekly_limit_exceeded: 'Ugens beløbsgrænse er nået',
  monthly_limit_exceeded: 'Månedens beløbsgrænse er nået',
  insufficient_funds: 'Ikke nok penge på kortet',
};

export function isDeclineReason(value: unknown): value is DeclineReason {
  return typeof value === 'string' && (DECLINE_REASONS as readonly string[]).includes(value);
}

export function tillMessage(reason: DeclineReason | null): string {
  return TILL_MESSAGES[reason ?? 'approved'];
}
