import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets without telling, by how long it takes, how much of them matched.
 * timingSafeEqual needs equal lengths, and comparing lengths first would tell the length:
 * comparing fixed-size digests instead tells nothing.
 */
export function constantTimeEqual(actual: string, expected: string): boolean {
  const actualDigest = createHash('sha256').update(actual, 'utf8').digest();
  const expectedDigest = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(actualDigest, expectedDigest);
}
