import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { CprCipher, createCardholderWithAccount } from '@kk/cardholders';
import { freePort, inTenant, syncTenants } from '@kk/database';
import { PasswordHasher, TotpSecretBox } from '@kk/identity';
import { postTransaction, systemAccountId } from '@kk/ledger';
import { defaultTenantsDir, loadTenants, TenantRegistry, type TenantConfig } from '@kk/tenancy';
import { openAppDataSource, testEnv, uniqueCardNumber, uniqueSlug } from '@kk/testing';
import { startEmailDelivery, type EmailDeliveryRun } from '../../apps/worker/src/email/email-delivery.runner';
import type { RateLimitSettings } from '../../apps/web/src/http/rate-limits';
import type { CprGuessLimitSettings } from '../../apps/web/src/oidc/cpr-guess-limits';
import { SecurityEventLog } from '../../apps/web/src/security-log/security-event-log';
import { createWebApp } from '../../apps/web/src/web-app.factory';

/** The portal's session secret in these tests; its outbox e-mails are sealed under a key derived from it. */
export const TEST_SESSION_SECRET = 'test-session-secret-of-at-least-32-chars';

export const TEST_TOTP_BOX = new TotpSecretBox(Buffer.alloc(32, 5).toString('base64'));

export const TEST_CIPHER = new CprCipher(
  Buffer.alloc(32, 7).toString('base64'),
  Buffer.alloc(32, 9).toString('base64'),
);

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
   */
  listen(): Promise<number>;
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

export interface PortalTestOptions {
  readonly oidc?: PortalTestOidc;
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
}

/** The real portal over the real database and Redis, with tenants of this test file's own. */
export async function startPortalTestApp(options: PortalTestOptions = {}): Promise<PortalTestApp> {
  const repo = loadTenants(defaultTenantsDir());
  const copy = (source: TenantConfig): TenantConfig => {
    const slug = uniqueSlug();
    return { ...source, slug, hosts: [`${slug}.localhost`] };
  };
  const emailTenant = copy(repo.require('sctibs'));
  const oidcTenant = withTestBroker(copy(repo.require('gladsaxe')), options.oidc, options.oidcLogin);
  const securityEvents: Record<string, unknown>[] = [];
  let listeningPort: number | undefined;
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
    trustProxy: options.trustProxy,
    tenants: { registry: new TenantRegistry([emailTenant, oidcTenant]) },
    portal: {
      dataSource: ds,
      redis,
      sessionSecret: TEST_SESSION_SECRET,
      secureCookies: options.secureCookies ?? false,
      publicOrigin: (host) => (listeningPort ? `${scheme}://${host}:${listeningPort}` : `${scheme}://${host}`),
      oidcClientSecrets: new Map(options.oidc ? [[oidcTenant.slug, options.oidc.clientSecret]] : []),
      cprCipher: TEST_CIPHER,
      totpSecretBox: TEST_TOTP_BOX,
      securityEvents: new SecurityEventLog(eventStream),
      rateLimits: options.rateLimits,
      cprGuessLimits: options.cprGuessLimits,
      ...(emailDelivery ? { emailAccounts: {} } : {}),
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
      listeningPort = await freePort();
      await app.listen(listeningPort, '127.0.0.1');
      return listeningPort;
    },
    close: async () => {
      await app.close();
      // quit, not disconnect: rate-limit stores may still be loading their scripts.
      await redis.quit();
      await emailDelivery?.stop();
      if (ds.isInitialized) await ds.destroy();
    },
  };
}

export interface TestLogin {
  readonly loginId: string;
  readonly email: string;
  readonly password: string;
  readonly cardNumber: string;
  /** The cardholder's CPR, unique within the process (a real date in March 1990). */
  readonly cpr: string;
}

let cprCounter = 0;
// CPR numbers are unique per tenant; each call gets its own (01–28 March 1990, serials 1001+).
export function nextTestCpr(): string {
  cprCounter += 1;
  if (cprCounter > 28 * 8000) throw new Error('out of test CPR numbers');
  const day = ((cprCounter - 1) % 28) + 1;
  const serial = 1000 + Math.ceil(cprCounter / 28);
  return `${String(day).padStart(2, '0')}0390${serial}`;
}

/** A cardholder with a card and a balance, and an email login that sees them. */
export async function createEmailLogin(
  ds: DataSource,
  tenantId: string,
  options: { name: string; balance: number; password?: string },
): Promise<TestLogin> {
  const email = `${uniqueSlug('forælder')}@example.dk`;
  const password = options.password ?? 'korrekt hest batteri hæfteklamme';
  const hash = await new PasswordHasher().hash(password);
  return inTenant(ds, tenantId, async (tx) => {
    const cpr = nextTestCpr();
    const holder = await createCardholderWithAccount(tx, TEST_CIPHER, {
      cpr,
      name: options.name,
      cardNumber: uniqueCardNumber(),
    });
    if (options.balance > 0) {
      await postTransaction(tx, {
        kind: 'test_credit',
        idempotencyKey: `test-credit:${holder.accountId}`,
        postings: [
          { ledgerAccountId: holder.accountId, amount: options.balance },
          { ledgerAccountId: await systemAccountId(tx, 'cash_office'), amount: -options.balance },
        ],
      });
    }
    const [login] = await tx.query<{ id: string }>(
      `INSERT INTO logins (tenant_id, email, password_hash, cardholder_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [tenantId, email, hash, holder.cardholderId],
    );
    await tx.query(`INSERT INTO login_access (tenant_id, login_id, cardholder_id, kind) VALUES ($1, $2, $3, 'self')`, [
      tenantId,
      login.id,
      holder.cardholderId,
    ]);
    return { loginId: login.id, email, password, cardNumber: holder.cardNumber, cpr };
  });
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

/** Posts a form as a browser would: first the page (for its CSRF token), then the form. */
export async function postForm(a: Agent, host: string, path: string, form: Record<string, string>, pagePath = path) {
  const page = await a.get(pagePath).set('Host', host);
  return a
    .post(path)
    .set('Host', host)
    .type('form')
    .send({ _csrf: csrfTokenOf(page.text), ...form });
}
