import { Injectable } from '@nestjs/common';
import { CardholdersRepository, CprCipher } from '@kk/cardholders';
import { TenantTransactions } from '@kk/tenant-transactions';
import type { OidcLoginConfig } from '@kk/tenancy';
import { askBrokerCprMatch } from '../broker-cpr-match';
import { loginIdOf, type LoginId, type TenantCaller } from '../identity-caller';
import { checkCpr } from '../identity-inputs';
import { identityFailure, type IdentityFailure } from '../identity-messages';
import { LoginsRepository } from '../logins/logins.repository';
import { LoginAccessRepository } from '../relations/login-access.repository';
import { LoginSessionsService, type SessionStamp } from '../sessions/login-sessions.service';
import { cprVouchedByBroker, type BrokerVouchedCpr } from './broker-vouched-cpr';
import type { CprGuessLimiter } from './cpr-guess-limiter';
import { LoginIdentitiesRepository } from './login-identities.repository';

/**
 * OpenID Connect logins (MitID through a broker). An identity is (issuer, sub). It is
 * linked to the cardholder whose CPR the broker vouches for: the login IS that person
 * (logins.cardholder_id) and sees them as 'self'. A CPR someone merely typed links nobody.
 */
export interface OidcLogin {
  readonly loginId: LoginId;
  readonly sessionsValidAfter: Date;
  readonly disabled: boolean;
  /**
   * False for a link made before links needed the broker's word: it must be verified
   * again before it signs anyone in.
   */
  readonly cprVerified: boolean;
}

export interface LinkIdentityInput {
  readonly issuer: string;
  readonly subject: string;
  readonly cpr: BrokerVouchedCpr;
}

export type LinkIdentityResult = ({ readonly ok: true } & OidcLogin) | IdentityFailure;

/** A broker login that proved itself (its ID token verified), with the access token it issued. */
export interface BrokerLogin {
  readonly identity: {
    readonly issuer: string;
    readonly subject: string;
    /** Every claim of the ID token, signature checked: e.g. a broker's CPR claim. */
    readonly claims: Readonly<Record<string, unknown>>;
  };
  readonly accessToken: string;
}

/** The identity waiting at the CPR step, with the access token of its MitID login. */
export interface PendingBrokerIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly accessToken: string;
}

/** What the portal does after the broker has authenticated someone. */
export type AfterBrokerLogin =
  | { readonly kind: 'signIn'; readonly loginId: LoginId; readonly stamp: SessionStamp; readonly linked: boolean }
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

type Linked = Extract<AfterBrokerLogin, { kind: 'signIn' | 'disabled' | 'noCard' }>;

/**
 * MitID logins and the link to a person, only ever on the broker's word: the CPR claim of
 * the verified ID token (`claim`), or the broker's CPR match for the number the citizen
 * typed, asked with this login's own access token (`match`). The broker is asked outside
 * any transaction.
 */
