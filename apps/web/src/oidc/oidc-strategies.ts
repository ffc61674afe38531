import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import { Passport, type AuthenticateOptions } from 'passport';
import OpenIDConnectStrategy from 'passport-openidconnect';
import type { OidcLoginConfig, TenantConfig } from '@kk/tenancy';
import { PUBLIC_ORIGIN } from '../kit';
import { IdTokenVerifier, type VerifiedIdentity } from './id-token-verifier';
import { OidcDiscovery } from './oidc-discovery';

/** The tenant's broker cannot be used: a missing secret, or discovery failed. */
export class OidcUnavailable extends Error {}

/** A broker login that proved itself, with the access token it issued for this login. */
export interface BrokerLogin {
  readonly identity: VerifiedIdentity;
  /** Bearer for the broker's APIs about this one login (the CPR match); kept server-side only. */
  readonly accessToken: string;
}

export type OidcCallbackOutcome = ({ ok: true } & BrokerLogin) | { ok: false; reason: string };

/** ReadonlyMap<slug, secret>: each OIDC tenant's client secret, resolved and checked at boot (resolveOidcClientSecrets). */
export const OIDC_CLIENT_SECRETS = Symbol('OIDC_CLIENT_SECRETS');

/** Long enough for a MitID login at the broker; the broker's own interaction lasts 15 minutes. */
const AUTHORIZATION_MINUTES = 15;

/**
 * The state store: one authorization request per session at a time, its state handle and
 * nonce kept server-side. Ours rather than the library's, because the library deletes the
 * nonce before calling verify, and the ID-token check below needs it.
 */
class SessionStateStore {
  constructor(
    private readonly strategyName: string,
    private readonly nonces: WeakMap<Request, string>,
  ) {}

  store(req: Request, ctx: StoreContext, _appState: unknown, _meta: unknown, cb: StoreCallback): void {
    const handle = randomBytes(24).toString('base64url');
    req.session.oidcAuthorization = { strategy: this.strategyName, handle, nonce: ctx.nonce };
    // The only session an anonymous click makes: short-lived (and /auth/oidc is rate-limited per address).
    req.session.cookie.maxAge = AUTHORIZATION_MINUTES * 60_000;
    cb(null, handle);
  }

  verify(req: Request, handle: unknown, cb: OpenIDConnectStrategy.SessionVerifyCallback): void {
    const stored = req.session.oidcAuthorization;
    // Single use, whatever the outcome: a replayed or tampered answer finds nothing.
    delete req.session.oidcAuthorization;
    if (
      !stored ||
      stored.strategy !== this.strategyName ||
      typeof handle !== 'string' ||
      !same(handle, stored.handle)
    ) {
      return cb(null, false, { message: 'the state does not match an authorization request of this session' });
    }
    if (stored.nonce) this.nonces.set(req, stored.nonce);
    cb(null, { nonce: stored.nonce });
  }
}

type StoreContext = OpenIDConnectStrategy.SessionStoreContext;
type StoreCallback = OpenIDConnectStrategy.SessionStoreCallback;

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

interface TenantStrategy {
  readonly name: string;
}

/**
 * One passport-openidconnect strategy per OIDC tenant, named by its slug and made on first
 * use from the broker's discovery document. A passport instance of its own: the portal
 * keeps its sessions itself and uses passport only for the authorization-code round trip.
 */
@Injectable()
export class OidcStrategies {
  private readonly passport = new Passport();
  private readonly strategies = new Map<string, Promise<TenantStrategy>>();
  private readonly nonces = new WeakMap<Request, string>();

  constructor(
    @Inject(OIDC_CLIENT_SECRETS) private readonly clientSecrets: ReadonlyMap<string, string>,
    /** The portal's public origin for a tenant host: the redirect URI is built from it, not from headers. */
    @Inject(PUBLIC_ORIGIN) private readonly publicOrigin: (host: string) => string,
    private readonly discovery: OidcDiscovery,
    private readonly verifier: IdTokenVerifier,
  ) {}

  /** Redirects to the broker, the state and nonce kept in the session. */
  async start(req: Request, res: Response, tenant: TenantConfig, login: OidcLoginConfig): Promise<void> {
    const { name } = await this.strategyFor(tenant, login);
    await new Promise<void>((resolve, reject) => {
      // The strategy ends the response with its redirect; the callback only ever sees errors.
      res.once('finish', () => resolve());
      const failed = (error: unknown): void =>
        reject(error instanceof Error ? error : new Error('the OIDC redirect failed'));
      this.run(name, req, res, tenant, failed);
    });
  }

