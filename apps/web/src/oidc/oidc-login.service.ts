import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { CprCipher } from '@kk/cardholders';
import { inTenant } from '@kk/database';
import {
  askBrokerCprMatch,
  checkCpr,
  cprVouchedByBroker,
  findLoginByIdentity,
  linkIdentityWithVouchedCpr,
  stampSession,
  type BrokerVouchedCpr,
  type IdentityFailure,
  type SessionStamp,
} from '@kk/identity';
import type { OidcLoginConfig, TenantConfig } from '@kk/tenancy';
import { CprGuessLimits } from './cpr-guess-limits';
import type { PendingOidcIdentity } from './oidc-session';
import type { BrokerLogin } from './oidc-strategies';

/** What the portal does after the broker has authenticated someone. */
export type AfterBrokerLogin =
  | { readonly kind: 'signIn'; readonly loginId: string; readonly stamp: SessionStamp; readonly linked: boolean }
  /** Match mode: ask the CPR once (again, for a link made before links needed the broker). */
  | { readonly kind: 'askCpr'; readonly reverify: boolean }
  | { readonly kind: 'disabled' }
  /** The MitID has no CPR number, or the broker sent none where the tenant expects the claim. */
  | { readonly kind: 'noCpr' }
  /** The broker vouched for the CPR, but the card issuer has no card for it. */
  | { readonly kind: 'noCard' }
  | { readonly kind: 'notLinkable' };

/** What the CPR step answers for a typed number. */
export type CprStepOutcome =
  | Extract<AfterBrokerLogin, { kind: 'signIn' | 'disabled' | 'noCard' }>
  | { readonly kind: 'invalid'; readonly failure: IdentityFailure }
  /** The broker says this CPR is not the MitID's own. Nothing was linked. */
  | { readonly kind: 'notYours' }
  /** Too many wrong numbers (ours, across sessions), or the broker's 3 tries are spent. */
  | { readonly kind: 'lockedOut' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'unavailable' };

/**
 * MitID logins and the link to a person, only ever on the broker's word: the CPR claim of
 * the verified ID token (`claim`), or the broker's CPR match for the number the citizen
 * typed, asked with this login's own access token (`match`). One tenant transaction per
 * database step; the broker is asked outside any transaction.
 */
@Injectable()
export class OidcLoginService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: CprCipher,
    private readonly guesses: CprGuessLimits,
  ) {}

  async afterBrokerLogin(tenant: TenantConfig, login: OidcLoginConfig, broker: BrokerLogin): Promise<AfterBrokerLogin> {
    const { issuer, subject, claims } = broker.identity;
    const known = await inTenant(this.dataSource, tenant.slug, (tx) => findLoginByIdentity(tx, issuer, subject));
    if (known?.disabled) return { kind: 'disabled' };
    if (known?.cprVerified) {
      const stamp = await this.stamp(tenant, known.loginId);
      return { kind: 'signIn', loginId: known.loginId, stamp, linked: false };
    }
    if (!login.cprLinking) return { kind: 'notLinkable' };
    if (hasNoCpr(claims)) return { kind: 'noCpr' };
    if (login.cprVerification === 'match') return { kind: 'askCpr', reverify: known !== undefined };

    const claimed = claims[login.cprClaim];
    const cpr = typeof claimed === 'string' ? cprVouchedByBroker(claimed) : undefined;
    if (!cpr) return { kind: 'noCpr' };
    return this.link(tenant, { issuer, subject }, cpr);
  }

  /** The CPR the citizen typed, linked only if the broker's CPR match says it is theirs. */
  async linkTypedCpr(
    tenant: TenantConfig,
    login: OidcLoginConfig,
    pending: PendingOidcIdentity,
    typed: string,
    address: string,
  ): Promise<CprStepOutcome> {
    const checked = checkCpr(typed);
    if (!checked.ok) return { kind: 'invalid', failure: checked };
    const guess = {
      tenantId: tenant.slug,
      issuer: pending.issuer,
      subject: pending.subject,
      targetCprIndex: this.cipher.blindIndex(checked.value).toString('base64url'),
      address,
    };
    if (await this.guesses.isLockedOut(guess)) return { kind: 'lockedOut' };

    const answer = await askBrokerCprMatch(cprMatchUrl(login), pending.accessToken, checked.value);
    if (answer === 'noMatch')
      return (await this.guesses.recordMiss(guess)) ? { kind: 'lockedOut' } : { kind: 'notYours' };
    if (answer === 'triesExhausted') return { kind: 'lockedOut' };
    if (answer === 'loginExpired') return { kind: 'expired' };
    if (answer === 'unavailable') return { kind: 'unavailable' };
    // The broker has just said this number is the person's own.
    const cpr = cprVouchedByBroker(checked.value);
    if (!cpr) throw new Error('a checked CPR number failed its check again');
    return this.link(tenant, pending, cpr);
  }

  private async link(
    tenant: TenantConfig,
    identity: { issuer: string; subject: string },
    cpr: BrokerVouchedCpr,
  ): Promise<Extract<AfterBrokerLogin, { kind: 'signIn' | 'disabled' | 'noCard' }>> {
    return inTenant(this.dataSource, tenant.slug, async (tx) => {
      const linked = await linkIdentityWithVouchedCpr(tx, this.cipher, { ...identity, cpr });
      if (!linked.ok) return { kind: 'noCard' };
      if (linked.disabled) return { kind: 'disabled' };
      return { kind: 'signIn', loginId: linked.loginId, stamp: await stampSession(tx, linked.loginId), linked: true };
    });
  }

  private stamp(tenant: TenantConfig, loginId: string): Promise<SessionStamp> {
    return inTenant(this.dataSource, tenant.slug, (tx) => stampSession(tx, loginId));
  }
}

/** NEB's path under the issuer unless the tenant names another. */
export function cprMatchUrl(login: OidcLoginConfig): string {
  return login.cprMatchUrl ?? `${login.issuer.replace(/\/+$/, '')}/api/v1/mitid/matchCpr`;
}

// NEB (mitid scope) and Signicat say so outright; without the claim we ask, and the match decides.
function hasNoCpr(claims: Readonly<Record<string, unknown>>): boolean {
  const flag = claims['mitid.has_cpr'] ?? claims.mitid_has_cpr;
  return flag === false || flag === 'false';
}
