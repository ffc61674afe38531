import { STATEMENT_TIME_ZONE } from './statement-period';

/**
 * Copenhagen wall-clock fields of an instant, fast: a year's statement shows ~2,000 times, and
 * an Intl formatter call per time was a third of the page's own work. The zone's offset is
 * asked of Intl once per UTC day; a day whose start and end disagree (a daylight-saving
 * change) asks it for every instant instead. The fields are then plain UTC arithmetic.
 */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const DAY_MS = 86_400_000;
const exact = new Intl.DateTimeFormat('en-US', {
  timeZone: STATEMENT_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The zone's offset from UTC at `ms`, in milliseconds (Copenhagen: +1 h or +2 h). */
function offsetAt(ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of exact.formatToParts(new Date(ms))) parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** UTC day number → that day's offset, or null when it changes during the day. */
const dayOffsets = new Map<number, number | null>();

function offsetOf(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  let offset = dayOffsets.get(day);
  if (offset === undefined) {
    const start = offsetAt(day * DAY_MS);
    offset = start === offsetAt((day + 1) * DAY_MS - 1) ? start : null;
    // Statements span at most five years: a bounded cache.
    if (dayOffsets.size > 4_000) dayOffsets.clear();
    dayOffsets.set(day, offset);
  }
  return offset ?? offsetAt(ms);
}

export function copenhagenWallClock(at: Date): WallClock {
  const local = new Date(at.getTime() + offsetOf(at.getTime()));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

export const twoDigits = (n: number): string => (n < 10 ? `0${n}` : String(n));
