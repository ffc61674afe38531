import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { DEMO_PAYMENT_KEYS } from '@kk/config';
import { freePort, syncTenants } from '@kk/database';
import { ConfiguredPaymentProviders, registerMobilePayWebhook } from '@kk/payments';
import { defaultTenantsDir, loadTenants, tenantIdFromSlug, TenantRegistry, type TenantConfig } from '@kk/tenancy';
import {
  openAppDataSource,
  TEST_CPR_CIPHER,
  TEST_TOTP_BOX,
  testEnv,
  testPaymentEnv,
  uniqueSlug,
  withGateway,
} from '@kk/testing';
import { startEmailDelivery, type EmailDeliveryRun } from '../../apps/worker/src/email/email-delivery.runner';
import { WEBHOOK_PATHS } from '../../apps/web/src/deposits/payment-links';
import type { RateLimitSettings } from '../../apps/web/src/kit';
import type { CprGuessLimitSettings } from '../../apps/web/src/oidc/cpr-guess-limits';
import { createWebApp, type WebAppOptions } from '../../apps/web/src/web-app.factory';
import { cookieHeaderFrom } from './portal-hardening-support';

/** The portal's session secret in these tests; its outbox e-mails are sealed under a key derived from it. */
export const TEST_SESSION_SECRET = 'test-session-secret-of-at-least-32-chars';

/** The suite's keys (test/support), as the factories use them. */
export const TEST_CIPHER = TEST_CPR_CIPHER;

// The one person and login factory, for the web specs that import it from here.
export { createEmailLogin, type TestLogin } from '@kk/testing';

export interface PortalTestApp {
  readonly app: NestExpressApplication;
  readonly ds: DataSource;
  /** A copy of sctibs (email login) and of gladsaxe (MitID), each with a host of its own. */
  readonly emailTenant: TenantConfig;
  readonly oidcTenant: TenantConfig;
  /** The security event log's lines, parsed, newest last. */
  readonly securityEvents: Record<string, unknown>[];
  /** With the `email` option: the in-process relay and e-mail consumer (its queues, its relay). */
  readonly emailDelivery?: EmailDeliveryRun;
  /**
   * Listens on a free loopback port (for a browser); links and the OIDC redirect then carry
   * that port. Without it (supertest) they carry none, as supertest's Host header has none.
   * With the `payments` option the port was picked at start (links carry it from the first
   * request, and MobilePay's webhook is registered for it), and listen() listens on that one.
   */
  listen(): Promise<number>;
  /** The public origin the portal gives a host's links (return URLs, the OIDC redirect) right now. */
  origin(host: string): string;
  close(): Promise<void>;
}

/** Points the OIDC tenant at a broker of the test's own (e.g. a spawned idp-sim). */
export interface PortalTestOidc {
  readonly issuer: string;
  readonly clientSecret: string;
}

/**
 * Sign-up and "Glemt adgangskode", sending to a test's SMTP catcher. Off by default, so the
 * other portal tests see only their own routes. Their e-mails go through the outbox, as in
 * production: the worker's relay and e-mail consumer run in the test process, on Bull queues
 * of this app's own, and send to `smtpUrl`.
 */
export interface PortalTestEmail {
  readonly smtpUrl: string;
  /** How often the in-process relay looks at the outbox; 25 ms unless given. */
  readonly relayIntervalMs?: number;
}

/**
 * "Indbetal": both tenant copies take payments at a gateway stand-in of the test's own
 * (startGatewaySim), with its demo keys, and MobilePay's webhook registered there for the
 * OIDC tenant's host and the portal's port, its secret the one the portal checks.
 */
export interface PortalTestPayments {
  /** The stand-in's origin (RunningGatewaySim.url). */
  readonly gatewayUrl: string;
}

