import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { CprCipher } from '@kk/cardholders';
import { createAppDataSource, freePort, syncTenants } from '@kk/database';
import { defaultHashConcurrency } from '@kk/identity';
import { openLocalRedis } from '@kk/jobs';
import { defaultTenantsDir, loadTenants, type TenantConfig } from '@kk/tenancy';
import { spawnIdpSim } from '../../apps/idp-sim/src/spawn-idp-sim';
import { Cleanup } from './cleanup';
import { postmasterPid } from './cpu';
import { adminQuery, startBenchDatabase } from './database';
import { ClientAddresses, PortalBrowser, PortalTarget } from './portal-browser';
import { pageKey, pagePath, PAGES, Recorder, type BrowsingUser } from './portal-load';
import { portalBenchOptions, type PortalBenchOptions } from './portal-options';
import {
  portalResults,
  report,
  round,
  SCTIBS_HOST,
  summary,
  type PhaseContext,
  type PortalUnderTest,
  warmUp,
} from './portal-phases';
import { header, out, table } from './portal-report';
import { PortalSeeder, type EmailParent, type MitIdFamily } from './portal-seed';
import { childPid, newPortalSecrets, startPortalServer, type PortalServerSpec } from './portal-server';
import { mitIdSignIn, openLoginForm, postLoginForm, signedIn } from './portal-sign-in';
import { statementsPerPage } from './portal-statements';
import { enableStatementProfile } from './statement-profile';

/**
 * `npm run bench:portal`: the real portal (its own process, production mode behind a TLS
 * proxy) over a private PostgreSQL and Redis, both demo tenants, signed-in parents browsing
 * "Mine konti", Brugeroplysninger and a one-year statement in a closed loop; the login POST on
 * its own; and the pages again while bursts of logins run, to show what the bounded argon2
 * pool (PasswordHasher, PASSWORD_HASH_CONCURRENCY) keeps for them, on two portal processes
 * in turn: one with the default bound, one with the bound at libuv's four threads (what argon2
 * had before the pool). Prints; asserts nothing.
 */
const log = (line: string): void => void process.stdout.write(`· ${line}\n`);
const GLADSAXE_HOST = 'gladsaxekortet.localhost';

async function bench(cleanup: Cleanup): Promise<void> {
  const options = portalBenchOptions(process.argv.slice(2));
  const bound = options.hashConcurrency ?? defaultHashConcurrency();
  log(
    `${options.users} parents per tenant, ${options.seconds} s phases, login bursts of ${options.burst}, ` +
      `${availableParallelism()} cores, the portal's PASSWORD_HASH_CONCURRENCY ${bound}`,
  );
  log('starting a private PostgreSQL and Redis, migrating…');
  const db = await startBenchDatabase(cleanup, options.statementProfile && 'with planning');
  if (options.statementProfile) await enableStatementProfile(db.adminUrl);
  const redis = await openLocalRedis(undefined, { port: await freePort() });
  cleanup.add('Redis', () => redis.release());
  const logs = mkdtempSync(join(tmpdir(), 'kantinekort-bench-portal-'));
  cleanup.add('log dir', async () => rmSync(logs, { recursive: true, force: true }));

  const registry = loadTenants(defaultTenantsDir());
  const tenants = [registry.require('sctibs'), registry.require('gladsaxe')];
  const secrets = newPortalSecrets();
  const today = DateTime.now().setZone('Europe/Copenhagen').startOf('day');
  const { parents, burstParents, families, seeder } = await seed(
    db.appUrl,
    db.adminUrl,
    tenants,
    secrets,
    today,
    options,
    cleanup,
  );

  const callback = `https://${GLADSAXE_HOST}/auth/oidc/callback`;
  const sim = await spawnIdpSim({
    port: await freePort(),
    clientSecret: secrets.oidcClientSecret,
    redirectUris: [callback],
  });
  cleanup.add('MitID stand-in', () => sim.stop());
  const spec = (hashConcurrency: number | undefined, name: string): PortalServerSpec => ({
    appUrl: db.appUrl,
    redisUrl: redis.url,
    issuer: sim.issuer,
    secrets,
    tenants,
    hashConcurrency,
    logFile: join(logs, `${name}.log`),
    cpuProfileDir: options.cpuProfileDir,
  });
  const portals: PortalUnderTest[] = [];
  const bounds = [bound, ...(options.compareBound > 0 && options.compareBound !== bound ? [options.compareBound] : [])];
  for (const [i, b] of bounds.entries()) {
    // The first keeps the app's own default when no bound was asked for.
    const server = await startPortalServer(spec(i === 0 ? options.hashConcurrency : b, `portal-${i + 1}`), cleanup);
    portals.push({ label: `bound ${b}`, port: server.port, pid: server.pid });
  }
  const target = new PortalTarget(portals[0].port);
  cleanup.add('HTTP agent', async () => target.close());

  const addresses = new ClientAddresses();
  const users = await signIn(target, addresses, parents, families, options, seeder);
  const period = { fra: today.minus({ years: 1 }).toISODate()!, til: today.toISODate()! };
  const ctx: PhaseContext = {
    options,
    target,
    users,
    burstParents,
    period,
    addresses,
    pages: pageKeys(),
    pgPid: postmasterPid(db.dataDir),
    redisPid: childPid('redis-server'),
  };
  await checkPages(ctx);
  if (options.statementProfile) await statementsPerPage(db.adminUrl, users, period);
  log(
    `${options.rounds} round(s), each on ${portals.map((p) => `the portal with ${p.label}`).join(' and then ')}: ` +
      `browsing alone, a login burst alone, browsing while bursts run`,
  );
  for (const portal of portals) await warmUp(ctx, portal);
  const results = portals.map(portalResults);
  for (let r = 0; r < options.rounds; r += 1) for (const result of results) await round(ctx, result);
  for (const result of results) report(ctx, result);
  summary(ctx, results);
}