@Injectable()
export class OidcLoginService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly cipher: CprCipher,
    private readonly cardholders: CardholdersRepository,
    private readonly logins: LoginsRepository,
    private readonly identities: LoginIdentitiesRepository,
    private readonly access: LoginAccessRepository,
    private readonly sessions: LoginSessionsService,
  ) {}

  /** Known and verified: sign in; otherwise link on the claim, ask the CPR, or say why not. */
  afterBrokerLogin(caller: TenantCaller, login: OidcLoginConfig, broker: BrokerLogin): Promise<AfterBrokerLogin> {
    const { issuer, subject, claims } = broker.identity;
    return this.transactions.run(caller.tenantId, async () => {
      const known = await this.findByIdentity(caller, issuer, subject);
      if (known?.disabled) return { kind: 'disabled' };
      if (known?.cprVerified) {
        const stamp = await this.sessions.stamp({ tenantId: caller.tenantId, loginId: known.loginId });
        return { kind: 'signIn', loginId: known.loginId, stamp, linked: false };
      }
      if (!login.cprLinking) return { kind: 'notLinkable' };
      if (hasNoCpr(claims)) return { kind: 'noCpr' };
      if (login.cprVerification === 'match') return { kind: 'askCpr', reverify: known !== undefined };

      const claimed = claims[login.cprClaim];
      const cpr = typeof claimed === 'string' ? cprVouchedByBroker(claimed) : undefined;
      if (!cpr) return { kind: 'noCpr' };
      return this.link(caller, { issuer, subject }, cpr);
    });
  }

  /**
   * The CPR the citizen typed, linked only if the broker's CPR match says it is theirs. The
   * guess limits (from `guesses.address`, counted by `guesses.limits`) are asked first, and
   * every number the broker denies counts.
   */
  async linkTypedCpr(
    caller: TenantCaller,
    login: OidcLoginConfig,
    pending: PendingBrokerIdentity,
    typed: string,
    guesses: { readonly address: string; readonly limits: CprGuessLimiter },
  ): Promise<CprStepOutcome> {
    const checked = checkCpr(typed);
    if (!checked.ok) return { kind: 'invalid', failure: checked };
    const guess = {
      tenantId: caller.tenantId,
      issuer: pending.issuer,
      subject: pending.subject,
      targetCprIndex: this.cipher.blindIndex(checked.value).toString('base64url'),
      address: guesses.address,
    };
    if (await guesses.limits.isLockedOut(guess)) return { kind: 'lockedOut' };

    const answer = await askBrokerCprMatch(cprMatchUrl(login), pending.accessToken, checked.value);
    if (answer === 'noMatch')
      return (await guesses.limits.recordMiss(guess)) ? { kind: 'lockedOut' } : { kind: 'notYours' };
    if (answer === 'triesExhausted') return { kind: 'lockedOut' };
    if (answer === 'loginExpired') return { kind: 'expired' };
    if (answer === 'unavailable') return { kind: 'unavailable' };
    // The broker has just said this number is the person's own.
    const cpr = cprVouchedByBroker(checked.value);
    if (!cpr) throw new Error('a checked CPR number failed its check again');
    return this.transactions.run(caller.tenantId, () => this.link(caller, pending, cpr));
  }

  findByIdentity(caller: TenantCaller, issuer: string, subject: string): Promise<OidcLogin | undefined> {
    return this.transactions.run(caller.tenantId, async () => {
      const row = await this.identities.loginOf(issuer, subject);
      return (
        row && {
          loginId: loginIdOf(row.loginId),
          sessionsValidAfter: row.sessionsValidAfter,
          disabled: row.disabled,
          cprVerified: row.verified,
        }
      );
    });
  }

  /**
   * Links the identity to the login of the person with the vouched-for CPR, creating that
   * login on the person's first MitID login. Idempotent. A second identity of the same
   * person (another broker, whose `sub` differs) joins that person's login. An identity
   * linked earlier (unverified, perhaps to someone else by a typed CPR) is re-pointed to
   * the person the broker now vouches for.
   */
  linkWithVouchedCpr(caller: TenantCaller, input: LinkIdentityInput): Promise<LinkIdentityResult> {
    return this.transactions.run(caller.tenantId, async () => {
      // The broker answered for the authenticated person, so this tells them only about themselves.
      const cardholderId = await this.cardholders.idByCprIndex(this.cipher.blindIndex(input.cpr));
      if (!cardholderId) return identityFailure('cpr', 'noCardForCpr');

      const loginId = await this.logins.ensureForCardholder(cardholderId);
      await this.access.grant(loginId, cardholderId, 'self');
      await this.identities.linkVerified(input.issuer, input.subject, loginId);
      const linked = await this.findByIdentity(caller, input.issuer, input.subject);
      if (!linked) throw new Error('linkWithVouchedCpr: the identity vanished inside its transaction');
      return { ok: true, ...linked };
    });
  }

  // Inside the caller's transaction: the link and the stamp of the session it signs in.
  private async link(
    caller: TenantCaller,
    identity: { issuer: string; subject: string },
    cpr: BrokerVouchedCpr,
  ): Promise<Linked> {
    const linked = await this.linkWithVouchedCpr(caller, { issuer: identity.issuer, subject: identity.subject, cpr });
    if (!linked.ok) return { kind: 'noCard' };
    if (linked.disabled) return { kind: 'disabled' };
    const stamp = await this.sessions.stamp({ tenantId: caller.tenantId, loginId: linked.loginId });
    return { kind: 'signIn', loginId: linked.loginId, stamp, linked: true };
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
