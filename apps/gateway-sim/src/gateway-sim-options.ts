import { SYSTEM_CLOCK, type Clock } from './clock';
import { DEMO_MOBILEPAY_MERCHANT, DEMO_NEXI_MERCHANT } from './demo-credentials';
import type { MobilePayMerchant, NexiMerchant } from './merchant-credentials';

export interface GatewaySimOptions {
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** The origin the hosted pages are reached at; default http://localhost:<port>. */
  readonly publicUrl?: string;
  /** Default: the demo merchant only. */
  readonly nexiMerchants?: readonly NexiMerchant[];
  /** Default: the demo sales unit only. */
  readonly mobilePayMerchants?: readonly MobilePayMerchant[];
  /** "Identisk Transaktion": the same card and amount again within this time is refused. Default 10 minutes. */
  readonly identicalTransactionWindowMs?: number;
  /** Waits before each retry of a failed webhook delivery; exhausted, the delivery is given up. */
  readonly webhookRetryScheduleMs?: readonly number[];
  /** How long one delivery attempt may take. Default 10 s. */
  readonly webhookTimeoutMs?: number;
  readonly clock?: Clock;
  /** Nest's warnings and errors on stderr; off unless asked for. */
  readonly logger?: boolean;
  /** Serve the /_sim test controls over HTTP. Default true. */
  readonly testControls?: boolean;
}

export interface ResolvedGatewaySimOptions {
  readonly port: number;
  readonly publicUrl: string | undefined;
  readonly nexiMerchants: readonly NexiMerchant[];
  readonly mobilePayMerchants: readonly MobilePayMerchant[];
  readonly identicalTransactionWindowMs: number;
  readonly webhookRetryScheduleMs: readonly number[];
  readonly webhookTimeoutMs: number;
  readonly clock: Clock;
  readonly logger: boolean;
  readonly testControls: boolean;
}

const MINUTE = 60_000;

/** Growing waits, like the providers' own: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h, 24 h, then give up. */
export const DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS: readonly number[] = [
  10_000,
  MINUTE,
  5 * MINUTE,
  30 * MINUTE,
  120 * MINUTE,
  360 * MINUTE,
  1440 * MINUTE,
];

export const DEFAULT_IDENTICAL_TRANSACTION_WINDOW_MS = 10 * MINUTE;

export function resolveOptions(options: GatewaySimOptions): ResolvedGatewaySimOptions {
  const resolved: ResolvedGatewaySimOptions = {
    port: options.port,
    publicUrl: options.publicUrl,
    nexiMerchants: options.nexiMerchants ?? [DEMO_NEXI_MERCHANT],
    mobilePayMerchants: options.mobilePayMerchants ?? [DEMO_MOBILEPAY_MERCHANT],
    identicalTransactionWindowMs: options.identicalTransactionWindowMs ?? DEFAULT_IDENTICAL_TRANSACTION_WINDOW_MS,
    webhookRetryScheduleMs: options.webhookRetryScheduleMs ?? DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    clock: options.clock ?? SYSTEM_CLOCK,
    logger: options.logger ?? false,
    testControls: options.testControls ?? true,
  };
  assertUnique(
    resolved.nexiMerchants.map((m) => m.secretKey),
    'Nexi secret keys',
  );
  assertUnique(
    resolved.mobilePayMerchants.map((m) => m.clientId),
    'MobilePay client ids',
  );
  for (const merchant of resolved.mobilePayMerchants) {
    if (!/^\d{4,6}$/.test(merchant.merchantSerialNumber)) {
      throw new Error(`gateway-sim: a merchant serial number is 4–6 digits, got ${merchant.merchantSerialNumber}`);
    }
  }
  if (resolved.webhookRetryScheduleMs.some((ms) => !Number.isFinite(ms) || ms < 0)) {
    throw new Error('gateway-sim: the webhook retry schedule holds waits in milliseconds, each ≥ 0');
  }
  return resolved;
}

function assertUnique(values: readonly string[], what: string): void {
  if (new Set(values).size !== values.length) throw new Error(`gateway-sim: two merchants share one of the ${what}`);
}
