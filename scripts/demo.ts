import { join } from 'node:path';
import { CprCipher } from '@kk/cardholders';
import { DEMO_OIDC_CLIENT_SECRET, loadEnv } from '@kk/config';
import { assertRestrictedRole, createAppDataSource, openLocalPostgres, syncTenants } from '@kk/database';
import { openLocalRedis } from '@kk/jobs';
import { defaultTenantsDir, loadTenants } from '@kk/tenancy';
import { idpSimOptionsFromEnv, startIdpSim } from '../apps/idp-sim/src/main';
import { startPos } from '../apps/pos/src/main';
import { startWeb } from '../apps/web/src/main';
import { startWorker } from '../apps/worker/src/main';
import { DEMO_DATA } from './demo/demo-data';
import { startMailCatcher } from './demo/mail-catcher';
import { seedDemoData, type DemoTill } from './demo/seed-demo-data';
import { seedDemoLogins, type DemoLogin } from './demo/seed-demo-logins';

type Stop = () => Promise<unknown>;

/** `npm run demo`: every server, demo tenants and data, until Ctrl-C. */
async function main(): Promise<void> {
  const env = loadEnv();
  const tenants = loadTenants(defaultTenantsDir());
  const stops: Stop[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse())
      await stop().catch((e: unknown) => process.stderr.write(`shutdown: ${String(e)}\n`));
  };
  let stopping = false;
  const onSignal = (): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping …\n');
    void stopAll().then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const db = await openLocalPostgres(env);
    stops.push(() => db.release());
    const redis = await openLocalRedis(env.REDIS_URL, { port: env.REDIS_PORT, dataDir: join(env.DATA_DIR, 'redis') });
    stops.push(() => redis.release());

    const ds = await createAppDataSource({ url: db.appUrl, poolSize: 2, applicationName: 'demo-seed' }).initialize();
    stops.push(() => ds.destroy());
    await assertRestrictedRole((sql) => ds.query(sql));
    await syncTenants(
      ds,
      tenants.all().map((t) => ({ slug: t.slug, name: t.displayName })),
    );
    const cipher = new CprCipher(env.CPR_ENCRYPTION_KEY, env.CPR_HMAC_KEY);
    const tills = await seedDemoData(
      ds,
      cipher,
      tenants.all().map((t) => t.slug),
    );
    const logins = await seedDemoLogins(ds, cipher);

    // The portal and the MitID stand-in must agree on the demo client's secret.
    process.env.GLADSAXE_OIDC_CLIENT_SECRET ??= DEMO_OIDC_CLIENT_SECRET;
    const web = await startWeb(env, db.appUrl, redis.url);
    stops.push(() => web.stop());
    const pos = await startPos(db.appUrl, env.POS_PORT);
    stops.push(() => pos.stop());
    const worker = await startWorker({ env: { ...env, REDIS_URL: redis.url } });
    stops.push(() => worker.stop());
    const mail = await startMailCatcher({ smtpPort: 1025, webPort: 1080 });
    stops.push(() => mail.stop());
    // A stable signing key, so a broker restart does not invalidate the portal's cached JWKS.
    const idp = await startIdpSim({
      ...idpSimOptionsFromEnv(process.env),
      signingKeyFile: join(env.DATA_DIR, 'idp-sim', 'signing-key.json'),
    });
    stops.push(() => idp.stop());

    printWelcome(env.WEB_PORT, pos.url, db.adminUrl, redis.url, tenants.all(), tills, logins, {
      mail: mail.webUrl,
      idp: idp.issuer,
      ops: [`http://localhost:${env.WEB_PORT}`, pos.opsUrl, worker.opsUrl],
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function printWelcome(
  webPort: number,
  posUrl: string,
  adminUrl: string,
  redisUrl: string,
  tenants: readonly { slug: string; productName: string; hosts: readonly string[] }[],
  tills: readonly DemoTill[],
  logins: readonly DemoLogin[],
  standIns: { mail: string; idp: string; ops: readonly string[] },
): void {
  const safeDb = new URL(adminUrl);
  safeDb.password = '***';
  const lines: string[] = ['', 'Kantinekort demo is running. Ctrl-C stops everything.', ''];
  for (const tenant of tenants) {
    lines.push(`  ${tenant.productName} portal: ${tenant.hosts.map((h) => `http://${h}:${webPort}`).join(', ')}`);
  }
  lines.push(`  POS API:      ${posUrl}   (OpenAPI: ${posUrl}/openapi.json)`);
  lines.push(`  Caught email: ${standIns.mail}`, `  MitID stand-in (OIDC): ${standIns.idp}`);
  lines.push(`  PostgreSQL:   ${safeDb.toString()}`, `  Redis:        ${redisUrl}`);
  lines.push(`  Health and metrics (/health/live, /health/ready, /metrics): ${standIns.ops.join(', ')}`, '');
  lines.push('Demo till API keys (Authorization: Bearer <key>):');
  for (const till of tills)
    lines.push(`  ${till.tenant.padEnd(10)} ${`${till.unit} / ${till.name}`.padEnd(30)} ${till.apiKey}`);
  lines.push('', 'Demo portal logins:');
  for (const login of logins) {
    lines.push(`  ${login.tenant.padEnd(10)} ${login.email} / ${login.password}   (sees ${login.sees})`);
  }
  lines.push(
    '  gladsaxe   "Log på med MitID" and pick a test citizen. The first login asks the CPR number, and the MitID',
    "             stand-in confirms it is that citizen's own (CPR match): Mette Sørensen 1505801234, Lars Pedersen",
    "             0304751235. Another citizen's number is refused. Sofie Nielsen has no card here; Jonas Berg has",
    '             no CPR number.',
  );
  lines.push('', 'Demo cards:');
  for (const [tenant, data] of Object.entries(DEMO_DATA)) {
    for (const c of data.cardholders) {
      lines.push(
        `  ${tenant.padEnd(10)} ${c.cardNumber.padEnd(18)} ${c.name.padEnd(20)} ${(c.balance / 100).toFixed(2).padStart(8)} kr  ${c.note}`,
      );
    }
  }
  const first = tills[0];
  if (first) {
    const card = DEMO_DATA[first.tenant]?.cardholders[0]?.cardNumber ?? '';
    lines.push(
      '',
      'Try a purchase:',
      `  curl -s -X POST ${posUrl}/purchases -H 'Authorization: Bearer ${first.apiKey}' \\`,
      `    -H 'Idempotency-Key: demo-1' -H 'Content-Type: application/json' -d '{"cardNumber":"${card}","amount":3500}'`,
      '',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
