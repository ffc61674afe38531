import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { createPosApp } from '../../apps/pos/src/create-pos-app';
import type { PosModuleOptions } from '../../apps/pos/src/pos.module';
import { openAppDataSource } from '@kk/testing';

export interface PosTestApp {
  readonly app: NestFastifyApplication;
  readonly ds: DataSource;
  close(): Promise<void>;
}

export const TEST_LOW_BALANCE_THRESHOLD = 5000;

/** The real POS app over the real database, listening on a free port (supertest and real concurrency). */
export async function startPosTestApp(
  options: Partial<Pick<PosModuleOptions, 'rateLimitPerMinute' | 'failedAuthLimitPerMinute' | 'trustProxy'>> & {
    poolSize?: number;
  } = {},
): Promise<PosTestApp> {
  const ds = await openAppDataSource(options.poolSize ?? 10);
  const app = await createPosApp({
    dataSource: ds,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    // The failed-authentication limit and trustProxy keep the production defaults unless given.
    failedAuthLimitPerMinute: options.failedAuthLimitPerMinute,
    trustProxy: options.trustProxy,
    lowBalanceThreshold: () => TEST_LOW_BALANCE_THRESHOLD,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    ds,
    close: async () => {
      await app.close();
      await ds.destroy();
    },
  };
}
