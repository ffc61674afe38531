import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { identityMessage, OidcLoginService, type AfterBrokerLogin } from '@kk/identity';
import type { OidcLoginConfig } from '@kk/tenancy';
import { SecurityEventLog, startSignedInSession, type PageContext } from '../kit';
import { CprGuessLimits } from './cpr-guess-limits';
import { forgetPendingIdentity, pendingIdentity, startPendingOidcSession } from './oidc-session';
import { OidcStrategies, OidcUnavailable, type OidcCallbackOutcome } from './oidc-strategies';
import type { OidcNotice, OidcOutcome } from './oidc-views';

type LinkDecision = Exclude<AfterBrokerLogin, { kind: 'askCpr' }>;

const notice = (status: 200 | 403 | 429 | 503, what: OidcNotice): OidcOutcome => ({
  kind: 'loginNotice',
  status,
  notice: what,
});

/** The CPR step's ends that send the person back to the login page, with their status. */
const CPR_STEP_ENDS: Record<'lockedOut' | 'expired' | 'unavailable', { status: 403 | 429 | 503; notice: OidcNotice }> =
  {
    lockedOut: { status: 429, notice: 'tooManyAttempts' },
    expired: { status: 403, notice: 'expired' },
    unavailable: { status: 503, notice: 'unavailable' },
  };

/**
 * The MitID login's decisions between the broker and the page: the identity lib
 * (OidcLoginService) decides the link; this service keeps the session in step (the pending
 * identity, the signed-in session) and writes the security log, and answers an OidcOutcome
 * for the controller to show.
 */
@Injectable()
export class OidcCallbackService {
  private readonly logger = new Logger(OidcCallbackService.name);

  constructor(
    private readonly strategies: OidcStrategies,
    private readonly logins: OidcLoginService,
    private readonly guessLimits: CprGuessLimits,
    private readonly events: SecurityEventLog,
  ) {}

  /** To the broker; undefined once the strategy has answered with its redirect. */
  async start(
    req: Request,
    res: Response,
    page: PageContext,
    login: OidcLoginConfig,
  ): Promise<OidcOutcome | undefined> {
    try {
      await this.strategies.start(req, res, page.tenant, login);
      return undefined;
    } catch (error) {
      return this.unavailable(error, page);
    }
  }

  /** The broker's answer: cancelled, refused, or a proven identity to sign in, link or ask the CPR of. */
  async callback(
    req: Request,
    res: Response,
    page: PageContext,
    login: OidcLoginConfig,
    error: unknown,
  ): Promise<OidcOutcome> {
    if (error === 'access_denied') return notice(200, 'cancelled');
    let broker: OidcCallbackOutcome;
    try {
      broker = await this.strategies.finish(req, res, page.tenant, login);
    } catch (failure) {
      return this.unavailable(failure, page);
    }
    if (!broker.ok) {
      this.logger.warn(`OIDC login refused on ${page.tenant.slug}: ${broker.reason}`);
      this.refused(page, 'callback');
      return notice(403, 'failed');
    }
    const next = await this.logins.afterBrokerLogin(page.caller, login, broker);
    if (next.kind !== 'askCpr') return this.decided(req, page, next);
    const { issuer, subject } = broker.identity;
    const pending = { tenantId: page.tenant.slug, issuer, subject, accessToken: broker.accessToken };
    await startPendingOidcSession(req, { ...pending, reverify: next.reverify });
    return { kind: 'askCpr' };
  }

  /** The CPR question, only for the identity the broker just proved (and not yet expired). */
  cprQuestion(req: Request, page: PageContext): OidcOutcome {
    const pending = pendingIdentity(req, page.tenant.slug);
    return pending ? { kind: 'cprPage', status: 200, reverify: pending.reverify } : notice(403, 'expired');
  }

  /** Links only the identity the broker just authenticated, and only if the broker confirms the CPR. */
  async linkTypedCpr(req: Request, page: PageContext, login: OidcLoginConfig, cpr: string): Promise<OidcOutcome> {
    const pending = pendingIdentity(req, page.tenant.slug);
    if (!pending) return notice(403, 'expired');
    const guesses = { address: req.ip ?? '', limits: this.guessLimits };
    const outcome = await this.logins.linkTypedCpr(page.caller, login, pending, cpr, guesses);
    const { reverify } = pending;
    if (outcome.kind === 'invalid') {
      return { kind: 'cprPage', status: 422, reverify, error: identityMessage(outcome.failure.key, page.locale) };
    }
    if (outcome.kind === 'notYours') {
      this.refused(page, 'cpr_not_yours');
      return { kind: 'cprPage', status: 422, reverify, error: identityMessage('cprNotYours', page.locale) };
    }
    if (outcome.kind !== 'lockedOut' && outcome.kind !== 'expired' && outcome.kind !== 'unavailable') {
      return this.decided(req, page, outcome);
    }
    forgetPendingIdentity(req);
    if (outcome.kind === 'lockedOut') this.refused(page, 'locked_out');
    return notice(CPR_STEP_ENDS[outcome.kind].status, CPR_STEP_ENDS[outcome.kind].notice);
  }

  /** Signs in, or says plainly why not. */
  private async decided(req: Request, page: PageContext, next: LinkDecision): Promise<OidcOutcome> {
    if (next.kind === 'signIn') {
      await startSignedInSession(req, page.tenant.slug, next);
      this.events.record(next.linked ? 'mitid.linked' : 'mitid.login', { ...page.audit, login: next.loginId });
      return { kind: 'signedIn' };
    }
    forgetPendingIdentity(req);
    this.refused(page, next.kind);
    if (next.kind === 'noCpr') return { kind: 'noCpr' };
    if (next.kind === 'noCard') return { kind: 'noCard', problem: identityMessage('noCardForCpr', page.locale) };
    return notice(403, next.kind === 'disabled' ? 'disabled' : 'failed');
  }

  private refused(page: PageContext, reason: string): void {
    this.events.record('mitid.refused', { ...page.audit, reason });
  }

  private unavailable(error: unknown, page: PageContext): OidcOutcome {
    if (!(error instanceof OidcUnavailable)) throw error;
    this.logger.error(`OIDC login unavailable on ${page.tenant.slug}: ${error.message}`);
    return notice(503, 'unavailable');
  }
}
