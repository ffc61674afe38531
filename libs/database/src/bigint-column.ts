import type { ValueTransformer } from 'typeorm';

/**
 * pg returns bigint as a string, since it may exceed 2^53. Øre amounts and limits never
 * do, so their entity columns read as numbers through this, and a value that would lose
 * precision fails loudly instead of being rounded.
 */
export const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => {
    if (value === null) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`a bigint column held ${String(value)}, beyond 2^53`);
    return n;
  },
};
