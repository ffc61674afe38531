import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock';
import type { MobilePayMerchant } from '../merchant-credentials';
import type { MobilePayMerchants } from './mobilepay-merchants';

// The test environment's lifetime; production's is 24 hours.
const TOKEN_LIFETIME_SECONDS = 3600;

interface TokenClaims {
  readonly sub: string;
  readonly msn: string;
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
}

/**
 * Access tokens as `POST /accesstoken/get` hands them out: JWTs (HS256 here, under a key that
 * lives as long as the sim). Callers treat them as opaque, so only their look matters.
 */
export class AccessTokens {
  private readonly key = randomBytes(32);

  constructor(
    private readonly merchants: MobilePayMerchants,
    private readonly clock: Clock,
  ) {}

  issue(merchant: MobilePayMerchant): Record<string, string> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const claims: TokenClaims = {
      sub: merchant.clientId,
      msn: merchant.merchantSerialNumber,
      iat: now,
      nbf: now,
      exp: now + TOKEN_LIFETIME_SECONDS,
    };
    const unsigned = `${encode({ typ: 'JWT', alg: 'HS256' })}.${encode(claims)}`;
    // The real endpoint answers numbers as strings, as below.
    return {
      token_type: 'Bearer',
      expires_in: String(TOKEN_LIFETIME_SECONDS),
      ext_expires_in: String(TOKEN_LIFETIME_SECONDS),
      expires_on: String(claims.exp),
      not_before: String(claims.nbf),
      resource: '00000002-0000-0000-c000-000000000000',
      access_token: `${unsigned}.${this.sign(unsigned)}`,
    };
  }

  /** The sales unit a Bearer token was issued to, if it is ours and still valid. */
  verify(token: string): MobilePayMerchant | undefined {
    const [header, payload, signature, ...rest] = token.split('.');
    if (!header || !payload || !signature || rest.length > 0) return undefined;
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    const now = this.clock.now().getTime() / 1000;
    if (now < claims.nbf || now >= claims.exp) return undefined;
    const merchant = this.merchants.byClientId(claims.sub);
    return merchant?.merchantSerialNumber === claims.msn ? merchant : undefined;
  }

  private sign(unsigned: string): string {
    return createHmac('sha256', this.key).update(unsigned).digest('base64url');
  }
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
