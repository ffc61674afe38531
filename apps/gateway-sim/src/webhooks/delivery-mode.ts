/** How a payment's events are put out of order on purpose: as they happened, reversed, or shuffled. */
export type ReorderMode = 'none' | 'reverse' | 'shuffle';

/** The test controls' knobs for webhook delivery; the default is how a provider behaves. */
export interface WebhookDeliveryMode {
  /** Extra copies of every event (0: each event once; 2: each event three times). */
  readonly duplicates: number;
  /** Wait before the first attempt of each event, in milliseconds. */
  readonly delayMs: number;
  readonly reorder: ReorderMode;
  /**
   * With reorder on, a payment's events are collected until none came for this long and are
   * then sent in the new order (events queued while stopped are reordered on resume).
   */
  readonly reorderWindowMs: number;
}

export const NORMAL_DELIVERY: WebhookDeliveryMode = {
  duplicates: 0,
  delayMs: 0,
  reorder: 'none',
  reorderWindowMs: 200,
};

const REORDER_MODES: readonly ReorderMode[] = ['none', 'reverse', 'shuffle'];

/** Reads a partial mode from a JSON body; returns the problem for a bad field. */
export function parseDeliveryMode(body: unknown, current: WebhookDeliveryMode): WebhookDeliveryMode | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is a JSON object';
  const fields = body as Record<string, unknown>;
  const known = new Set(['duplicates', 'delayMs', 'reorder', 'reorderWindowMs']);
  const unknown = Object.keys(fields).find((name) => !known.has(name));
  if (unknown !== undefined) return `unknown field ${unknown}`;
  const next = { ...current };
  for (const name of ['duplicates', 'delayMs', 'reorderWindowMs'] as const) {
    const value = fields[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 3_600_000) {
      return `${name} is a whole number from 0 to 3600000`;
    }
    next[name] = value;
  }
  if (next.duplicates > 100) return 'duplicates is at most 100';
  if (fields.reorder !== undefined) {
    const reorder = REORDER_MODES.find((mode) => mode === fields.reorder);
    if (reorder === undefined) return `reorder is one of ${REORDER_MODES.join(', ')}`;
    next.reorder = reorder;
  }
  return next;
}

/** The items in the mode's order; a shuffle of two or more never comes back in the original order. */
export function reordered<T>(items: readonly T[], mode: ReorderMode): T[] {
  if (mode === 'reverse') return [...items].reverse();
  if (mode === 'none' || items.length < 2) return [...items];
  for (;;) {
    const shuffled = [...items];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    if (shuffled.some((item, index) => item !== items[index])) return shuffled;
  }
}
