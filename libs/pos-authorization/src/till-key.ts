import { createHash, randomBytes } from 'node:crypto';

/**
 * Till API keys: `kk_<tenant>_<43 chars of base64url>` (256 random bits). Naming the tenant
 * in the key lets the lookup run under that tenant's row-level security; the secret part
 * is what authenticates. Long random secrets need a fast hash, not a password KDF.
 */
const KEY_PATTERN = /^kk_([a-z0-9][a-z0-9-]{1,62})_([A-Za-z0-9_-]{43})$/;

export function generateTillKey(tenantId: string): string {
  return `kk_${tenantId}_${randomBytes(32).toString('base64url')}`;
}

export function hashTillKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** The tenant a well-formed key claims; undefined for anything malformed. */
export function tenantOfTillKey(key: string): string | undefined {
  const match = KEY_PATTERN.exec(key);
  return match ? match[1] : undefined;
}