  /** Exchanges the code (state checked by passport), then checks the ID token with jose. */
  async finish(
    req: Request,
    res: Response,
    tenant: TenantConfig,
    login: OidcLoginConfig,
  ): Promise<OidcCallbackOutcome> {
    const { name } = await this.strategyFor(tenant, login);
    return new Promise<OidcCallbackOutcome>((resolve) => {
      const done = (error: unknown, user: unknown, info: unknown): void => {
        if (error) return resolve({ ok: false, reason: error instanceof Error ? error.message : 'error' });
        if (isBrokerLogin(user)) return resolve({ ok: true, ...user });
        resolve({ ok: false, reason: messageOf(info) });
      };
      this.run(name, req, res, tenant, done);
    });
  }

  // passport types authenticate() as any; it is Express middleware with our callback.
  private run(name: string, req: Request, res: Response, tenant: TenantConfig, callback: AuthCallback): void {
    const options = authenticateOptions(this.callbackUrl(req, tenant));
    const handler = this.passport.authenticate(name, options, callback) as RequestHandler;
    handler(req, res, (error?: unknown) => callback(error ?? new Error('passport gave up'), false, undefined));
  }

  /**
   * The tenant host the citizen came in on (the tenant middleware resolved the tenant from
   * it), at the configured public origin: a forged Host or X-Forwarded-Proto header can
   * never put another address into the authorization request.
   */
  private callbackUrl(req: Request, tenant: TenantConfig): string {
    const host = tenant.hosts.find((h) => h === req.hostname);
    if (!host) throw new OidcUnavailable(`${req.hostname} is not a host of ${tenant.slug}`);
    return `${this.publicOrigin(host)}/auth/oidc/callback`;
  }

  private strategyFor(tenant: TenantConfig, login: OidcLoginConfig): Promise<TenantStrategy> {
    let strategy = this.strategies.get(tenant.slug);
    if (!strategy) {
      strategy = this.createStrategy(tenant, login);
      strategy.catch(() => this.strategies.delete(tenant.slug));
      this.strategies.set(tenant.slug, strategy);
    }
    return strategy;
  }

  private async createStrategy(tenant: TenantConfig, login: OidcLoginConfig): Promise<TenantStrategy> {
    // loadTenants already applied issuerEnv (a test's own stand-in, another deployment's broker).
    const issuer = login.issuer;
    const clientSecret = this.clientSecrets.get(tenant.slug);
    if (!clientSecret) throw new OidcUnavailable(`no client secret was resolved for tenant ${tenant.slug}`);
    const metadata = await this.discovery.metadata(issuer).catch((error: unknown) => {
      throw new OidcUnavailable(error instanceof Error ? error.message : 'OIDC discovery failed');
    });
    const name = `oidc:${tenant.slug}`;
    const strategy = new OpenIDConnectStrategy(
      {
        issuer,
        authorizationURL: metadata.authorizationEndpoint,
        tokenURL: metadata.tokenEndpoint,
        userInfoURL: metadata.userinfoEndpoint ?? '',
        clientID: login.clientId,
        clientSecret,
        // Given per request: the origin of the tenant host the citizen came in on.
        callbackURL: '',
        // The library puts "openid" in front of whatever it is given.
        scope: login.scopes.filter((scope) => scope !== 'openid'),
        // Typed as a string, read as a flag: a fresh random nonce per authorization request.
        nonce: 'true',
        passReqToCallback: true,
        skipUserProfile: true,
        store: new SessionStateStore(name, this.nonces),
      },
      // Eight parameters: passport-openidconnect passes the access token only to a verify of this arity.
      (
        req: Request,
        _iss: string,
        _profile: unknown,
        _ctx: object,
        idToken: string | object,
        accessToken: unknown,
        _refreshToken: unknown,
        done: Done,
      ) => {
        const expected = { issuer, audience: login.clientId, jwksUri: metadata.jwksUri, nonce: this.nonces.get(req) };
        this.verifier.verify(typeof idToken === 'string' ? idToken : '', expected).then(
          (identity) => done(null, { identity, accessToken: typeof accessToken === 'string' ? accessToken : '' }),
          (error: unknown) => done(null, false, { message: error instanceof Error ? error.message : 'refused' }),
        );
      },
    );
    this.passport.use(name, strategy);
    return { name };
  }
}

type AuthCallback = (error: unknown, user: unknown, info: unknown) => void;
type Done = (err: Error | null, user?: Express.User | false, info?: { message: string }) => void;

// passport's own options type does not know the strategy's per-request callbackURL.
function authenticateOptions(callbackURL: string): AuthenticateOptions {
  const options: AuthenticateOptions & OpenIDConnectStrategy.AuthenticateOptions = { session: false, callbackURL };
  return options;
}

function isBrokerLogin(value: unknown): value is BrokerLogin {
  const login = value as Partial<BrokerLogin> | null;
  return (
    typeof login?.accessToken === 'string' &&
    typeof login.identity?.issuer === 'string' &&
    typeof login.identity.subject === 'string'
  );
}

function messageOf(info: unknown): string {
  const message = (info as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : 'refused';
}