export interface PortalTestOptions {
  readonly oidc?: PortalTestOidc;
  readonly payments?: PortalTestPayments;
  readonly email?: PortalTestEmail;
  readonly rateLimits?: Partial<RateLimitSettings>;
  readonly cprGuessLimits?: CprGuessLimitSettings;
  /** The OIDC tenant's settings over gladsaxe's (e.g. cprVerification: 'claim'). */
  readonly oidcLogin?: Record<string, unknown>;
  /** As behind a TLS proxy: an https public origin, hence Secure, `__Host-` cookies. Off by default. */
  readonly secureCookies?: boolean;
  /** Express's `trust proxy` (TRUST_PROXY); unset, no proxy is believed. */
  readonly trustProxy?: boolean | number | string[];
  /** A Redis database of the test's own (1–15), so it can count the keys the portal writes. */
  readonly redisDb?: number;
  /** The JSON request logs' level and destination (e.g. a LogCapture's); unset, silent in tests. */
  readonly log?: WebAppOptions['log'];
}

/** The real portal over the real database and Redis, with tenants of this test file's own. */
export async function startPortalTestApp(options: PortalTestOptions = {}): Promise<PortalTestApp> {
  const repo = loadTenants(defaultTenantsDir());
  const copy = (source: TenantConfig): TenantConfig => {
    const slug = tenantIdFromSlug(uniqueSlug());
    return { ...source, slug, hosts: [`${slug}.localhost`] };
  };
  const atGateway = (tenant: TenantConfig) =>
    options.payments ? withGateway(tenant, options.payments.gatewayUrl) : tenant;
  const emailTenant = atGateway(copy(repo.require('sctibs')));
  const oidcTenant = atGateway(withTestBroker(copy(repo.require('gladsaxe')), options.oidc, options.oidcLogin));
  const securityEvents: Record<string, unknown>[] = [];
  // A provider's webhook needs the address before the portal runs: the port is chosen now.
  const paymentsPort = options.payments ? await freePort() : undefined;
  let listeningPort = paymentsPort;
  const eventStream = {
    write: (line: string) => void securityEvents.push(JSON.parse(line) as Record<string, unknown>),
  };
  const ds = await openAppDataSource(4);
  await syncTenants(
    ds,
    [emailTenant, oidcTenant].map((t) => ({ slug: t.slug, name: t.displayName })),
  );
  const redis = new Redis(testEnv().redisUrl, { db: options.redisDb ?? 0 });
  const scheme = options.secureCookies ? 'https' : 'http';
  const origin = (host: string) => (listeningPort ? `${scheme}://${host}:${listeningPort}` : `${scheme}://${host}`);
  const paymentProviders = options.payments
    ? new ConfiguredPaymentProviders(
        [emailTenant, oidcTenant],
        testPaymentEnv(
          [emailTenant, oidcTenant],
          await mobilePayWebhookSecret(oidcTenant, origin(oidcTenant.hosts[0])),
        ),
        true,
      )
    : undefined;
  const emailDelivery = options.email
    ? startEmailDelivery({
        dataSource: ds,
        redisUrl: testEnv().redisUrl,
        prefix: `portal-test-${uniqueSlug()}`,
        smtpUrl: options.email.smtpUrl,
        sessionSecret: TEST_SESSION_SECRET,
        tenantIds: [emailTenant.slug, oidcTenant.slug],
        relayIntervalMs: options.email.relayIntervalMs ?? 25,
      })
    : undefined;
  const app = await createWebApp({
    logger: false,
    log: options.log,
    trustProxy: options.trustProxy,
    tenants: { registry: new TenantRegistry([emailTenant, oidcTenant]) },
    portal: {
      dataSource: ds,
      redis,
      sessionSecret: TEST_SESSION_SECRET,
      secureCookies: options.secureCookies ?? false,
      publicOrigin: origin,
      oidcClientSecrets: new Map(options.oidc ? [[oidcTenant.slug, options.oidc.clientSecret]] : []),
      cprCipher: TEST_CIPHER,
      totpSecretBox: TEST_TOTP_BOX,
      securityEventDestination: eventStream,
      rateLimits: options.rateLimits,
      cprGuessLimits: options.cprGuessLimits,
      emailAccounts: emailDelivery !== undefined,
      paymentProviders,
    },
  });
  return {
    app,
    ds,
    emailTenant,
    oidcTenant,
    securityEvents,
    emailDelivery,
    listen: async () => {
      listeningPort = paymentsPort ?? (await freePort());
      await app.listen(listeningPort, '127.0.0.1');
      return listeningPort;
    },
    origin,
    close: async () => {
      await app.close();
      // quit, not disconnect: rate-limit stores may still be loading their scripts.
      await redis.quit();
      await emailDelivery?.stop();
      if (ds.isInitialized) await ds.destroy();
    },
  };
}

