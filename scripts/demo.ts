import { join } from 'node:path';
import { CprCipher } from '@kk/cardholders';
import { DEMO_OIDC_CLIENT_SECRET, DEMO_PAYMENT_KEYS, loadEnv, publicOrigin, type Env } from '@kk/config';
import { assertRestrictedRole, createAppDataSource, openLocalPostgres, syncTenants } from '@kk/database';
import { openLocalRedis } from '@kk/jobs';
import { registerMobilePayWebhook } from '@kk/payments';
import { defaultTenantsDir, loadTenants, type TenantConfig } from '@kk/tenancy';
import {
  DEMO_MOBILEPAY_PHONE_NUMBER,
  gatewaySimOptionsFromEnv,
  startGatewaySim,
  TEST_CARDS,
} from '../apps/gateway-sim/src/main';
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
    // The payment providers' stand-in, before the portal and the worker build their providers:
    // the tenants point at it, and its MobilePay webhook secret is in the variable they name.
    const gateway = await startGatewaySim(gatewaySimOptionsFromEnv(process.env));
    stops.push(() => gateway.stop());
    process.env.PAYMENT_GATEWAY_URL ??= gateway.url;
    await registerDemoMobilePayWebhooks(env, loadTenants(defaultTenantsDir()).all(), gateway.url);
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
      gateway: gateway.url,
      ops: [`http://localhost:${env.WEB_PORT}`, pos.opsUrl, worker.opsUrl],
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * What an operator does once per MobilePay sales unit, done at every start because the
 * stand-in keeps its registrations in memory: register the portal's webhook URL and put the
 * secret MobilePay answers into the variable the tenant's tenant.yaml names. Only for tenants
 * whose MobilePay is the stand-in; one pointed elsewhere keeps the variables it was given.
 */
async function registerDemoMobilePayWebhooks(
  env: Env,
  tenants: readonly TenantConfig[],
  gatewayUrl: string,
): Promise<void> {
  for (const tenant of tenants) {
    const mobilepay = tenant.payments?.mobilepay;
    const host = tenant.hosts[0];
    if (!mobilepay || !host || mobilepay.baseUrl.replace(/\/+$/, '') !== gatewayUrl) continue;
    const { secret } = await registerMobilePayWebhook(
      {
        baseUrl: mobilepay.baseUrl,
        clientId: mobilepay.clientId,
        clientSecret: process.env[mobilepay.clientSecretEnv] || DEMO_PAYMENT_KEYS.mobilePayClientSecret,
        subscriptionKey: process.env[mobilepay.subscriptionKeyEnv] || DEMO_PAYMENT_KEYS.mobilePaySubscriptionKey,
        merchantSerialNumber: mobilepay.merchantSerialNumber,
      },
      `${publicOrigin(env, host)}/betaling/webhooks/mobilepay`,
    );
    process.env[mobilepay.webhookSecretEnv] = secret;
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
  standIns: { mail: string; idp: string; gateway: string; ops: readonly string[] },
): void {
  const safeDb = new URL(adminUrl);
  safeDb.password = '***';
  const lines: string[] = ['', 'Kantinekort demo is running. Ctrl-C stops everything.', ''];
  for (const tenant of tenants) {
    lines.push(`  ${tenant.productName} portal: ${tenant.hosts.map((h) => `http://${h}:${webPort}`).join(', ')}`);
  }
  lines.push(`  POS API:      ${posUrl}   (OpenAPI: ${posUrl}/openapi.json)`);
  lines.push(`  Caught email: ${standIns.mail}`, `  MitID stand-in (OIDC): ${standIns.idp}`);
  lines.push(`  Payment gateway stand-in (Nexi, MobilePay): ${standIns.gateway}   (what it charged: /_sim/ledger)`);
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
  lines.push(
    '',
    'Test payment cards on the stand-in\'s Nexi page, "Gennemfør Betaling" (any future expiry date, any 3-digit CVC):',
  );
  for (const card of Object.values(TEST_CARDS)) {
    lines.push(`  ${card.number.padEnd(18)} ${card.brand.padEnd(11)} ${card.outcome.padEnd(19)} ${card.description}`);
  }
  lines.push(
    `  MobilePay (gladsaxe): the stand-in's page is the phone, ${readablePhone(DEMO_MOBILEPAY_PHONE_NUMBER)}; "Godkend" or "Afvis".`,
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

/** 4512345678 as +45 12 34 56 78. */
function readablePhone(msisdn: string): string {
  const danish = /^45(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(msisdn);
  return danish ? `+45 ${danish.slice(1).join(' ')}` : `+${msisdn}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
