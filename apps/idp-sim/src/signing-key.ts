import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A private RSA JWK as oidc-provider's `jwks` option takes it. */
export interface SigningJwk {
  readonly kty: 'RSA';
  readonly kid: string;
  readonly alg: 'RS256';
  readonly use: 'sig';
  readonly [member: string]: unknown;
}

/**
 * The ID-token signing key. Without a file a fresh key per start (tests); with one, the key
 * is created once and reused, so a relying party's cached JWKS survives a demo restart.
 */
export async function loadSigningKey(file?: string): Promise<SigningJwk> {
  if (file && existsSync(file)) return parseSigningJwk(readFileSync(file, 'utf8'), file);
  // jose is ESM-only; swc keeps this import() native (module.ignoreDynamic).
  const { exportJWK, generateKeyPair } = await import('jose');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: SigningJwk = { ...(await exportJWK(privateKey)), kty: 'RSA', kid: randomUUID(), alg: 'RS256', use: 'sig' };
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600 });
  }
  return jwk;
}

function parseSigningJwk(text: string, file: string): SigningJwk {
  const value: unknown = JSON.parse(text);
  if (
    typeof value === 'object' &&
    value !== null &&
    'kty' in value &&
    value.kty === 'RSA' &&
    'd' in value &&
    'kid' in value &&
    typeof value.kid === 'string'
  ) {
    return { ...value, kty: 'RSA', kid: value.kid, alg: 'RS256', use: 'sig' };
  }
  throw new Error(`${file} does not hold a private RSA JWK with a kid; delete it to get a new key`);
}
