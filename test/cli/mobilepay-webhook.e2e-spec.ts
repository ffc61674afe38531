import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_PAYMENT_KEYS } from '@kk/config';
import { MobilePayProvider, verifyMobilePayWebhook } from '@kk/payments';
import { answerOnPhone, WebhookReceiver } from '@kk/testing';
import { startGatewaySim, type RunningGatewaySim } from '../../apps/gateway-sim/src/main';

/**
 * `payments:register-mobilepay-webhook`, the compiled CLI against the gateway stand-in and the
 * repository's own tenants/ (Gladsaxe takes MobilePay): the secret it prints is the one the
 * provider then signs the tenant's events with, and every missing piece is a one-line refusal.
 */
const CLI = resolve(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');
const TENANTS = resolve(__dirname, '..', '..', 'tenants');

jest.setTimeout(30_000);

let sim: RunningGatewaySim;
let receiver: WebhookReceiver;

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const variables = {
    PATH: process.env.PATH,
    TENANTS_DIR: TENANTS,
    PAYMENT_GATEWAY_URL: sim.url,
    GLADSAXE_MOBILEPAY_CLIENT_SECRET: DEMO_PAYMENT_KEYS.mobilePayClientSecret,
    GLADSAXE_MOBILEPAY_SUBSCRIPTION_KEY: DEMO_PAYMENT_KEYS.mobilePaySubscriptionKey,
    ...env,
  };
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, 'payments:register-mobilepay-webhook', ...args], { env: variables });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

async function expectRefusal(run: Promise<CliRun>, message: RegExp): Promise<void> {
  const { code, stdout, stderr } = await run;
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toMatch(message);
  expect(stderr.trim().split('\n')).toHaveLength(1);
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run -s build\` first`);
  sim = await startGatewaySim({ port: 0 });
  receiver = await new WebhookReceiver().start();
});

afterAll(async () => {
  await receiver?.stop();
  await sim?.stop();
});

it('registers the portal’s URL and prints the secret MobilePay then signs Gladsaxe’s events with', async () => {
  const portal = new URL(receiver.url()).origin;
  const run = await cli(['gladsaxe', '--portal-url', portal]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const printed = JSON.parse(run.stdout) as Record<string, string>;
  expect(printed).toEqual({
    tenant: 'gladsaxe',
    url: `${portal}/betaling/webhooks/mobilepay`,
    webhookId: expect.any(String),
    secret: expect.stringMatching(/.{16,}/),
    variable: 'GLADSAXE_MOBILEPAY_WEBHOOK_SECRET',
  });

  // A parent pays by MobilePay at Gladsaxe's sales unit: the event comes to the registered
  // URL, signed with exactly the printed secret.
  const mobilePay = new MobilePayProvider({
    baseUrl: sim.url,
    clientId: 'd0c5a1e2-7b3f-4c8d-9e6a-5f4b3c2d1e0a',
    merchantSerialNumber: '123456',
    clientSecret: DEMO_PAYMENT_KEYS.mobilePayClientSecret,
    subscriptionKey: DEMO_PAYMENT_KEYS.mobilePaySubscriptionKey,
    webhookSecret: printed.secret ?? '',
  });
  const payment = await mobilePay.createHostedPayment({
    reference: `cli-hook-${Date.now()}`,
    amount: 10_000,
    description: 'Indbetaling',
    returnUrl: `${portal}/indbetalinger/x`,
    cancelUrl: `${portal}/indbetalinger/x?afbrudt=1`,
    termsUrl: `${portal}/handelsbetingelser`,
    storeCard: false,
    webhookUrl: '',
  });
  expect((await answerOnPhone(payment.redirectUrl, 'approve')).status).toBe(303);
  await receiver.waitFor((received) => received.some((hook) => hook.path === '/betaling/webhooks/mobilepay'));
  const hook = receiver.received.find((received) => received.path === '/betaling/webhooks/mobilepay');
  if (!hook) throw new Error('no webhook');
  const signed = (secret: string) =>
    verifyMobilePayWebhook({
      method: hook.method,
      pathAndQuery: hook.path,
      host: String(hook.headers.host),
      headers: hook.headers,
      rawBody: hook.rawBody,
      secret,
    });
  expect(signed(printed.secret ?? '')).toBe(true);
  expect(signed(DEMO_PAYMENT_KEYS.mobilePayWebhookSecret)).toBe(false);
});

it('refuses, in one line and without registering, what cannot work', async () => {
  const hooksBefore = receiver.received.length;
  await expectRefusal(
    cli(['gladsaxe', '--portal-url', 'https://gladsaxekortet.dk'], { GLADSAXE_MOBILEPAY_CLIENT_SECRET: '' }),
    /GLADSAXE_MOBILEPAY_CLIENT_SECRET is not set/,
  );
  await expectRefusal(cli(['sctibs', '--portal-url', 'https://sctibs.dk']), /has no payments\.mobilepay/);
  await expectRefusal(cli(['nowhere', '--portal-url', 'https://x.dk']), /nowhere/);
  await expectRefusal(cli(['gladsaxe', '--portal-url', 'http://gladsaxekortet.dk']), /must use https/);
  await expectRefusal(cli(['gladsaxe', '--portal-url', 'https://gladsaxekortet.dk/portal']), /without a path/);
  await expectRefusal(cli(['gladsaxe', '--portal-url', 'not a url']), /portal's address/);
  await expectRefusal(
    cli(['gladsaxe', '--portal-url', 'https://gladsaxekortet.dk'], { PAYMENT_GATEWAY_URL: 'http://127.0.0.1:9' }),
    /MobilePay did not register https:\/\/gladsaxekortet\.dk\/betaling\/webhooks\/mobilepay/,
  );
  expect(receiver.received.length).toBe(hooksBefore);
});
