import { Inject, Injectable, Optional } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** What a verified ID token tells the portal: who, according to whom, and what else it vouches for. */
export interface VerifiedIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly name?: string;
  /** Every claim of the token, signature checked: e.g. a broker's CPR claim. */
  readonly claims: Readonly<Record<string, unknown>>;
}

export interface IdTokenExpectations {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUri: string;
  /** The nonce this session sent with its authorization request. */
  readonly nonce: string | undefined;
}

export class IdTokenRefused extends Error {}

/** (jwksUri) => the key set to check signatures with; unset, the issuer's published one. */
export const ID_TOKEN_KEY_SETS = Symbol('ID_TOKEN_KEY_SETS');

// Asymmetric algorithms only: with HS256 the client secret would be the key, and anyone
// holding it (every instance of every client) could mint tokens.
const ALGORITHMS = ['RS256', 'PS256', 'ES256'];
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * passport-openidconnect 0.1.2 only base64-decodes the ID token ("checks 6 and 7 are out
 * of scope"), so the portal checks the signature against the issuer's published keys and the
 * claims again itself, the nonce included, before it trusts `sub`.
 */
@Injectable()
export class IdTokenVerifier {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  /** `keysFor` is replaceable so that tests can sign with a key of their own. */
  constructor(
    @Optional() @Inject(ID_TOKEN_KEY_SETS) private readonly keysFor: (jwksUri: string) => JWTVerifyGetKey = remoteKeys,
  ) {}

  async verify(idToken: string, expected: IdTokenExpectations): Promise<VerifiedIdentity> {
    if (!expected.nonce) throw new IdTokenRefused('no nonce was sent, so none can be checked');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, this.keys(expected.jwksUri), {
        issuer: expected.issuer,
        audience: expected.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['sub', 'iat', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      throw new IdTokenRefused(`the ID token was refused: ${error instanceof Error ? error.message : 'unknown'}`);
    }
    if (payload.nonce !== expected.nonce) throw new IdTokenRefused('the ID token carries another nonce');
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (audiences.length > 1 && payload.azp !== expected.audience) {
      throw new IdTokenRefused('the ID token was issued to another party');
    }
    const subject = payload.sub;
    if (!subject) throw new IdTokenRefused('the ID token names no subject');
    return {
      issuer: expected.issuer,
      subject,
      ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
      claims: payload,
    };
  }

  private keys(jwksUri: string): JWTVerifyGetKey {
    let keys = this.keySets.get(jwksUri);
    if (!keys) {
      keys = this.keysFor(jwksUri);
      this.keySets.set(jwksUri, keys);
    }
    return keys;
  }
}

// jose caches the key set and refetches it when a token names an unknown key id (rotation).
function remoteKeys(jwksUri: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5_000 });
}