const pageKeys = () => ['sctibs', 'gladsaxe'].flatMap((tenant) => PAGES.map((page) => pageKey(tenant, page)));

async function seed(
  appUrl: string,
  adminUrl: string,
  tenants: readonly TenantConfig[],
  secrets: ReturnType<typeof newPortalSecrets>,
  today: DateTime,
  options: PortalBenchOptions,
  cleanup: Cleanup,
): Promise<{ parents: EmailParent[]; burstParents: EmailParent[]; families: MitIdFamily[]; seeder: PortalSeeder }> {
  const ds = await createAppDataSource({ url: appUrl, poolSize: 8, applicationName: 'bench-portal-seed' }).initialize();
  cleanup.add('seed DataSource', async () => void (ds.isInitialized && (await ds.destroy())));
  await syncTenants(
    ds,
    tenants.map((t) => ({ slug: t.slug, name: t.displayName })),
  );
  const started = performance.now();
  const seeder = new PortalSeeder(ds, new CprCipher(secrets.cprEncryptionKey, secrets.cprHmacKey), today);
  const parents = await seeder.emailParents('sctibs', options.users);
  const burstParents = await seeder.burstParents('sctibs', options.burst, parents);
  const families = await seeder.mitIdFamilies('gladsaxe', options.users);
  const movements = await seeder.histories();
  await adminQuery(adminUrl, 'VACUUM ANALYZE');
  log(
    `seeded ${parents.length} e-mail parents (sctibs) and ${families.length} MitID citizens with ` +
      `${families.reduce((n, f) => n + f.accountIds.length, 0)} accounts (gladsaxe), a year each: ${movements} ` +
      `movements, and ${burstParents.length} more e-mail logins for the bursts, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  // The seeder stays: the MitID families' first sign-ins are granted their children's accounts.
  return { parents, burstParents, families, seeder };
}

/**
 * sctibs: every parent posts the login form at the same moment. gladsaxe: each citizen's first
 * MitID sign-in (the CPR step links the login), then every browsing user signs in through the
 * broker at the same moment: the stand-in knows four citizens with a CPR number, so each of
 * them signs in several times, each browser looking at another of that family's accounts.
 */
async function signIn(
  target: PortalTarget,
  addresses: ClientAddresses,
  parents: readonly EmailParent[],
  families: readonly MitIdFamily[],
  options: PortalBenchOptions,
  seeder: PortalSeeder,
): Promise<BrowsingUser[]> {
  const recorder = new Recorder();
  for (const family of families) {
    await mitIdSignIn(new PortalBrowser(target, GLADSAXE_HOST, addresses.take()), family.sub, family.cpr);
    await seeder.grantChildren('gladsaxe', family);
  }
  const forms = await Promise.all(
    parents.map((p) => openLoginForm(new PortalBrowser(target, SCTIBS_HOST, addresses.take()), p)),
  );
  const emailKey = `sctibs · login POST, ${forms.length} at once`;
  const replies = await Promise.all(forms.map(postLoginForm));
  replies.forEach((reply) => recorder.record(emailKey, reply, signedIn(reply)));
  if (!replies.every(signedIn)) throw new Error(`a sign-in failed: ${replies.map((r) => r.status).join(' ')}`);
  const sctibs = forms.map((form, i) => ({ tenant: 'sctibs', browser: form.browser, accountId: parents[i].accountId }));

  const mitIdKey = `gladsaxe · MitID sign-in, ${options.users} at once`;
  const gladsaxe = await Promise.all(
    Array.from({ length: options.users }, async (_, k) => {
      const family = families[k % families.length];
      const browser = new PortalBrowser(target, GLADSAXE_HOST, addresses.take());
      recorder.recordTime(mitIdKey, await mitIdSignIn(browser, family.sub));
      return { tenant: 'gladsaxe', browser, accountId: family.accountIds[Math.floor(k / families.length)] };
    }),
  );
  header('sign-in: real sessions and CSRF (e-mail), real OIDC round trips through the MitID stand-in');
  table(recorder, [emailKey, mitIdKey], 1);
  out('(req/s is not meaningful for a one-off burst)');
  return [...sctibs, ...gladsaxe];
}

/** Every user's three pages once: all 200, and what they weigh; the statement's movements and rows. */
async function checkPages(run: PhaseContext): Promise<void> {
  const recorder = new Recorder();
  const rows = new Map<string, string>();
  for (const user of run.users) {
    for (const page of PAGES) {
      const reply = await user.browser.get(pagePath(page, user.accountId, run.period));
      if (reply.status !== 200) throw new Error(`${user.tenant} ${page} answered ${reply.status}`);
      recorder.record(pageKey(user.tenant, page), reply, true);
      if (page === PAGES[2]) rows.set(user.tenant, statementRows(reply.body));
    }
  }
  header('each page once per user, one at a time (cold-ish)');
  table(recorder, run.pages, 1);
  out(`statement (page 1): ${[...rows].map(([t, n]) => `${t} ${n}`).join('; ')}`);
}

/** "1956 movements in the period, 100 rows on the page": the caption's count and the rows shown. */
function statementRows(html: string): string {
  const count = /(\d+) bevægelser i perioden/.exec(html)?.[1] ?? '?';
  return `${count} movements in the period, ${(html.match(/data-row="movement"/g) ?? []).length} rows on the page`;
}

const cleanup = new Cleanup();
cleanup.installSignalHandlers();
bench(cleanup)
  .catch((error: unknown) => {
    process.stderr.write(`bench:portal failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanup.runAll());
