import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { CprCipher, createCardholderWithAccount } from '@kk/cardholders';
import { inTenant, syncTenants } from '@kk/database';
import { PasswordHasher } from '@kk/identity';
import { postTransaction, systemAccountId } from '@kk/ledger';
import { defaultTenantsDir, loadTenants, TenantRegistry, type TenantConfig } from '@kk/tenancy';
import { openAppDataSource, testEnv, uniqueCardNumber, uniqueSlug } from '@kk/testing';
import { createWebApp } from '../../apps/web/src/web-app.factory';

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
  close(): Promise<void>;
}

/** The real portal over the real database and Redis, with tenants of this test file's own. */
export async function startPortalTestApp(): Promise<PortalTestApp> {
  const repo = loadTenants(defaultTenantsDir());
  const copy = (source: TenantConfig): TenantConfig => {
    const slug = uniqueSlug();
    return { ...source, slug, hosts: [`${slug}.localhost`] };
  };
  const emailTenant = copy(repo.require('sctibs'));
  const oidcTenant = copy(repo.require('gladsaxe'));
  const ds = await openAppDataSource(4);
  await syncTenants(
    ds,
    [emailTenant, oidcTenant].map((t) => ({ slug: t.slug, name: t.displayName })),
  );
  const redis = new Redis(testEnv().redisUrl);
  const app = await createWebApp({
    logger: false,
    tenants: { registry: new TenantRegistry([emailTenant, oidcTenant]) },
    portal: { dataSource: ds, redis, sessionSecret: 'test-session-secret-of-at-least-32-chars', secureCookies: false },
  });
  return {
    app,
    ds,
    emailTenant,
    oidcTenant,
    close: async () => {
      await app.close();
      redis.disconnect();
      await ds.destroy();
    },
  };
}

export interface TestLogin {
  readonly loginId: string;
  readonly email: string;
  readonly password: string;
  readonly cardNumber: string;
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
    const holder = await createCardholderWithAccount(tx, TEST_CIPHER, {
      cpr: '0101121234',
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
    return { loginId: login.id, email, password, cardNumber: holder.cardNumber };
  });
}

/** The CSRF token of the first form on a page. */
export function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}
