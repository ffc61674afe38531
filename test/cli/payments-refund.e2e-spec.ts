import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { syncTenants } from '@kk/database';
import { PaymentReconciliation } from '@kk/payments';
import { loadTenants, type TenantConfig } from '@kk/tenancy';
import {
  completedDeposit,
  openAppDataSource,
  payingTenantYaml,
  paymentsLedger,
  refundsOfPayment,
  startPaymentsTestContext,
  testEnv,
  testPaymentEnv,
  uniqueSlug,
  writeTenantsDir,
  type LibTestContext,
} from '@kk/testing';
import { startGatewaySim, type RunningGatewaySim } from '../../apps/gateway-sim/src/main';

/**
 * `payments:refund`, the compiled CLI against the test database and the gateway stand-in: one
 * JSON object on stdout, the money back on the payer's card at the stand-in exactly once, and
 * every refusal a one-line message that changes nothing.
 */
const CLI = resolve(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

jest.setTimeout(60_000);

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: Record<string, unknown>;
}

let sim: RunningGatewaySim;
let ds: DataSource;
let lib: LibTestContext;
let tenant: TenantConfig;
let tenantsDir: string;
/** The same tenant with Nexi at an address where nothing answers. */
let offlineDir: string;

function cli(args: readonly string[], dir = tenantsDir): Promise<CliRun> {
  const env = {
    ...process.env,
    ...testPaymentEnv([tenant]),
    DATABASE_URL: testEnv().adminUrl,
    APP_DB_PASSWORD: testEnv().appPassword,
    TENANTS_DIR: dir,
  };
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, 'payments:refund', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => {
      let json: Record<string, unknown> = {};
      if (stdout !== '') {
        // One object on one line: a stray log line would make this throw.
        expect(stdout.endsWith('\n') && stdout.indexOf('\n') === stdout.length - 1).toBe(true);
        json = JSON.parse(stdout) as Record<string, unknown>;
      }
      done({ code, stdout, stderr, json });
    });
  });
}

async function expectRefusal(run: Promise<CliRun>, message: RegExp): Promise<void> {
  const { code, stdout, stderr } = await run;
  expect(code).not.toBe(0);
  expect(stdout).toBe('');
  expect(stderr).toMatch(message);
  expect(stderr.trim().split('\n')).toHaveLength(1);
}

const refundedAtProvider = (providerPaymentId: string) =>
  sim.controls
    .ledger()
    .refunds.filter((refund) => refund.payment === providerPaymentId)
    .map((refund) => refund.amount);
const balanceOf = async (accountId: string) => (await paymentsLedger(ds, [tenant.slug])).balanceOf(accountId);

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run -s build\` first`);
  sim = await startGatewaySim({ port: 0 });
  const slug = uniqueSlug('refund');
  const folder = (gatewayUrl: string) => ({
    slug,
    config: payingTenantYaml(slug, gatewayUrl, { displayName: 'Refund test' }),
  });
  tenantsDir = writeTenantsDir([folder(sim.url)]);
  offlineDir = writeTenantsDir([folder('http://127.0.0.1:9')]);
  tenant = loadTenants(tenantsDir, {}).require(slug);
  ds = await openAppDataSource(4);
  await syncTenants(ds, [{ slug, name: tenant.displayName }]);
  lib = await startPaymentsTestContext(ds, [tenant]);
});

afterAll(async () => {
  await lib?.close();
  if (ds?.isInitialized) await ds.destroy();
  await sim?.stop();
  for (const dir of [tenantsDir, offlineDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  const ledger = await paymentsLedger(ds, [tenant.slug], sim.controls.ledger());
  expect(ledger.problems).toEqual([]);
  expect(ledger.pendingRefundOre).toBe(0);
});

it('refunds part of a card deposit, prints the refund, and then the rest', async () => {
  const deposit = await completedDeposit(lib, ds, tenant, { kroner: '300' });
  const run = await cli([tenant.slug, deposit.paymentId, '--amount', '120,50', '--by', 'Kontoret (Mette)']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.json).toEqual({
    refundId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    paymentId: deposit.paymentId,
    amount: 12_050,
    status: 'completed',
    requestedBy: 'Kontoret (Mette)',
    balance: 17_950,
  });
  expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([12_050]);

  const rest = await cli([tenant.slug, deposit.paymentId.toUpperCase(), '--amount', '179,50', '--by', 'ops']);
  expect(rest.code).toBe(0);
  expect(rest.json).toMatchObject({ amount: 17_950, status: 'completed', balance: 0 });
  expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([12_050, 17_950]);
});

it('prints a refund the provider could not be asked about as pending; the reconciliation completes it', async () => {
  const deposit = await completedDeposit(lib, ds, tenant, { kroner: '200' });
  const run = await cli([tenant.slug, deposit.paymentId, '--amount', '50', '--by', 'ops'], offlineDir);
  expect(run.code).toBe(0);
  expect(run.json).toMatchObject({
    amount: 5_000,
    status: 'pending',
    pendingReason: 'providerUnavailable',
    balance: 15_000,
  });
  await expectRefusal(
    cli([tenant.slug, deposit.paymentId, '--amount', '10', '--by', 'ops']),
    new RegExp(`Refund ${String(run.json.refundId)} of payment ${deposit.paymentId} is still pending`),
  );
  await lib.get(PaymentReconciliation).runOnce(new Date(Date.now() + 3 * 60_000));
  expect((await refundsOfPayment(ds, tenant.slug, deposit.paymentId)).map((r) => r.status)).toEqual(['completed']);
  expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([5_000]);
});

it('refuses, in one line and changing nothing, what cannot be refunded', async () => {
  const deposit = await completedDeposit(lib, ds, tenant, { kroner: '100' });
  const refuse = (args: string[], message: RegExp) => expectRefusal(cli(args), message);
  await refuse([tenant.slug, deposit.paymentId, '--amount', '100,01', '--by', 'ops'], /At most 100,00 kr\. of payment/);
  await refuse([tenant.slug, deposit.paymentId, '--amount', '12.50', '--by', 'ops'], /--amount is in kroner/);
  await refuse([tenant.slug, deposit.paymentId, '--amount', '0', '--by', 'ops'], /--amount is in kroner/);
  await refuse([tenant.slug, deposit.paymentId, '--amount', '-5', '--by', 'ops'], /--amount is in kroner/);
  await refuse([tenant.slug, deposit.paymentId, '--amount', '10', '--by', ' '], /--by must not be empty/);
  await refuse([tenant.slug, deposit.paymentId, '--amount', '10'], /--by/);
  await refuse([tenant.slug, 'not-an-id', '--amount', '10', '--by', 'ops'], /The payment id must be an id/);
  const unknown = '3f2b8c1e-0000-4000-8000-000000000000';
  await refuse([tenant.slug, unknown, '--amount', '10', '--by', 'ops'], /Payment 3f2b8c1e-.* is unknown to tenant/);
  await refuse(['nowhere', deposit.paymentId, '--amount', '10', '--by', 'ops'], /nowhere/);
  expect(await refundsOfPayment(ds, tenant.slug, deposit.paymentId)).toEqual([]);
  expect(await balanceOf(deposit.person.accountId)).toBe(10_000);
  expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([]);
});