/**
 * Registers `origin`'s MobilePay webhook at the tenant's sales unit, as an operator does once,
 * and answers the secret MobilePay signs with (what GLADSAXE_MOBILEPAY_WEBHOOK_SECRET holds).
 */
async function mobilePayWebhookSecret(tenant: TenantConfig, origin: string): Promise<string | undefined> {
  const mobilepay = tenant.payments?.mobilepay;
  if (!mobilepay) return undefined;
  const credentials = {
    baseUrl: mobilepay.baseUrl,
    clientId: mobilepay.clientId,
    merchantSerialNumber: mobilepay.merchantSerialNumber,
    clientSecret: DEMO_PAYMENT_KEYS.mobilePayClientSecret,
    subscriptionKey: DEMO_PAYMENT_KEYS.mobilePaySubscriptionKey,
  };
  const { secret } = await registerMobilePayWebhook(credentials, `${origin}${WEBHOOK_PATHS.mobilepay}`);
  return secret;
}

/** Points the OIDC tenant copy at the test's own broker, as GLADSAXE_OIDC_ISSUER would. */
function withTestBroker(
  tenant: TenantConfig,
  oidc: PortalTestOidc | undefined,
  overrides: Record<string, unknown> = {},
): TenantConfig {
  if (tenant.login.method !== 'oidc') return tenant;
  const login = { ...tenant.login, ...(oidc ? { issuer: oidc.issuer } : {}), ...overrides } as typeof tenant.login;
  return { ...tenant, login };
}

/** The CSRF token of the first form on a page. */
export function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}

type Agent = ReturnType<typeof request.agent>;

/** How postForm and signInWithPassword post beyond a plain browser's defaults; all optional. */
export interface PostFormOptions {
  /** Extra headers on both requests, the page's and the form's (e.g. X-Forwarded-Proto from a TLS proxy). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Extra headers on the form's request only (e.g. an X-Request-Id to find its log line, a client's X-Forwarded-For). */
  readonly formHeaders?: Readonly<Record<string, string>>;
  /**
   * Sends the page's cookies back with the form by hand, as a browser over https would: for a
   * plain `request(server)`, which keeps no cookies, when the CSRF cookie is Secure.
   */
  readonly pageCookies?: boolean;
}

/** A form's answer, and the page it was posted from (for that page's headers and cookies). */
export type FormAnswer = request.Response & { readonly page: request.Response };

/** Posts a form as a browser would: first the page (for its CSRF token), then the form. */
export async function postForm(
  a: Agent,
  host: string,
  path: string,
  form: Record<string, string>,
  pagePath = path,
  options: PostFormOptions = {},
): Promise<FormAnswer> {
  const page = await a
    .get(pagePath)
    .set('Host', host)
    .set({ ...options.headers });
  const post = a
    .post(path)
    .set('Host', host)
    .set({ ...options.headers, ...options.formHeaders });
  if (options.pageCookies) post.set('Cookie', cookieHeaderFrom(page));
  const res = await post.type('form').send({ _csrf: csrfTokenOf(page.text), ...form });
  return Object.assign(res, { page });
}

/**
 * The one sign-in helper of the web specs: "Log på med E-Mail" as a browser posts it (the
 * page for its CSRF token, then the form) in the agent `a`. Returns the form's answer.
 */
export function signInWithPassword(
  a: Agent,
  host: string,
  who: { readonly email: string; readonly password: string },
  next = '/konti',
  options: PostFormOptions = {},
): Promise<FormAnswer> {
  return postForm(a, host, '/login', { email: who.email, password: who.password, next }, '/login', options);
}

/** A new browser signed in as `who` (the sign-in must succeed). */
export async function signedInAgent(
  app: NestExpressApplication,
  host: string,
  who: { readonly email: string; readonly password: string },
): Promise<Agent> {
  const a = request.agent(app.getHttpServer());
  const res = await signInWithPassword(a, host, who);
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  return a;
}
