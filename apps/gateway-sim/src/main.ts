import { DEMO_MOBILEPAY_MERCHANT, DEMO_NEXI_MERCHANT } from './demo-credentials';
import { startGatewaySim } from './gateway-sim';
import type { GatewaySimOptions } from './gateway-sim-options';

export { startGatewaySim, type RunningGatewaySim } from './gateway-sim';
export type { GatewaySimOptions } from './gateway-sim-options';
export type { MobilePayMerchant, NexiMerchant } from './merchant-credentials';
export type { Clock } from './clock';
export { DEMO_MOBILEPAY_MERCHANT, DEMO_MOBILEPAY_PHONE_NUMBER, DEMO_NEXI_MERCHANT } from './demo-credentials';
export { TEST_CARDS, type TestCard, type CardBrand, type CardOutcome } from './nexi/test-cards';
export { IDENTICAL_TRANSACTION_TEXT } from './nexi/nexi-checkout.service';
export type { GatewaySimControls, LedgerEntry, SimLedger } from './test-controls/gateway-sim-controls';

const DEFAULT_PORT = 3002;

/**
 * The demo's gateway from the environment: GATEWAY_SIM_PORT (3002), GATEWAY_SIM_PUBLIC_URL
 * (default http://localhost:<port>), one Nexi merchant (GATEWAY_SIM_NEXI_MERCHANT_ID,
 * GATEWAY_SIM_NEXI_SECRET_KEY) and one MobilePay sales unit (GATEWAY_SIM_MOBILEPAY_CLIENT_ID,
 * …_CLIENT_SECRET, …_SUBSCRIPTION_KEY, …_MSN), each defaulting to the demo values.
 */
export function gatewaySimOptionsFromEnv(env: NodeJS.ProcessEnv): GatewaySimOptions {
  const merchantId = env.GATEWAY_SIM_NEXI_MERCHANT_ID || String(DEMO_NEXI_MERCHANT.merchantId);
  if (!/^\d{1,12}$/.test(merchantId)) throw new Error(`GATEWAY_SIM_NEXI_MERCHANT_ID is not a number: ${merchantId}`);
  return {
    port: parsePort(env.GATEWAY_SIM_PORT),
    publicUrl: env.GATEWAY_SIM_PUBLIC_URL || undefined,
    nexiMerchants: [
      { merchantId: Number(merchantId), secretKey: env.GATEWAY_SIM_NEXI_SECRET_KEY || DEMO_NEXI_MERCHANT.secretKey },
    ],
    mobilePayMerchants: [
      {
        clientId: env.GATEWAY_SIM_MOBILEPAY_CLIENT_ID || DEMO_MOBILEPAY_MERCHANT.clientId,
        clientSecret: env.GATEWAY_SIM_MOBILEPAY_CLIENT_SECRET || DEMO_MOBILEPAY_MERCHANT.clientSecret,
        subscriptionKey: env.GATEWAY_SIM_MOBILEPAY_SUBSCRIPTION_KEY || DEMO_MOBILEPAY_MERCHANT.subscriptionKey,
        merchantSerialNumber: env.GATEWAY_SIM_MOBILEPAY_MSN || DEMO_MOBILEPAY_MERCHANT.merchantSerialNumber,
      },
    ],
    logger: true,
  };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`GATEWAY_SIM_PORT is not a port: ${value}`);
  return port;
}

async function main(): Promise<void> {
  const sim = await startGatewaySim(gatewaySimOptionsFromEnv(process.env));
  // A spawning parent waits for this line.
  process.stdout.write(`Payment gateway stand-in (Nexi, MobilePay) listening on ${sim.url}\n`);
  const shutdown = (): void => {
    void sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  if (process.env.GATEWAY_SIM_EXIT_WITH_STDIN === '1') {
    // Started as a child: a killed parent closes the pipe, and no orphan keeps the port.
    process.stdin.once('close', shutdown);
    process.stdin.resume();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
